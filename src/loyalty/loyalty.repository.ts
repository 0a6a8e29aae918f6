import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';

export const DEFAULT_SETTINGS = { points_per_unit: 1, point_value_minor: 1, expiry_days: 365 as number | null, max_redeem_bp: 5000 };

export async function settingsOf(db: Executor, merchantId: string) {
  const row = await db.selectFrom('loyalty_settings').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst();
  return row ?? { merchant_id: merchantId, ...DEFAULT_SETTINGS, updated_at: new Date(0) };
}

export const tiersOf = (db: Executor, merchantId: string) =>
  db.selectFrom('loyalty_tiers').selectAll().where('merchant_id', '=', merchantId).orderBy('threshold_points').execute();

export const rulesOf = (db: Executor, merchantId: string) =>
  db.selectFrom('loyalty_rules').selectAll().where('merchant_id', '=', merchantId).orderBy('created_at').execute();

/** Card numbers are 12 digits with a Luhn check digit so a mistyped card is caught at the till. */
export function newCardNumber(): string {
  const body = Array.from({ length: 11 }, () => randomInt(10)).join('');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

/** The account row, created on first use and locked for the caller's transaction. */
export async function lockAccount(db: Executor, merchantId: string, customerId: string) {
  await db.insertInto('loyalty_accounts').values({ merchant_id: merchantId, customer_id: customerId, card_number: newCardNumber(), tier_id: null })
    .onConflict((oc) => oc.columns(['merchant_id', 'customer_id']).doNothing()).execute();
  return db.selectFrom('loyalty_accounts').selectAll().where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).forUpdate().executeTakeFirstOrThrow();
}

export const ledgerOf = (db: Executor, merchantId: string, customerId: string, limit = 200) =>
  db.selectFrom('loyalty_ledger').select(['id', 'kind', 'points', 'remaining', 'expires_at', 'ref_type', 'ref_id', 'note', 'created_at'])
    .where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).orderBy('id', 'desc').limit(limit).execute();

/** Takes `points` from the oldest unexpired earn rows first (FIFO), so expiry hits the oldest points. */
export async function consumeOldest(db: Executor, merchantId: string, customerId: string, points: number, preferRef?: { type: string; id: string }) {
  let left = points;
  const lots = await db.selectFrom('loyalty_ledger').select(['id', 'remaining', 'ref_type', 'ref_id'])
    .where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).where('remaining', '>', 0)
    .orderBy(sql`expires_at nulls last`).orderBy('id').forUpdate().execute();
  if (preferRef) lots.sort((a, b) => Number(b.ref_type === preferRef.type && b.ref_id === preferRef.id) - Number(a.ref_type === preferRef.type && a.ref_id === preferRef.id));
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    await db.updateTable('loyalty_ledger').set({ remaining: lot.remaining - take }).where('merchant_id', '=', merchantId).where('id', '=', lot.id).execute();
    left -= take;
  }
  return points - left;
}

export async function sumLedger(db: Executor, merchantId: string, customerId: string) {
  const r = await db.selectFrom('loyalty_ledger').select([sql<number>`coalesce(sum(points), 0)::int`.as('points'), sql<number>`coalesce(sum(remaining), 0)::int`.as('remaining')])
    .where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  return r;
}
