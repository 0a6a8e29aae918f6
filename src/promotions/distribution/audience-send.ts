import { randomInt } from 'node:crypto';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db, Trx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import { queueMessage } from '../../notifications/notification.service.ts';
import { LIVE_STATUSES } from '../campaigns/campaign-lifecycle.ts';
import { findCampaign } from '../campaigns/campaign.repository.ts';
import { issueOneCode } from '../codes/code.repository.ts';
import { recordClaim } from './wallet.service.ts';

export const MAX_AUDIENCE = 100_000;
const CHUNK = 500;

export interface SendInput { segmentId?: string; customerIds?: string[]; channel: 'email' | 'sms'; offerId?: string }

export interface SendSummary {
  targeted: number; newlyAssigned: number; treatment: number; holdout: number; issued: number; sent: number;
  skippedNoConsent: number; skippedNoContact: number;
}

/**
 * Sends a campaign's codes to an audience (a segment or a list). Each customer is assigned once, at random,
 * to 'treatment' or — with the campaign's holdout share — 'holdout', which receives nothing, so lift can be
 * measured. Treatment customers get their own code in their wallet; it is messaged only with their consent
 * for that channel. Sending again reaches only customers who have no code yet.
 */
export async function sendToAudience(db: Db, actor: Actor, campaignId: string, input: SendInput): Promise<SendSummary> {
  requireAccess(actor, Permission.CampaignManage);
  const m = actor.merchantId;
  const campaign = await findCampaign(db, m, campaignId);
  if (!campaign) throw notFound('Campaign');
  if (!LIVE_STATUSES.includes(campaign.status)) throw new AppError('invalid_transition', 'Activate the campaign before sending its codes');
  const offer = await db.selectFrom('offers').select(['id', 'name']).where('merchant_id', '=', m).where('campaign_id', '=', campaignId)
    .$if(!!input.offerId, (q) => q.where('id', '=', input.offerId!)).orderBy('priority', 'desc').executeTakeFirst();
  if (!offer) throw notFound('Offer');
  const targets = await audienceOf(db, m, input);
  if (targets.length > MAX_AUDIENCE) throw new AppError('validation', `At most ${MAX_AUDIENCE} customers per send`);
  const merchant = await db.selectFrom('merchants').select(['name', 'default_locale']).where('id', '=', m).executeTakeFirstOrThrow();
  const summary: SendSummary = { targeted: targets.length, newlyAssigned: 0, treatment: 0, holdout: 0, issued: 0, sent: 0, skippedNoConsent: 0, skippedNoContact: 0 };
  for (let i = 0; i < targets.length; i += CHUNK) {
    await db.transaction().execute(async (trx) => {
      const chunk = targets.slice(i, i + CHUNK);
      const fresh = await trx.insertInto('campaign_audience')
        .values(chunk.map((customerId) => ({ merchant_id: m, campaign_id: campaignId, customer_id: customerId, grp: randomInt(10_000) < campaign.holdout_bp ? 'holdout' as const : 'treatment' as const, code_id: null })))
        .onConflict((oc) => oc.columns(['merchant_id', 'campaign_id', 'customer_id']).doNothing()).returning('customer_id').execute();
      summary.newlyAssigned += fresh.length;
      const members = await trx.selectFrom('campaign_audience as a')
        .innerJoin('customers as c', (j) => j.onRef('c.merchant_id', '=', 'a.merchant_id').onRef('c.id', '=', 'a.customer_id'))
        .leftJoin('customer_consents as k', (j) => j.onRef('k.merchant_id', '=', 'a.merchant_id').onRef('k.customer_id', '=', 'a.customer_id')
          .on('k.purpose', '=', input.channel === 'email' ? 'marketing_email' : 'marketing_sms'))
        .select(['a.customer_id', 'a.grp', 'a.code_id', 'c.email', 'c.phone', 'c.locale', 'k.granted'])
        .where('a.merchant_id', '=', m).where('a.campaign_id', '=', campaignId).where('a.customer_id', 'in', chunk).execute();
      for (const x of members) {
        if (x.grp === 'holdout') { summary.holdout++; continue; }
        summary.treatment++;
        if (x.code_id) continue;
        const code = await issueTo(trx, m, campaignId, offer.id, x.customer_id, input.channel);
        summary.issued++;
        const to = input.channel === 'email' ? x.email : x.phone;
        if (!to) { summary.skippedNoContact++; continue; }
        if (x.granted !== true) { summary.skippedNoConsent++; continue; }
        await queueMessage(trx, m, {
          channel: input.channel, to, template: 'promotions.code_sent', locale: x.locale ?? merchant.default_locale,
          data: { shopName: merchant.name, offerName: offer.name, code: code.code, validUntil: campaign.ends_at ? new Date(campaign.ends_at).toISOString().slice(0, 10) : null },
          related: { type: 'campaign', id: campaignId },
        });
        summary.sent++;
      }
    });
  }
  await db.transaction().execute(async (trx) => {
    await audit(trx, actor, 'campaign.sent', { type: 'campaign', id: campaignId }, { ...summary, channel: input.channel, segmentId: input.segmentId ?? null });
    await emitEvent(trx, m, 'campaign.audience_sent', { campaignId, channel: input.channel, ...summary });
  });
  return summary;
}

async function audienceOf(db: Db, merchantId: string, input: SendInput): Promise<string[]> {
  if (!input.segmentId === !input.customerIds) throw new AppError('validation', 'Give either segmentId or customerIds');
  if (input.segmentId) {
    const segment = await db.selectFrom('segments').select('id').where('merchant_id', '=', merchantId).where('id', '=', input.segmentId).executeTakeFirst();
    if (!segment) throw new AppError('validation', 'Unknown segment');
    const rows = await db.selectFrom('segment_members').select('customer_id').where('merchant_id', '=', merchantId).where('segment_id', '=', input.segmentId)
      .orderBy('customer_id').limit(MAX_AUDIENCE + 1).execute();
    return rows.map((r) => r.customer_id);
  }
  const ids = [...new Set(input.customerIds)];
  const found = await db.selectFrom('customers').select('id').where('merchant_id', '=', merchantId).where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw new AppError('validation', 'Unknown customer in customerIds');
  return ids;
}

async function issueTo(trx: Trx, merchantId: string, campaignId: string, offerId: string, customerId: string, channel: string) {
  const code = await issueOneCode(trx, merchantId, { campaignId, offerId, kind: 'unique', batchId: null, customerId });
  await trx.updateTable('campaign_audience').set({ code_id: code.id }).where('merchant_id', '=', merchantId).where('campaign_id', '=', campaignId).where('customer_id', '=', customerId).execute();
  await emitEvent(trx, merchantId, 'code.issued', { codeId: code.id, code: code.code, kind: 'unique', campaignId, offerId, customerId, via: channel });
  await recordClaim(trx, merchantId, { customerId, codeId: code.id, code: code.code, campaignId, storeId: null, channel, source: 'send' });
  return code;
}
