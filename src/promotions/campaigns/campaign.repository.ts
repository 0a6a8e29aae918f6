import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { CampaignStatus, CampaignTable, OfferTable } from '../promotions.table.ts';

export const findCampaign = (db: Executor, merchantId: string, id: string, lock = false) => {
  const q = db.selectFrom('campaigns').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

export const listCampaigns = (db: Executor, merchantId: string, f: { status?: string; limit: number; offset: number }) => {
  let q = db.selectFrom('campaigns').selectAll().where('merchant_id', '=', merchantId);
  if (f.status) q = q.where('status', '=', f.status as CampaignStatus);
  return q.orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
};

export const listOffers = (db: Executor, merchantId: string, campaignIds: string[]) =>
  campaignIds.length
    ? db.selectFrom('offers').selectAll().where('merchant_id', '=', merchantId).where('campaign_id', 'in', campaignIds).orderBy('priority', 'desc').orderBy('created_at').execute()
    : Promise.resolve([]);

export const findOffer = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('offers').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function offerView(o: Selectable<OfferTable>) {
  return { id: o.id, campaignId: o.campaign_id, name: o.name, kind: o.kind, params: o.params, conditions: o.conditions, stackable: o.stackable, priority: o.priority };
}

export function campaignView(c: Selectable<CampaignTable>, offers?: Selectable<OfferTable>[]) {
  return {
    id: c.id, name: c.name, goal: c.goal, channels: c.channels, startsAt: iso(c.starts_at), endsAt: iso(c.ends_at),
    storeIds: c.store_ids, currency: c.currency, budgetMinor: c.budget_minor, budgetRedemptions: c.budget_redemptions,
    spentMinor: c.spent_minor, redemptionsCount: c.redemptions_count, costMinor: c.cost_minor, holdoutBp: c.holdout_bp,
    radiusM: c.radius_m, landingPath: c.landing_path, status: c.status, createdAt: iso(c.created_at)!,
    ...(offers ? { offers: offers.map(offerView) } : {}),
  };
}
