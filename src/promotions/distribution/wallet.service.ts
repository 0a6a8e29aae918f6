import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db, Trx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import { normalizeCode } from '../codes/code-format.ts';
import { findCodeByText, issueOneCode } from '../codes/code.repository.ts';
import { renderCode, type ImageFormat, type ImageKind } from '../codes/code-images.ts';
import { distanceM } from '../offers/offer-rules.ts';
import { assertNotThrottled, recordUnknownCode } from '../pos/guess-throttle.ts';
import { liveCampaigns } from './public-offers.ts';

function customerOf(actor: Actor): string {
  if (actor.kind !== 'customer') throw new AppError('unauthenticated', 'Sign in to keep offers in your wallet');
  return actor.customerId;
}

export interface ClaimInput {
  offerId?: string;
  storeId?: string;
  channel?: string;
  source?: string;
  location?: { lat: number; lng: number };
}

/**
 * Issues the customer their own single-use code for a campaign, once: claiming again returns the same
 * code. A chosen store is recorded as the intended visit; for geo campaigns it must be within the radius
 * of the location the shopper shared.
 */
export async function claimOffer(db: Db, actor: Actor, campaignId: string, input: ClaimInput) {
  requireAccess(actor, Permission.CodeClaim);
  const customerId = customerOf(actor);
  const m = actor.merchantId;
  const campaign = await liveCampaigns(db, m).where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw notFound('Offer');
  const offer = await db.selectFrom('offers').select(['id']).where('merchant_id', '=', m).where('campaign_id', '=', campaignId)
    .$if(!!input.offerId, (q) => q.where('id', '=', input.offerId!)).orderBy('priority', 'desc').executeTakeFirst();
  if (!offer) throw notFound('Offer');
  if (input.storeId) {
    const store = await db.selectFrom('stores').select(['id', 'lat', 'lng']).where('merchant_id', '=', m).where('id', '=', input.storeId).executeTakeFirst();
    if (!store || (campaign.store_ids?.length && !campaign.store_ids.includes(store.id))) throw new AppError('validation', 'This offer is not available at that store');
    if (campaign.radius_m && input.location && distanceM(input.location, store) > campaign.radius_m) {
      throw new AppError('code_not_applicable', 'You are too far from this store for this offer', { reason: 'too_far' });
    }
  }
  return db.transaction().execute(async (trx) => {
    // One claim per customer and campaign: the customer row lock serializes double taps.
    await trx.selectFrom('customers').select('id').where('merchant_id', '=', m).where('id', '=', customerId).forUpdate().executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('code_claims').selectAll().where('merchant_id', '=', m).where('customer_id', '=', customerId)
      .where('campaign_id', '=', campaignId).executeTakeFirst();
    if (existing) return { claimId: existing.id, code: existing.code, codeId: existing.code_id, campaignId, intendedStoreId: existing.intended_store_id, alreadyClaimed: true };
    const code = await issueOneCode(trx, m, { campaignId, offerId: offer.id, kind: 'unique', batchId: null, customerId });
    await emitEvent(trx, m, 'code.issued', { codeId: code.id, code: code.code, kind: 'unique', campaignId, offerId: offer.id, customerId, via: 'claim' });
    const claimId = await recordClaim(trx, m, { customerId, codeId: code.id, code: code.code, campaignId, storeId: input.storeId ?? null, channel: input.channel ?? 'web', source: input.source ?? null });
    return { claimId, code: code.code, codeId: code.id, campaignId, intendedStoreId: input.storeId ?? null, alreadyClaimed: false };
  });
}

export async function recordClaim(trx: Trx, merchantId: string, c: { customerId: string; codeId: string; code: string; campaignId: string; storeId: string | null; channel: string; source: string | null }) {
  const id = randomUUID();
  await trx.insertInto('code_claims').values({
    merchant_id: merchantId, id, customer_id: c.customerId, code_id: c.codeId, code: c.code, campaign_id: c.campaignId,
    intended_store_id: c.storeId, channel: c.channel, source: c.source,
  }).onConflict((oc) => oc.columns(['merchant_id', 'customer_id', 'code_id']).doNothing()).execute();
  await emitEvent(trx, merchantId, 'code.claimed', { claimId: id, customerId: c.customerId, codeId: c.codeId, code: c.code, campaignId: c.campaignId, intendedStoreId: c.storeId, channel: c.channel, source: c.source });
  return id;
}

