import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import type { CampaignInput, CampaignPatch } from '../offers/offer.schemas.ts';
import { nextStatus } from './campaign-lifecycle.ts';
import * as repo from './campaign.repository.ts';

async function checkStores(db: Executor, merchantId: string, storeIds: string[] | null | undefined) {
  if (!storeIds?.length) return;
  const found = await db.selectFrom('stores').select('id').where('merchant_id', '=', merchantId).where('id', 'in', storeIds).execute();
  if (found.length !== storeIds.length) throw new AppError('validation', 'Unknown store in storeIds');
}

function checkDates(startsAt: Date | null, endsAt: Date | null) {
  if (startsAt && endsAt && endsAt <= startsAt) throw new AppError('validation', 'endsAt must be after startsAt');
}

const dateOrNull = (v: string | null | undefined) => (v ? new Date(v) : null);

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput) {
  requireAccess(actor, Permission.CampaignManage);
  await checkStores(db, actor.merchantId, input.storeIds);
  const startsAt = dateOrNull(input.startsAt);
  const endsAt = dateOrNull(input.endsAt);
  checkDates(startsAt, endsAt);
  const merchant = await db.selectFrom('merchants').select('currency').where('id', '=', actor.merchantId).executeTakeFirstOrThrow();
  const id = randomUUID();
  const row = await db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('campaigns').values({
      merchant_id: actor.merchantId, id, name: input.name, goal: input.goal as never, channels: input.channels ?? [],
      starts_at: startsAt, ends_at: endsAt, store_ids: input.storeIds?.length ? input.storeIds : null,
      currency: input.currency ?? merchant.currency, budget_minor: input.budgetMinor ?? null, budget_redemptions: input.budgetRedemptions ?? null,
      cost_minor: input.costMinor ?? 0, holdout_bp: input.holdoutBp ?? 0, radius_m: input.radiusM ?? null, landing_path: input.landingPath ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'campaign.created', { type: 'campaign', id }, { name: input.name });
    await emitEvent(trx, actor.merchantId, 'campaign.created', { campaignId: id, name: input.name });
    return r;
  });
  return repo.campaignView(row, []);
}

export async function updateCampaign(db: Db, actor: Actor, id: string, patch: CampaignPatch) {
  requireAccess(actor, Permission.CampaignManage);
  await checkStores(db, actor.merchantId, patch.storeIds);
  const row = await db.transaction().execute(async (trx) => {
    const c = await repo.findCampaign(trx, actor.merchantId, id, true);
    if (!c) throw notFound('Campaign');
    if (c.status === 'ended' || c.status === 'archived') throw new AppError('invalid_transition', `A ${c.status} campaign cannot be changed`);
    const startsAt = patch.startsAt !== undefined ? dateOrNull(patch.startsAt) : c.starts_at;
    const endsAt = patch.endsAt !== undefined ? dateOrNull(patch.endsAt) : c.ends_at;
    checkDates(startsAt && new Date(startsAt), endsAt && new Date(endsAt));
    if (patch.budgetMinor != null && patch.budgetMinor < c.spent_minor) throw new AppError('validation', `The budget cannot go below what is already spent (${c.spent_minor})`);
    if (patch.budgetRedemptions != null && patch.budgetRedemptions < c.redemptions_count) throw new AppError('validation', `The redemption budget cannot go below ${c.redemptions_count}`);
    if (patch.currency && patch.currency !== c.currency && c.status !== 'draft') throw new AppError('validation', 'The currency can only change while the campaign is a draft');
    const r = await trx.updateTable('campaigns').set({
      name: patch.name, goal: patch.goal as never, channels: patch.channels, starts_at: startsAt, ends_at: endsAt,
      store_ids: patch.storeIds !== undefined ? (patch.storeIds?.length ? patch.storeIds : null) : undefined,
      currency: patch.currency, budget_minor: patch.budgetMinor, budget_redemptions: patch.budgetRedemptions, cost_minor: patch.costMinor,
      holdout_bp: patch.holdoutBp, radius_m: patch.radiusM, landing_path: patch.landingPath, updated_at: new Date(),
    }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'campaign.updated', { type: 'campaign', id }, patch);
    return r;
  });
  return repo.campaignView(row, await repo.listOffers(db, actor.merchantId, [id]));
}

export async function transitionCampaign(db: Db, actor: Actor, id: string, to: 'active' | 'paused' | 'ended' | 'archived' | 'draft') {
  requireAccess(actor, Permission.CampaignManage);
  const row = await db.transaction().execute(async (trx) => {
    const c = await repo.findCampaign(trx, actor.merchantId, id, true);
    if (!c) throw notFound('Campaign');
    const offers = (await repo.listOffers(trx, actor.merchantId, [id])).length;
    const status = nextStatus(c.status, to, { offers, startsAt: c.starts_at && new Date(c.starts_at), endsAt: c.ends_at && new Date(c.ends_at), now: new Date() });
    const r = await trx.updateTable('campaigns').set({ status, updated_at: new Date() })
      .where('merchant_id', '=', actor.merchantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'campaign.status_changed', { type: 'campaign', id }, { from: c.status, to: status });
    await emitEvent(trx, actor.merchantId, 'campaign.status_changed', { campaignId: id, from: c.status, to: status });
    return r;
  });
  return repo.campaignView(row, await repo.listOffers(db, actor.merchantId, [id]));
}

export async function getCampaign(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CampaignRead);
  const c = await repo.findCampaign(db, actor.merchantId, id);
  if (!c) throw notFound('Campaign');
  return repo.campaignView(c, await repo.listOffers(db, actor.merchantId, [id]));
}

export async function listCampaigns(db: Db, actor: Actor, f: { status?: string; limit?: number; offset?: number }) {
  requireAccess(actor, Permission.CampaignRead);
  const rows = await repo.listCampaigns(db, actor.merchantId, { status: f.status, limit: f.limit ?? 50, offset: f.offset ?? 0 });
  const offers = await repo.listOffers(db, actor.merchantId, rows.map((r) => r.id));
  return rows.map((r) => repo.campaignView(r, offers.filter((o) => o.campaign_id === r.id)));
}

/** Moves scheduled campaigns to active once they start, and live ones to ended once they end. */
export async function advanceCampaignSchedules(db: Db): Promise<number> {
  const now = new Date();
  const started = await db.updateTable('campaigns').set({ status: 'active', updated_at: now })
    .where('status', '=', 'scheduled').where('starts_at', '<=', now).executeTakeFirst();
  const ended = await db.updateTable('campaigns').set({ status: 'ended', updated_at: now })
    .where('status', 'in', ['scheduled', 'active', 'paused']).where('ends_at', '<=', now).executeTakeFirst();
  return Number(started.numUpdatedRows) + Number(ended.numUpdatedRows);
}
