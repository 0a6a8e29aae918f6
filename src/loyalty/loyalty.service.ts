import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit, emitEvent } from '../platform/outbox.ts';
import { findCustomer, type CustomerIdentifiers } from '../customers/identity.ts';
import * as repo from './loyalty.repository.ts';
import { tableExists } from '../sales/code-campaigns.ts';
import { sql } from 'kysely';
import { adjustPoints, quoteRedemption } from './points.ts';

async function campaignExists(db: Db, merchantId: string, id: string) {
  if (!(await tableExists(db, 'campaigns'))) return false;
  const r = await sql<{ id: string }>`select id from campaigns where merchant_id = ${merchantId} and id = ${id}`.execute(db);
  return r.rows.length > 0;
}

export interface SettingsInput { pointsPerUnit: number; pointValueMinor: number; expiryDays: number | null; maxRedeemBp: number }

export async function getProgram(db: Db, actor: Actor) {
  requireAccess(actor, Permission.CustomerRead);
  const [s, tiers, rules] = await Promise.all([repo.settingsOf(db, actor.merchantId), repo.tiersOf(db, actor.merchantId), repo.rulesOf(db, actor.merchantId)]);
  return {
    settings: { pointsPerUnit: s.points_per_unit, pointValueMinor: s.point_value_minor, expiryDays: s.expiry_days, maxRedeemBp: s.max_redeem_bp },
    tiers: tiers.map((t) => ({ id: t.id, name: t.name, thresholdPoints: t.threshold_points, earnMultiplierBp: t.earn_multiplier_bp, benefits: t.benefits })),
    rules: rules.map((r) => ({ id: r.id, kind: r.kind, categoryId: r.category_id, campaignId: r.campaign_id, multiplierBp: r.multiplier_bp, startsAt: r.starts_at, endsAt: r.ends_at })),
  };
}

export async function updateSettings(db: Db, actor: Actor, input: SettingsInput) {
  requireAccess(actor, Permission.CustomerManage);
  await db.transaction().execute(async (trx) => {
    const v = { points_per_unit: input.pointsPerUnit, point_value_minor: input.pointValueMinor, expiry_days: input.expiryDays, max_redeem_bp: input.maxRedeemBp };
    await trx.insertInto('loyalty_settings').values({ merchant_id: actor.merchantId, ...v })
      .onConflict((oc) => oc.column('merchant_id').doUpdateSet({ ...v, updated_at: new Date() })).execute();
    await audit(trx, actor, 'loyalty.settings_updated', { type: 'loyalty', id: actor.merchantId }, { ...input });
  });
  return getProgram(db, actor);
}

export async function addTier(db: Db, actor: Actor, input: { name: string; thresholdPoints: number; earnMultiplierBp?: number; benefits?: string[] }) {
  requireAccess(actor, Permission.CustomerManage);
  const clash = await db.selectFrom('loyalty_tiers').select('id').where('merchant_id', '=', actor.merchantId)
    .where((eb) => eb.or([eb('name', '=', input.name), eb('threshold_points', '=', input.thresholdPoints)])).executeTakeFirst();
  if (clash) throw new AppError('conflict', 'A tier with this name or threshold exists');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('loyalty_tiers').values({ merchant_id: actor.merchantId, id, name: input.name, threshold_points: input.thresholdPoints, earn_multiplier_bp: input.earnMultiplierBp ?? 10000, benefits: JSON.stringify(input.benefits ?? []) }).execute();
    await audit(trx, actor, 'loyalty.tier_added', { type: 'loyalty_tier', id }, input);
  });
  return getProgram(db, actor);
}

export async function addRule(db: Db, actor: Actor, input: { kind: 'category' | 'campaign'; categoryId?: string; campaignId?: string; multiplierBp: number; startsAt?: string; endsAt?: string }) {
  requireAccess(actor, Permission.CustomerManage);
  if ((input.kind === 'category') !== !!input.categoryId || (input.kind === 'campaign') !== !!input.campaignId) {
    throw new AppError('validation', 'A category rule names categoryId; a campaign rule names campaignId');
  }
  if (input.categoryId) {
    const cat = await db.selectFrom('categories').select('id').where('merchant_id', '=', actor.merchantId).where('id', '=', input.categoryId).executeTakeFirst();
    if (!cat) throw new AppError('validation', 'Unknown categoryId');
  }
  if (input.campaignId && !(await campaignExists(db, actor.merchantId, input.campaignId))) throw new AppError('validation', 'Unknown campaignId');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('loyalty_rules').values({
      merchant_id: actor.merchantId, id, kind: input.kind, category_id: input.categoryId ?? null, campaign_id: input.campaignId ?? null,
      multiplier_bp: input.multiplierBp, starts_at: input.startsAt ?? null, ends_at: input.endsAt ?? null,
    }).execute();
    await audit(trx, actor, 'loyalty.rule_added', { type: 'loyalty_rule', id }, input);
  });
  return getProgram(db, actor);
}

