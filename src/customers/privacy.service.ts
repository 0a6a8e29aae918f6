import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel, audit, emitEvent } from '../platform/outbox.ts';
import { consentHistory, lockCustomer, recordConsent } from './customer.repository.ts';
import { profileView } from './profile.service.ts';

function selfOrStaff(actor: Actor, id: string, staffPermission: Permission) {
  const self = actor.kind === 'customer';
  requireAccess(actor, self ? Permission.CustomerSelf : staffPermission);
  if (self && actor.customerId !== id) throw notFound('Customer');
}

async function rowsIfTable(db: Db, table: string, merchantId: string, customerId: string) {
  const exists = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and column_name = 'customer_id'`.execute(db);
  if (!exists.rows[0].n) return undefined;
  const r = await sql`select * from ${sql.table(table)} where merchant_id = ${merchantId} and customer_id = ${customerId} limit 10000`.execute(db);
  return r.rows;
}

/** Right of access: everything held about the person, as one JSON document. */
export async function exportCustomer(db: Db, actor: Actor, id: string) {
  selfOrStaff(actor, id, Permission.CustomerRead);
  const m = actor.merchantId;
  const profile = await profileView(db, m, id);
  const [consents, sales, purchases, ledger, touchpoints, segments, merges, messages] = await Promise.all([
    consentHistory(db, m, id),
    db.selectFrom('store_sales').selectAll().where('merchant_id', '=', m).where('customer_id', '=', id).orderBy('occurred_at').execute(),
    db.selectFrom('customer_purchases').selectAll().where('merchant_id', '=', m).where('customer_id', '=', id).orderBy('occurred_at').execute(),
    db.selectFrom('loyalty_ledger').selectAll().where('merchant_id', '=', m).where('customer_id', '=', id).orderBy('id').execute(),
    db.selectFrom('touchpoints').selectAll().where('merchant_id', '=', m).where('customer_id', '=', id).orderBy('occurred_at').limit(10000).execute(),
    db.selectFrom('segment_members').innerJoin('segments', (j) => j.onRef('segments.merchant_id', '=', 'segment_members.merchant_id').onRef('segments.id', '=', 'segment_members.segment_id'))
      .select(['segments.id', 'segments.name', 'segment_members.added_at']).where('segment_members.merchant_id', '=', m).where('customer_id', '=', id).execute(),
    db.selectFrom('customer_merges').selectAll().where('merchant_id', '=', m).where('survivor_id', '=', id).execute(),
    profile.email || profile.phone
      ? db.selectFrom('messages').select(['id', 'channel', 'template', 'subject', 'status', 'created_at']).where('merchant_id', '=', m)
        .where('recipient', 'in', [profile.email, profile.phone].filter((x): x is string => !!x)).execute()
      : Promise.resolve([]),
  ]);
  const saleIds = sales.map((s) => s.id);
  const lines = saleIds.length ? await db.selectFrom('store_sale_lines').selectAll().where('merchant_id', '=', m).where('sale_id', 'in', saleIds).execute() : [];
  const other: Record<string, unknown> = {};
  for (const t of ['orders', 'code_claims', 'code_redemptions', 'campaign_audience']) {
    const rows = await rowsIfTable(db, t, m, id);
    if (rows) other[t] = rows;
  }
  return {
    exportedAt: new Date().toISOString(),
    profile,
    consentHistory: consents,
    storeSales: sales.map((s) => ({ ...s, lines: lines.filter((l) => l.sale_id === s.id) })),
    purchases, loyaltyLedger: ledger, touchpoints, segments, merges, messages,
    ...other,
  };
}

/**
 * Right to erasure: the person becomes anonymous. Sales, points and touchpoints stay (without anything
 * that identifies them) so revenue, rollups and attribution stay true; contact data, identities,
 * demographics and free-text traces go.
 */
export async function eraseCustomer(db: Db, actor: Actor, id: string) {
  selfOrStaff(actor, id, Permission.CustomerManage);
  const m = actor.merchantId;
  await db.transaction().execute(async (trx) => {
    const row = await lockCustomer(trx, m, id);
    if (!row || row.merged_into) throw notFound('Customer');
    if (row.anonymised_at) throw new AppError('invalid_transition', 'This customer was already erased');
    const contacts = [row.email, row.phone].filter((x): x is string => !!x);
    await trx.updateTable('customers').set({
      email: null, phone: null, name: '', password_hash: null, age_band: null, gender: null, postcode: null, country: null,
      lat: null, lng: null, interests: [], preferences: '{}', email_verified_at: null, phone_verified_at: null,
      anonymised_at: sql`now()`, updated_at: sql`now()`,
    }).where('merchant_id', '=', m).where('id', '=', id).execute();
    await trx.deleteFrom('customer_identities').where('merchant_id', '=', m).where('customer_id', '=', id).execute();
    const consents = await trx.selectFrom('customer_consents').select(['purpose', 'granted']).where('merchant_id', '=', m).where('customer_id', '=', id).execute();
    for (const c of consents.filter((c) => c.granted)) await recordConsent(trx, m, id, c.purpose, false, 'erasure', actorLabel(actor));
    await trx.updateTable('touchpoints').set({ anonymous_id: null, click_id: null, url: null, lat: null, lng: null, data: '{}' })
      .where('merchant_id', '=', m).where('customer_id', '=', id).execute();
    // A card number is an identifier too: replace it, keep the ledger (points aggregates stay true).
    await trx.updateTable('loyalty_accounts').set({ card_number: `ERASED-${randomUUID()}` }).where('merchant_id', '=', m).where('customer_id', '=', id).execute();
    if (contacts.length) {
      await trx.updateTable('messages').set({ recipient: 'erased', body_text: '', body_html: null })
        .where('merchant_id', '=', m).where('recipient', 'in', contacts).execute();
    }
    await trx.deleteFrom('segment_members').where('merchant_id', '=', m).where('customer_id', '=', id).execute();
    await audit(trx, actor, 'customer.erased', { type: 'customer', id });
    await emitEvent(trx, m, 'customer.erased', { customerId: id });
  });
  return { id, erased: true };
}
