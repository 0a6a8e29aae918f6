import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/outbox.ts';
import * as campaigns from '../campaigns/campaign.repository.ts';
import type { OfferInput, OfferPatch } from './offer.schemas.ts';
import type { OfferConditions, OfferKind, OfferParams } from './offer-types.ts';

/** What each kind needs in its params: one line per kind so the rules read like the product spec. */
function checkParams(kind: OfferKind, p: OfferParams) {
  const need = (ok: boolean, what: string) => { if (!ok) throw new AppError('validation', `A ${kind.replaceAll('_', ' ')} offer needs ${what}`); };
  switch (kind) {
    case 'percent_off': return need(!!p.percentBp, 'params.percentBp');
    case 'amount_off': return need(!!p.amountMinor, 'params.amountMinor');
    case 'fixed_price': return need(p.priceMinor !== undefined, 'params.priceMinor');
    case 'free_item': return;
    case 'buy_x_get_y': return need(!!p.buyQuantity && !!p.getQuantity, 'params.buyQuantity and params.getQuantity');
    case 'pickup_discount': return need(!!p.percentBp !== !!p.amountMinor, 'either params.percentBp or params.amountMinor');
    case 'gift_with_purchase': return need(!!p.variantId, 'params.variantId (the gift)');
    case 'points_multiplier': return need(!!p.multiplier && p.multiplier > 1, 'params.multiplier above 1');
  }
}

async function checkReferences(db: Executor, merchantId: string, p: OfferParams, c: OfferConditions) {
  const missing = async (table: 'variants' | 'products' | 'categories' | 'stores', ids: string[] | undefined, label: string) => {
    if (!ids?.length) return;
    const found = await db.selectFrom(table).select('id').where('merchant_id', '=', merchantId).where('id', 'in', ids).execute();
    if (found.length !== new Set(ids).size) throw new AppError('validation', `Unknown ${label}`);
  };
  await missing('variants', p.variantId ? [p.variantId] : undefined, 'params.variantId');
  await missing('products', c.productIds, 'product in conditions.productIds');
  await missing('categories', c.categoryIds, 'category in conditions.categoryIds');
  await missing('stores', c.storeIds, 'store in conditions.storeIds');
  for (const w of c.windows ?? []) if (w.from >= w.to) throw new AppError('validation', `Time window ${w.from}-${w.to}: from must be before to`);
}

export async function addOffer(db: Db, actor: Actor, campaignId: string, input: OfferInput) {
  requireAccess(actor, Permission.CampaignManage);
  const params = input.params ?? {};
  const conditions = input.conditions ?? {};
  checkParams(input.kind, params);
  await checkReferences(db, actor.merchantId, params, conditions);
  return db.transaction().execute(async (trx) => {
    const c = await campaigns.findCampaign(trx, actor.merchantId, campaignId, true);
    if (!c) throw notFound('Campaign');
    if (c.status === 'ended' || c.status === 'archived') throw new AppError('invalid_transition', `A ${c.status} campaign cannot get new offers`);
    const id = randomUUID();
    const row = await trx.insertInto('offers').values({
      merchant_id: actor.merchantId, id, campaign_id: campaignId, name: input.name, kind: input.kind,
      params: JSON.stringify(params), conditions: JSON.stringify(conditions), stackable: input.stackable ?? false, priority: input.priority ?? 0,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'offer.created', { type: 'offer', id }, { campaignId, kind: input.kind });
    return campaigns.offerView(row);
  });
}

export async function updateOffer(db: Db, actor: Actor, id: string, patch: OfferPatch) {
  requireAccess(actor, Permission.CampaignManage);
  const existing = await campaigns.findOffer(db, actor.merchantId, id);
  if (!existing) throw notFound('Offer');
  const params = patch.params ?? existing.params;
  const conditions = patch.conditions ?? existing.conditions;
  checkParams(existing.kind, params);
  await checkReferences(db, actor.merchantId, params, conditions);
  return db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('offers').set({
      name: patch.name, params: JSON.stringify(params), conditions: JSON.stringify(conditions), stackable: patch.stackable,
      priority: patch.priority, updated_at: new Date(),
    }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'offer.updated', { type: 'offer', id }, patch);
    return campaigns.offerView(row);
  });
}
