import { sql } from 'kysely';
import type { Db, Executor } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { emitEvent } from '../platform/outbox.ts';
import * as repo from './loyalty.repository.ts';
import type { LedgerKind } from './loyalty.table.ts';

/** Minor units in one major unit of a currency (100 for MYR, 1 for JPY). */
export function minorPerUnit(currency: string): number {
  try {
    return 10 ** (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
  } catch {
    return 100;
  }
}

export interface PurchaseForPoints {
  customerId: string;
  channel: 'online' | 'store';
  refType: string;
  refId: string;
  currency: string;
  occurredAt: Date;
  /** Each line's amount paid after discounts, with its category for category rules. */
  lines: { amountMinor: number; categoryId?: string | null }[];
  /** Campaigns the purchase came through (redeemed codes), for campaign multipliers. */
  campaignIds?: string[];
}

async function addRow(db: Executor, merchantId: string, customerId: string, kind: LedgerKind, points: number, ref: { type: string; id: string } | null, extra: { expiresAt?: Date | null; note?: string | null } = {}) {
  await db.insertInto('loyalty_ledger').values({
    merchant_id: merchantId, customer_id: customerId, kind, points, remaining: points > 0 ? points : 0,
    expires_at: extra.expiresAt ?? null, ref_type: ref?.type ?? null, ref_id: ref?.id ?? null, note: extra.note ?? null,
  }).execute();
}

async function setBalance(db: Executor, merchantId: string, customerId: string, delta: number, earned: number) {
  const tiers = await repo.tiersOf(db, merchantId);
  const acct = await db.updateTable('loyalty_accounts')
    .set({ balance: sql`balance + ${delta}`, lifetime_points: sql`lifetime_points + ${earned}`, updated_at: sql`now()` })
    .where('merchant_id', '=', merchantId).where('customer_id', '=', customerId)
    .returning(['balance', 'lifetime_points', 'tier_id']).executeTakeFirstOrThrow();
  // Tiers go by points earned over the membership, so spending never demotes anyone.
  const tier = [...tiers].reverse().find((t) => acct.lifetime_points >= t.threshold_points) ?? null;
  if ((tier?.id ?? null) !== acct.tier_id) {
    await db.updateTable('loyalty_accounts').set({ tier_id: tier?.id ?? null }).where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).execute();
    await emitEvent(db, merchantId, 'loyalty.tier_changed', { customerId, tier: tier?.name ?? null });
  }
  return acct.balance;
}

/**
 * Credits points for a purchase (online order or store sale) by the merchant's rules: points per currency
 * unit, times the best category multiplier of each line, times campaign multipliers, times the tier's.
 * Idempotent per (refType, refId). Call inside the purchase's transaction. Returns the points credited.
 */
export async function earnPointsForPurchase(trx: Executor, merchantId: string, p: PurchaseForPoints): Promise<number> {
  const settings = await repo.settingsOf(trx, merchantId);
  const account = await repo.lockAccount(trx, merchantId, p.customerId);
  const already = await trx.selectFrom('loyalty_ledger').select('id').where('merchant_id', '=', merchantId)
    .where('kind', '=', 'earn').where('ref_type', '=', p.refType).where('ref_id', '=', p.refId).executeTakeFirst();
  if (already) return 0;
  const [rules, tiers] = await Promise.all([repo.rulesOf(trx, merchantId), repo.tiersOf(trx, merchantId)]);
  const active = rules.filter((r) => (!r.starts_at || r.starts_at <= p.occurredAt) && (!r.ends_at || r.ends_at > p.occurredAt));
  const campaignBp = active.filter((r) => r.kind === 'campaign' && p.campaignIds?.includes(r.campaign_id!))
    .reduce((bp, r) => Math.max(bp, r.multiplier_bp), 10000);
  const tierBp = tiers.find((t) => t.id === account.tier_id)?.earn_multiplier_bp ?? 10000;
  const unit = minorPerUnit(p.currency);
  let raw = 0;
  for (const line of p.lines) {
    if (line.amountMinor <= 0) continue;
    const categoryBp = active.filter((r) => r.kind === 'category' && r.category_id === line.categoryId).reduce((bp, r) => Math.max(bp, r.multiplier_bp), 10000);
    raw += (line.amountMinor / unit) * settings.points_per_unit * (categoryBp / 10000);
  }
  const points = Math.floor(raw * (campaignBp / 10000) * (tierBp / 10000));
  if (points <= 0) return 0;
  const expiresAt = settings.expiry_days ? new Date(p.occurredAt.getTime() + settings.expiry_days * 86400_000) : null;
  await addRow(trx, merchantId, p.customerId, 'earn', points, { type: p.refType, id: p.refId }, { expiresAt });
  const balance = await setBalance(trx, merchantId, p.customerId, points, points);
  await emitEvent(trx, merchantId, 'loyalty.points_earned', { customerId: p.customerId, points, balance, channel: p.channel, refType: p.refType, refId: p.refId });
  return points;
}

/** What `points` are worth as a discount, capped at the share of the basket the merchant allows. */
export async function quoteRedemption(db: Executor, merchantId: string, points: number, basketMinor: number) {
  const s = await repo.settingsOf(db, merchantId);
  const maxMinor = Math.floor((basketMinor * s.max_redeem_bp) / 10000);
  const maxPoints = Math.floor(maxMinor / s.point_value_minor);
  return { points: Math.min(points, maxPoints), discountMinor: Math.min(points, maxPoints) * s.point_value_minor, pointValueMinor: s.point_value_minor, maxPoints };
}

/**
 * Spends points as a discount on a purchase (online or at the till). Refuses more than the balance or
 * the allowed share of the basket. Idempotent per ref. Returns the discount in minor units.
 */
