import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export const findRedemption = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('code_redemptions').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const findByClientId = (db: Executor, merchantId: string, clientRedemptionId: string) =>
  db.selectFrom('code_redemptions').selectAll().where('merchant_id', '=', merchantId)
    .where('client_redemption_id', '=', clientRedemptionId).executeTakeFirst();

export const findForOrder = (db: Executor, merchantId: string, orderRef: string) =>
  db.selectFrom('code_redemptions').selectAll().where('merchant_id', '=', merchantId).where('order_ref', '=', orderRef).execute();

/** The latest live redemption of a code: who took it, for conflict reports. */
export const latestLiveRedemption = (db: Executor, merchantId: string, codeId: string) =>
  db.selectFrom('code_redemptions').select(['id', 'store_id', 'redeemed_at', 'sale_ref', 'order_ref', 'channel'])
    .where('merchant_id', '=', merchantId).where('code_id', '=', codeId).where('voided_at', 'is', null)
    .orderBy('redeemed_at', 'desc').limit(1).executeTakeFirst();

/**
 * Spends campaign budget under the row lock the UPDATE takes: succeeds only while the budget holds,
 * so concurrent redemptions can never overspend. Returns the new totals, or null when it would overspend.
 */
export async function spendBudget(db: Executor, merchantId: string, campaignId: string, discountMinor: number) {
  const r = await sql<{ spent_minor: number; redemptions_count: number; budget_minor: number | null; budget_redemptions: number | null }>`
    update campaigns set spent_minor = spent_minor + ${discountMinor}, redemptions_count = redemptions_count + 1, updated_at = now()
    where merchant_id = ${merchantId} and id = ${campaignId}
      and (budget_minor is null or spent_minor + ${discountMinor} <= budget_minor)
      and (budget_redemptions is null or redemptions_count < budget_redemptions)
    returning spent_minor, redemptions_count, budget_minor, budget_redemptions`.execute(db);
  return r.rows[0] ?? null;
}

export async function refundBudget(db: Executor, merchantId: string, campaignId: string, discountMinor: number) {
  await sql`
    update campaigns set spent_minor = greatest(0, spent_minor - ${discountMinor}), redemptions_count = greatest(0, redemptions_count - 1), updated_at = now()
    where merchant_id = ${merchantId} and id = ${campaignId}`.execute(db);
}

/** Counts one more use of a code unless its limit is reached (the row is already locked by the caller). */
export async function takeCodeUse(db: Executor, merchantId: string, codeId: string): Promise<boolean> {
  const r = await sql`
    update codes set redemptions_count = redemptions_count + 1
    where merchant_id = ${merchantId} and id = ${codeId} and (max_redemptions is null or redemptions_count < max_redemptions)`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}

export async function giveBackCodeUse(db: Executor, merchantId: string, codeId: string) {
  await sql`update codes set redemptions_count = greatest(0, redemptions_count - 1) where merchant_id = ${merchantId} and id = ${codeId}`.execute(db);
}
