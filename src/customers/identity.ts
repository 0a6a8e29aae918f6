import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { IdentityKind } from './customer.table.ts';

/** What a till, checkout or claim knows about a person; any one of them can find the profile. */
export interface CustomerIdentifiers {
  customerId?: string | null;
  email?: string | null;
  phone?: string | null;
  loyaltyCard?: string | null;
  code?: string | null;
  deviceId?: string | null;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** E.164-like: digits with a leading +, so "+60 12-345 6789" and "+60123456789" are one phone. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) throw new AppError('validation', `"${phone}" is not a phone number`);
  return (trimmed.startsWith('+') || trimmed.startsWith('00') ? '+' : '') + digits.replace(/^00/, '');
}

export const normaliseCard = (card: string) => card.replace(/[\s-]/g, '').toUpperCase();
export const normaliseCode = (code: string) => code.trim().toUpperCase();

export function identitiesOf(ids: CustomerIdentifiers): { kind: IdentityKind; value: string }[] {
  const out: { kind: IdentityKind; value: string }[] = [];
  if (ids.loyaltyCard) out.push({ kind: 'loyalty_card', value: normaliseCard(ids.loyaltyCard) });
  if (ids.email) out.push({ kind: 'email', value: normaliseEmail(ids.email) });
  if (ids.phone) out.push({ kind: 'phone', value: normalisePhone(ids.phone) });
  if (ids.code) out.push({ kind: 'code', value: normaliseCode(ids.code) });
  if (ids.deviceId) out.push({ kind: 'device', value: ids.deviceId.slice(0, 200) });
  return out;
}

/** A merged profile forwards to its survivor; follow the chain (short: merges re-point the survivor). */
export async function liveCustomerId(db: Executor, merchantId: string, customerId: string): Promise<string | null> {
  let id = customerId;
  for (let hops = 0; hops < 10; hops++) {
    const row = await db.selectFrom('customers').select(['id', 'merged_into']).where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (!row.merged_into) return row.id;
    id = row.merged_into;
  }
  return id;
}

/** Finds the profile any of the identifiers belongs to (card first: it is the strongest), or null. */
export async function findCustomer(db: Executor, merchantId: string, ids: CustomerIdentifiers): Promise<string | null> {
  if (ids.customerId) return liveCustomerId(db, merchantId, ids.customerId);
  for (const id of identitiesOf(ids)) {
    const hit = await db.selectFrom('customer_identities').select('customer_id')
      .where('merchant_id', '=', merchantId).where('kind', '=', id.kind).where('value', '=', id.value).executeTakeFirst();
    if (hit) return liveCustomerId(db, merchantId, hit.customer_id);
    if (id.kind === 'email' || id.kind === 'phone') {
      // Accounts registered online carry their email/phone on the customer row itself.
      const q = db.selectFrom('customers').select('id').where('merchant_id', '=', merchantId).where('merged_into', 'is', null);
      const row = await (id.kind === 'email' ? q.where(sql`lower(email)`, '=', id.value) : q.where('phone', '=', id.value)).executeTakeFirst();
      if (row) return row.id;
    }
  }
  if (ids.loyaltyCard) {
    const acct = await db.selectFrom('loyalty_accounts').select('customer_id')
      .where('merchant_id', '=', merchantId).where('card_number', '=', normaliseCard(ids.loyaltyCard)).executeTakeFirst();
    if (acct) return liveCustomerId(db, merchantId, acct.customer_id);
  }
  return null;
}

/** Records identities for a profile; one already held by another profile is left alone (a merge decides). */
export async function linkIdentities(db: Executor, merchantId: string, customerId: string, ids: CustomerIdentifiers, source: string, verified = false) {
  for (const id of identitiesOf(ids)) {
    await db.insertInto('customer_identities')
      .values({ merchant_id: merchantId, kind: id.kind, value: id.value, customer_id: customerId, verified, source })
      .onConflict((oc) => oc.columns(['merchant_id', 'kind', 'value']).doUpdateSet({ verified: sql`customer_identities.verified or excluded.verified` })
        .where('customer_identities.customer_id', '=', customerId))
      .execute();
  }
}

/**
 * One profile across web, guest checkout, till and coupon claim: finds the person by any identifier,
 * otherwise creates a guest/POS profile, then records every identifier given. Call inside a transaction.
 */
export async function resolveCustomer(
  trx: Executor, merchantId: string, ids: CustomerIdentifiers,
  options: { kind: 'guest' | 'pos'; source: string; name?: string | null; verified?: boolean },
): Promise<string | null> {
  if (!identitiesOf(ids).length && !ids.customerId) return null;
  let customerId = await findCustomer(trx, merchantId, ids);
  if (ids.customerId && !customerId) throw new AppError('validation', `Unknown customer ${ids.customerId}`);
  if (!customerId) {
    customerId = randomUUID();
    const email = ids.email ? normaliseEmail(ids.email) : null;
    const phone = ids.phone ? normalisePhone(ids.phone) : null;
    // The contact columns are unique; a value held elsewhere stays only as an identity of this profile.
    const emailFree = email && !(await trx.selectFrom('customers').select('id').where('merchant_id', '=', merchantId).where(sql`lower(email)`, '=', email).executeTakeFirst());
    const phoneFree = phone && !(await trx.selectFrom('customers').select('id').where('merchant_id', '=', merchantId).where('phone', '=', phone).executeTakeFirst());
    await trx.insertInto('customers').values({
      merchant_id: merchantId, id: customerId, email: emailFree ? email : null, phone: phoneFree ? phone : null,
      name: options.name ?? '', password_hash: null, kind: options.kind,
      age_band: null, gender: null, postcode: null, country: null, lat: null, lng: null,
      email_verified_at: null, phone_verified_at: null, merged_into: null, anonymised_at: null,
    }).execute();
  }
  await linkIdentities(trx, merchantId, customerId, { ...ids, customerId: undefined }, options.source, options.verified ?? false);
  return customerId;
}