export async function spendPoints(trx: Executor, merchantId: string, s: { customerId: string; points: number; basketMinor: number; refType: string; refId: string }) {
  if (!Number.isInteger(s.points) || s.points <= 0) throw new AppError('validation', 'Points to redeem must be a positive whole number');
  const account = await repo.lockAccount(trx, merchantId, s.customerId);
  const quote = await quoteRedemption(trx, merchantId, s.points, s.basketMinor);
  if (quote.points < s.points) throw new AppError('loyalty_limit', `At most ${quote.maxPoints} points can be used on this basket`, { maxPoints: quote.maxPoints });
  if (account.balance < s.points) throw new AppError('insufficient_points', `The balance is ${account.balance} points`, { balance: account.balance });
  await repo.consumeOldest(trx, merchantId, s.customerId, s.points);
  await addRow(trx, merchantId, s.customerId, 'spend', -s.points, { type: s.refType, id: s.refId });
  const balance = await setBalance(trx, merchantId, s.customerId, -s.points, 0);
  await emitEvent(trx, merchantId, 'loyalty.points_spent', { customerId: s.customerId, points: s.points, balance, refType: s.refType, refId: s.refId });
  return quote.discountMinor;
}

/** Gives back points spent on a purchase that was cancelled or returned (the refund keeps a fresh expiry). */
export async function refundSpentPoints(trx: Executor, merchantId: string, r: { customerId: string; points: number; refType: string; refId: string }) {
  if (r.points <= 0) return 0;
  await repo.lockAccount(trx, merchantId, r.customerId);
  const settings = await repo.settingsOf(trx, merchantId);
  const expiresAt = settings.expiry_days ? new Date(Date.now() + settings.expiry_days * 86400_000) : null;
  await addRow(trx, merchantId, r.customerId, 'refund', r.points, { type: r.refType, id: r.refId }, { expiresAt });
  await setBalance(trx, merchantId, r.customerId, r.points, 0);
  return r.points;
}

/**
 * Takes back points earned on a purchase that was returned, in proportion to what came back. Points
 * already spent cannot be taken back below zero; what could not be recovered is noted on the row.
 */
export async function reverseEarnedPoints(trx: Executor, merchantId: string, r: { customerId: string; earnRef: { type: string; id: string }; share: number; refType: string; refId: string }) {
  const earned = await trx.selectFrom('loyalty_ledger').select('points').where('merchant_id', '=', merchantId)
    .where('kind', '=', 'earn').where('ref_type', '=', r.earnRef.type).where('ref_id', '=', r.earnRef.id).executeTakeFirst();
  if (!earned) return 0;
  const account = await repo.lockAccount(trx, merchantId, r.customerId);
  const owed = Math.min(earned.points, Math.round(earned.points * Math.min(1, r.share)));
  const take = Math.min(owed, account.balance);
  if (take <= 0) return 0;
  await repo.consumeOldest(trx, merchantId, r.customerId, take, r.earnRef);
  await addRow(trx, merchantId, r.customerId, 'reverse', -take, { type: r.refType, id: r.refId }, { note: take < owed ? `${owed - take} points already spent` : null });
  await setBalance(trx, merchantId, r.customerId, -take, -take);
  return take;
}

/** Manual correction by staff: positive credits a lot, negative consumes the oldest points. */
export async function adjustPoints(trx: Executor, merchantId: string, customerId: string, points: number, note: string) {
  const account = await repo.lockAccount(trx, merchantId, customerId);
  if (points < 0 && account.balance + points < 0) throw new AppError('insufficient_points', `The balance is ${account.balance} points`, { balance: account.balance });
  if (points < 0) await repo.consumeOldest(trx, merchantId, customerId, -points);
  const settings = await repo.settingsOf(trx, merchantId);
  const expiresAt = points > 0 && settings.expiry_days ? new Date(Date.now() + settings.expiry_days * 86400_000) : null;
  await addRow(trx, merchantId, customerId, 'adjust', points, null, { expiresAt, note });
  return setBalance(trx, merchantId, customerId, points, Math.max(0, points));
}

/** The expiry job: every lot past its date gives up what is left of it, in one ledger row per customer. */
export async function expirePoints(db: Db, merchantId: string | null, now = new Date()): Promise<number> {
  let q = db.selectFrom('loyalty_ledger').select(['merchant_id', 'customer_id']).distinct()
    .where('remaining', '>', 0).where('expires_at', '<=', now);
  if (merchantId) q = q.where('merchant_id', '=', merchantId);
  const due = await q.limit(1000).execute();
  let expired = 0;
  for (const d of due) {
    expired += await db.transaction().execute(async (trx) => {
      await repo.lockAccount(trx, d.merchant_id, d.customer_id);
      const lots = await trx.selectFrom('loyalty_ledger').select(['id', 'remaining'])
        .where('merchant_id', '=', d.merchant_id).where('customer_id', '=', d.customer_id).where('remaining', '>', 0).where('expires_at', '<=', now)
        .forUpdate().execute();
      const points = lots.reduce((n, l) => n + l.remaining, 0);
      if (!points) return 0;
      await trx.updateTable('loyalty_ledger').set({ remaining: 0 }).where('merchant_id', '=', d.merchant_id).where('id', 'in', lots.map((l) => l.id)).execute();
      await addRow(trx, d.merchant_id, d.customer_id, 'expire', -points, null, { note: `${lots.length} lot(s) expired` });
      const balance = await setBalance(trx, d.merchant_id, d.customer_id, -points, 0);
      await emitEvent(trx, d.merchant_id, 'loyalty.points_expired', { customerId: d.customer_id, points, balance });
      return points;
    });
  }
  return expired;
}
