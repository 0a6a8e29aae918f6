import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { findCampaign } from './campaign.repository.ts';

/** What a campaign did: redemptions per store and channel, discount given, clicks, claims and audience groups. */
export async function campaignReport(db: Db, actor: Actor, campaignId: string) {
  requireAccess(actor, Permission.CampaignRead);
  const c = await findCampaign(db, actor.merchantId, campaignId);
  if (!c) throw notFound('Campaign');
  const m = actor.merchantId;
  const [byStore, clicks, claims, audience, codes] = await Promise.all([
    sql<{ store_id: string | null; channel: string; redemptions: number; discount_minor: number; basket_minor: number }>`
      select store_id, channel, count(*)::int as redemptions, coalesce(sum(discount_minor), 0)::bigint as discount_minor,
             coalesce(sum(basket_total_minor), 0)::bigint as basket_minor
      from code_redemptions where merchant_id = ${m} and campaign_id = ${campaignId} and voided_at is null
      group by store_id, channel order by redemptions desc`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from link_clicks where merchant_id = ${m} and campaign_id = ${campaignId}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from code_claims where merchant_id = ${m} and campaign_id = ${campaignId}`.execute(db),
    sql<{ grp: string; n: number }>`select grp, count(*)::int as n from campaign_audience where merchant_id = ${m} and campaign_id = ${campaignId} group by grp`.execute(db),
    sql<{ kind: string; n: number }>`select kind, count(*)::int as n from codes where merchant_id = ${m} and campaign_id = ${campaignId} group by kind`.execute(db),
  ]);
  const redemptions = byStore.rows.reduce((s, r) => s + r.redemptions, 0);
  const discount = byStore.rows.reduce((s, r) => s + Number(r.discount_minor), 0);
  const revenue = byStore.rows.reduce((s, r) => s + Number(r.basket_minor), 0);
  return {
    campaignId, currency: c.currency, status: c.status, redemptions, discountMinor: discount, basketRevenueMinor: revenue,
    costMinor: c.cost_minor, budgetMinor: c.budget_minor, spentMinor: c.spent_minor,
    clicks: clicks.rows[0].n, claims: claims.rows[0].n,
    audience: Object.fromEntries(audience.rows.map((r) => [r.grp, r.n])),
    codes: Object.fromEntries(codes.rows.map((r) => [r.kind, r.n])),
    byStore: byStore.rows.map((r) => ({ storeId: r.store_id, channel: r.channel, redemptions: r.redemptions, discountMinor: Number(r.discount_minor), basketRevenueMinor: Number(r.basket_minor) })),
  };
}