/** Saves a code the shopper was given (e.g. SPRING25 from a poster) into their wallet. Unknown codes count toward the guessing throttle. */
export async function saveCodeToWallet(db: Db, actor: Actor, rawCode: string, storeId?: string) {
  requireAccess(actor, Permission.CodeClaim);
  const customerId = customerOf(actor);
  const guesser = { merchantId: actor.merchantId, credential: `customer:${customerId}` };
  assertNotThrottled(guesser);
  const code = await findCodeByText(db, actor.merchantId, normalizeCode(rawCode));
  if (!code) {
    await recordUnknownCode(db, guesser);
    throw new AppError('code_not_found', 'No such code');
  }
  if (code.customer_id && code.customer_id !== customerId) throw new AppError('code_not_applicable', 'This code belongs to another customer', { reason: 'issued_to_another_customer' });
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('code_claims').select('id').where('merchant_id', '=', actor.merchantId).where('customer_id', '=', customerId)
      .where('code_id', '=', code.id).executeTakeFirst();
    const claimId = existing?.id ?? await recordClaim(trx, actor.merchantId, { customerId, codeId: code.id, code: code.code, campaignId: code.campaign_id, storeId: storeId ?? null, channel: 'web', source: 'wallet' });
    await audit(trx, actor, 'wallet.code_saved', { type: 'code', id: code.id }, { code: code.code });
    return { claimId, code: code.code, codeId: code.id, campaignId: code.campaign_id, alreadyClaimed: !!existing };
  });
}

/** The customer's wallet: each code with its offer, validity and whether it is still usable. */
export async function listWallet(db: Db, actor: Actor) {
  requireAccess(actor, Permission.CodeClaim);
  const customerId = customerOf(actor);
  const rows = await db.selectFrom('code_claims as w')
    .innerJoin('codes as c', (j) => j.onRef('c.merchant_id', '=', 'w.merchant_id').onRef('c.id', '=', 'w.code_id'))
    .innerJoin('offers as o', (j) => j.onRef('o.merchant_id', '=', 'c.merchant_id').onRef('o.id', '=', 'c.offer_id'))
    .innerJoin('campaigns as p', (j) => j.onRef('p.merchant_id', '=', 'c.merchant_id').onRef('p.id', '=', 'c.campaign_id'))
    .select(['w.id', 'w.code', 'w.code_id', 'w.claimed_at', 'w.intended_store_id', 'c.kind', 'c.max_redemptions', 'c.redemptions_count', 'c.status',
      'c.ends_at', 'o.name as offer_name', 'o.kind as offer_kind', 'o.params', 'p.id as campaign_id', 'p.name as campaign_name', 'p.ends_at as campaign_ends_at', 'p.status as campaign_status'])
    .where('w.merchant_id', '=', actor.merchantId).where('w.customer_id', '=', customerId).orderBy('w.claimed_at', 'desc').execute();
  const now = Date.now();
  return rows.map((r) => {
    const endsAt = r.ends_at ?? r.campaign_ends_at;
    const used = r.kind !== 'shared' && r.max_redemptions !== null && r.redemptions_count >= r.max_redemptions;
    const expired = (endsAt && new Date(endsAt).getTime() <= now) || r.campaign_status === 'ended' || r.campaign_status === 'archived';
    return {
      claimId: r.id, code: r.code, codeId: r.code_id, claimedAt: new Date(r.claimed_at).toISOString(), intendedStoreId: r.intended_store_id,
      campaignId: r.campaign_id, campaignName: r.campaign_name, offer: { name: r.offer_name, kind: r.offer_kind, params: r.params },
      validUntil: endsAt ? new Date(endsAt).toISOString() : null,
      state: used ? 'used' : expired ? 'expired' : r.status === 'disabled' ? 'disabled' : 'usable',
    };
  });
}

/** A wallet code as an image to show at the till; only the holder may render it. */
export async function walletCodeImage(db: Db, actor: Actor, codeId: string, kind: ImageKind, format: ImageFormat) {
  requireAccess(actor, Permission.CodeClaim);
  const customerId = customerOf(actor);
  const claim = await db.selectFrom('code_claims').select('code').where('merchant_id', '=', actor.merchantId).where('customer_id', '=', customerId)
    .where('code_id', '=', codeId).executeTakeFirst();
  if (!claim) throw notFound('Code');
  return renderCode(claim.code, kind, format);
}
