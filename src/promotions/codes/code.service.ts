import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import * as campaigns from '../campaigns/campaign.repository.ts';
import type { CodeTable } from '../promotions.table.ts';
import { normalizeCode } from './code-format.ts';
import * as repo from './code.repository.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function codeView(c: Selectable<CodeTable>) {
  return {
    id: c.id, code: c.code, kind: c.kind, campaignId: c.campaign_id, offerId: c.offer_id, batchId: c.batch_id,
    maxRedemptions: c.max_redemptions, perCustomerLimit: c.per_customer_limit, redemptionsCount: c.redemptions_count,
    customerId: c.customer_id, startsAt: iso(c.starts_at), endsAt: iso(c.ends_at), status: c.status, createdAt: iso(c.created_at)!,
  };
}

/** Loads an offer and checks it belongs to the campaign; both must exist for the actor's merchant. */
export async function offerOfCampaign(db: Db, merchantId: string, campaignId: string, offerId: string) {
  const campaign = await campaigns.findCampaign(db, merchantId, campaignId);
  if (!campaign) throw notFound('Campaign');
  const offer = await campaigns.findOffer(db, merchantId, offerId);
  if (!offer || offer.campaign_id !== campaignId) throw new AppError('validation', 'The offer does not belong to this campaign');
  return { campaign, offer };
}

export interface SharedCodeInput {
  code: string;
  offerId: string;
  maxRedemptions?: number | null;
  perCustomerLimit?: number | null;
  startsAt?: string | null;
  endsAt?: string | null;
}

/** A shared code such as SPRING25, with an overall and a per-customer limit. */
export async function createSharedCode(db: Db, actor: Actor, campaignId: string, input: SharedCodeInput) {
  requireAccess(actor, Permission.CampaignManage);
  const code = normalizeCode(input.code);
  await offerOfCampaign(db, actor.merchantId, campaignId, input.offerId);
  return db.transaction().execute(async (trx) => {
    if (await repo.findCodeByText(trx, actor.merchantId, code)) throw new AppError('conflict', `Code ${code} already exists`);
    const row = await trx.insertInto('codes').values({
      merchant_id: actor.merchantId, id: randomUUID(), code, campaign_id: campaignId, offer_id: input.offerId, kind: 'shared', batch_id: null,
      max_redemptions: input.maxRedemptions ?? null, per_customer_limit: input.perCustomerLimit ?? null, customer_id: null,
      starts_at: input.startsAt ? new Date(input.startsAt) : null, ends_at: input.endsAt ? new Date(input.endsAt) : null,
    }).onConflict((oc) => oc.columns(['merchant_id', 'code']).doNothing()).returningAll().executeTakeFirst();
    if (!row) throw new AppError('conflict', `Code ${code} already exists`);
    await audit(trx, actor, 'code.created', { type: 'code', id: row.id }, { code, kind: 'shared' });
    await emitEvent(trx, actor.merchantId, 'code.issued', { codeId: row.id, code, kind: 'shared', campaignId, offerId: input.offerId });
    return codeView(row);
  });
}

export async function getCode(db: Db, actor: Actor, rawCode: string) {
  requireAccess(actor, Permission.CampaignRead);
  const row = await repo.findCodeByText(db, actor.merchantId, normalizeCode(rawCode));
  if (!row) throw new AppError('code_not_found', 'No such code');
  const redemptions = await db.selectFrom('code_redemptions')
    .select(['id', 'store_id', 'channel', 'discount_minor', 'currency', 'redeemed_at', 'voided_at', 'sale_ref', 'order_ref', 'actor'])
    .where('merchant_id', '=', actor.merchantId).where('code_id', '=', row.id).orderBy('redeemed_at', 'desc').limit(50).execute();
  return { ...codeView(row), redemptions: redemptions.map((r) => ({ ...r, redeemed_at: iso(r.redeemed_at), voided_at: iso(r.voided_at) })) };
}

export async function setCodeStatus(db: Db, actor: Actor, rawCode: string, status: 'active' | 'disabled') {
  requireAccess(actor, Permission.CampaignManage);
  const code = normalizeCode(rawCode);
  return db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('codes').set({ status }).where('merchant_id', '=', actor.merchantId).where('code', '=', code).returningAll().executeTakeFirst();
    if (!row) throw new AppError('code_not_found', 'No such code');
    await audit(trx, actor, status === 'disabled' ? 'code.disabled' : 'code.enabled', { type: 'code', id: row.id }, { code });
    return codeView(row);
  });
}

export async function listCodes(db: Db, actor: Actor, campaignId: string, f: { batchId?: string; limit?: number; offset?: number }) {
  requireAccess(actor, Permission.CampaignRead);
  let q = db.selectFrom('codes').selectAll().where('merchant_id', '=', actor.merchantId).where('campaign_id', '=', campaignId);
  if (f.batchId) q = q.where('batch_id', '=', f.batchId);
  const rows = await q.orderBy('created_at').orderBy('code').limit(f.limit ?? 50).offset(f.offset ?? 0).execute();
  return rows.map(codeView);
}
