import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db, Trx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel, audit, emitEvent } from '../platform/outbox.ts';
import { lockCustomer } from './customer.repository.ts';
import { profileView } from './profile.service.ts';

// Other domains' tables that point at a customer; re-pointed when they exist (they land on their own schedule).
const FOREIGN_TABLES = ['orders', 'carts', 'code_claims', 'code_redemptions', 'campaign_audience'];

async function hasCustomerColumn(trx: Trx, table: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and column_name = 'customer_id'`.execute(trx);
  return r.rows[0].n > 0;
}

async function repoint(trx: Trx, table: string, merchantId: string, from: string, to: string): Promise<number | 'conflict'> {
  await sql`savepoint merge_repoint`.execute(trx);
  try {
    const r = await sql`update ${sql.table(table)} set customer_id = ${to} where merchant_id = ${merchantId} and customer_id = ${from}`.execute(trx);
    await sql`release savepoint merge_repoint`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  } catch {
    await sql`rollback to savepoint merge_repoint`.execute(trx);
    return 'conflict';
  }
}

/**
 * Folds a duplicate profile into the survivor: sales, purchases, points, claims, touchpoints and
 * identities move over; the survivor keeps its own contact data and consents, filling only gaps.
 * The duplicate stays as an empty forwarding row (merged_into) so old references still resolve.
 */
export async function mergeCustomers(db: Db, actor: Actor, survivorId: string, mergedId: string) {
  requireAccess(actor, Permission.CustomerManage);
  if (survivorId === mergedId) throw new AppError('validation', 'A profile cannot be merged into itself');
  const mergeId = randomUUID();
  await db.transaction().execute(async (trx) => {
    const [first, second] = [survivorId, mergedId].sort();
    const a = await lockCustomer(trx, actor.merchantId, first);
    const b = await lockCustomer(trx, actor.merchantId, second);
    const survivor = a?.id === survivorId ? a : b;
    const merged = a?.id === mergedId ? a : b;
    if (!survivor || !merged) throw notFound('Customer');
    if (survivor.merged_into || merged.merged_into) throw new AppError('invalid_transition', 'One of these profiles was already merged');
    if (survivor.anonymised_at || merged.anonymised_at) throw new AppError('invalid_transition', 'An erased profile cannot be merged');
    const m = actor.merchantId;
    const moved: Record<string, unknown> = {};
    const move = async (table: 'store_sales' | 'customer_purchases' | 'touchpoints' | 'loyalty_ledger' | 'customer_identities' | 'consent_events') => {
      const r = await trx.updateTable(table).set({ customer_id: survivorId }).where('merchant_id', '=', m).where('customer_id', '=', mergedId).executeTakeFirst();
      moved[table] = Number(r.numUpdatedRows);
    };
    for (const t of ['store_sales', 'customer_purchases', 'touchpoints', 'loyalty_ledger', 'customer_identities', 'consent_events'] as const) await move(t);

    // Consents: the survivor's own answers win; the duplicate's fill purposes the survivor never answered.
    const consentFill = await sql`insert into customer_consents (merchant_id, customer_id, purpose, granted, updated_at)
      select merchant_id, ${survivorId}::uuid, purpose, granted, updated_at from customer_consents where merchant_id = ${m} and customer_id = ${mergedId}
      on conflict do nothing`.execute(trx);
    moved.consents_filled = Number(consentFill.numAffectedRows ?? 0);
    await trx.deleteFrom('customer_consents').where('merchant_id', '=', m).where('customer_id', '=', mergedId).execute();

    // Points: one account, balance = sum of the (now shared) ledger.
    const accounts = await trx.selectFrom('loyalty_accounts').selectAll().where('merchant_id', '=', m).where('customer_id', 'in', [survivorId, mergedId]).forUpdate().execute();
    const from = accounts.find((x) => x.customer_id === mergedId);
    if (from) {
      const into = accounts.find((x) => x.customer_id === survivorId);
      if (into) {
        await trx.updateTable('loyalty_accounts').set({ balance: into.balance + from.balance, lifetime_points: into.lifetime_points + from.lifetime_points, updated_at: sql`now()` })
          .where('merchant_id', '=', m).where('customer_id', '=', survivorId).execute();
        await trx.deleteFrom('loyalty_accounts').where('merchant_id', '=', m).where('customer_id', '=', mergedId).execute();
        // The duplicate's card keeps working: it now names the survivor.
        await trx.insertInto('customer_identities').values({ merchant_id: m, kind: 'loyalty_card', value: from.card_number, customer_id: survivorId, verified: true, source: 'merge' })
          .onConflict((oc) => oc.columns(['merchant_id', 'kind', 'value']).doUpdateSet({ customer_id: survivorId })).execute();
      } else {
        await trx.updateTable('loyalty_accounts').set({ customer_id: survivorId }).where('merchant_id', '=', m).where('customer_id', '=', mergedId).execute();
      }
      moved.points = from.balance;
    }
    await sql`insert into segment_members (merchant_id, segment_id, customer_id)
      select merchant_id, segment_id, ${survivorId}::uuid from segment_members where merchant_id = ${m} and customer_id = ${mergedId} on conflict do nothing`.execute(trx);
    await trx.deleteFrom('segment_members').where('merchant_id', '=', m).where('customer_id', '=', mergedId).execute();
    await sql`update campaign_conversions c set customer_id = ${survivorId} where merchant_id = ${m} and customer_id = ${mergedId}
      and not exists (select 1 from campaign_conversions s where s.merchant_id = c.merchant_id and s.campaign_id = c.campaign_id and s.customer_id = ${survivorId})`.execute(trx);

    for (const table of FOREIGN_TABLES) {
      if (await hasCustomerColumn(trx, table)) moved[table] = await repoint(trx, table, m, mergedId, survivorId);
    }

    const fill: Record<string, unknown> = {};
    for (const k of ['name', 'age_band', 'gender', 'postcode', 'country', 'lat', 'lng'] as const) {
      if ((survivor[k] === null || survivor[k] === '') && merged[k] !== null && merged[k] !== '') fill[k] = merged[k];
    }
    if (!survivor.email && merged.email) { fill.email = merged.email; fill.email_verified_at = merged.email_verified_at; }
    if (!survivor.phone && merged.phone) { fill.phone = merged.phone; fill.phone_verified_at = merged.phone_verified_at; }
    if (!survivor.password_hash && merged.password_hash) fill.password_hash = merged.password_hash;
    fill.interests = [...new Set([...survivor.interests, ...merged.interests])];
    // Free the duplicate's unique contact columns before the survivor takes them.
    await trx.updateTable('customers').set({ merged_into: survivorId, email: null, phone: null, password_hash: null, updated_at: sql`now()` })
      .where('merchant_id', '=', m).where('id', '=', mergedId).execute();
    await trx.updateTable('customers').set({ ...fill, updated_at: sql`now()` }).where('merchant_id', '=', m).where('id', '=', survivorId).execute();
    // Anything already forwarding to the duplicate now forwards to the survivor directly.
    await trx.updateTable('customers').set({ merged_into: survivorId }).where('merchant_id', '=', m).where('merged_into', '=', mergedId).execute();

    moved.filled = Object.keys(fill);
    await trx.insertInto('customer_merges').values({ merchant_id: m, id: mergeId, survivor_id: survivorId, merged_id: mergedId, moved: JSON.stringify(moved), actor: actorLabel(actor) }).execute();
    await audit(trx, actor, 'customer.merged', { type: 'customer', id: survivorId }, { mergedId, moved });
    await emitEvent(trx, m, 'customer.merged', { survivorId, mergedId, moved });
  });
  const merges = await db.selectFrom('customer_merges').selectAll().where('merchant_id', '=', actor.merchantId).where('id', '=', mergeId).executeTakeFirstOrThrow();
  return { mergeId, moved: merges.moved, customer: await profileView(db, actor.merchantId, survivorId) };
}