export async function removeRule(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CustomerManage);
  await db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('loyalty_rules').where('merchant_id', '=', actor.merchantId).where('id', '=', id).executeTakeFirst();
    if (!r.numDeletedRows) throw notFound('Rule');
    await audit(trx, actor, 'loyalty.rule_removed', { type: 'loyalty_rule', id });
  });
}

/** A customer's account and recent ledger (staff, or the customer for themself). */
export async function accountOf(db: Db, actor: Actor, customerId: string) {
  const self = actor.kind === 'customer';
  requireAccess(actor, self ? Permission.CustomerSelf : Permission.CustomerRead);
  if (self && actor.customerId !== customerId) throw notFound('Customer');
  const acct = await db.selectFrom('loyalty_accounts').leftJoin('loyalty_tiers', (j) => j.onRef('loyalty_tiers.merchant_id', '=', 'loyalty_accounts.merchant_id').onRef('loyalty_tiers.id', '=', 'loyalty_accounts.tier_id'))
    .select(['card_number', 'balance', 'lifetime_points', 'loyalty_tiers.name as tier', 'loyalty_tiers.benefits'])
    .where('loyalty_accounts.merchant_id', '=', actor.merchantId).where('customer_id', '=', customerId).executeTakeFirst();
  const tiers = await repo.tiersOf(db, actor.merchantId);
  const lifetime = acct?.lifetime_points ?? 0;
  const next = tiers.find((t) => t.threshold_points > lifetime);
  const ledger = await repo.ledgerOf(db, actor.merchantId, customerId);
  const expiring = ledger.filter((l) => l.remaining > 0 && l.expires_at).sort((a, b) => +a.expires_at! - +b.expires_at!)[0];
  return {
    customerId, cardNumber: acct?.card_number ?? null, balance: acct?.balance ?? 0, lifetimePoints: lifetime,
    tier: acct?.tier ?? null, benefits: acct?.benefits ?? [],
    nextTier: next ? { name: next.name, pointsNeeded: next.threshold_points - lifetime } : null,
    nextExpiry: expiring ? { points: expiring.remaining, at: expiring.expires_at } : null,
    ledger: ledger.map((l) => ({ id: l.id, kind: l.kind, points: l.points, refType: l.ref_type, refId: l.ref_id, note: l.note, expiresAt: l.expires_at, at: l.created_at })),
  };
}

/** Staff credit or debit points by hand, with a reason. */
export async function adjust(db: Db, actor: Actor, customerId: string, points: number, note: string) {
  requireAccess(actor, Permission.CustomerManage);
  if (!Number.isInteger(points) || points === 0) throw new AppError('validation', 'points must be a non-zero whole number');
  const exists = await db.selectFrom('customers').select('id').where('merchant_id', '=', actor.merchantId).where('id', '=', customerId).where('merged_into', 'is', null).executeTakeFirst();
  if (!exists) throw notFound('Customer');
  await db.transaction().execute(async (trx) => {
    const balance = await adjustPoints(trx, actor.merchantId, customerId, points, note);
    await audit(trx, actor, 'loyalty.adjusted', { type: 'customer', id: customerId }, { points, note });
    await emitEvent(trx, actor.merchantId, 'loyalty.adjusted', { customerId, points, balance });
  });
  return accountOf(db, actor, customerId);
}

/** At the till: find the member by card, email or phone and say what their points are worth on this basket. */
export async function lookupAtTill(db: Db, actor: Actor, ids: CustomerIdentifiers, basketMinor: number) {
  requireAccess(actor, Permission.LoyaltyRedeem);
  const customerId = await findCustomer(db, actor.merchantId, ids);
  if (!customerId) throw notFound('Member');
  const acct = await accountOf(db, { kind: 'system', merchantId: actor.merchantId }, customerId);
  const quote = await quoteRedemption(db, actor.merchantId, acct.balance, basketMinor);
  return { customerId, cardNumber: acct.cardNumber, balance: acct.balance, tier: acct.tier, benefits: acct.benefits, redeemablePoints: quote.points, redeemableMinor: quote.discountMinor };
}
