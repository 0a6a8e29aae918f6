import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import { tableExists } from '../sales/code-campaigns.ts';
import { ATTRIBUTION_WINDOW_DAYS, creditsFor, NIL, type Credit } from './attribution.ts';

// Online research: what a shopper does on the web before buying in the store (ROPO).
export const RESEARCH_TYPES = ['page_view', 'product_view', 'store_locator_search', 'link_click', 'email_click', 'coupon_claim'];

export interface PurchaseFact {
  channel: 'store' | 'online';
  ref: string;
  storeId: string | null;
  kind: 'sale' | 'return';
  occurredAt: Date;
  customerId: string | null;
  totalMinor: number;
  costMinor: number;
  /** Campaigns of the codes redeemed on this purchase. */
  codeCampaigns: string[];
  /** For a return: the purchase it returns, whose credits are taken back in proportion. */
  originalRef: string | null;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

async function addCredits(trx: Executor, merchantId: string, p: PurchaseFact, credits: (Credit & { revenue: number; margin: number })[]) {
  if (!credits.length) return;
  const day = dayOf(p.occurredAt);
  const store = p.storeId ?? NIL;
  await trx.insertInto('attribution_credits').values(credits.map((c) => ({
    merchant_id: merchantId, sale_channel: p.channel, sale_ref: p.ref, model: c.model, campaign_id: c.campaignId, channel: c.channel,
    store_id: store, day, touchpoint_id: c.touchpointId, weight: c.weight, revenue_minor: c.revenue, margin_minor: c.margin,
  }))).execute();
  // One upsert per (model, campaign, channel): the rollup the reports read.
  const grouped = new Map<string, { model: string; campaignId: string; channel: string; conv: number; rev: number; margin: number }>();
  for (const c of credits) {
    const k = `${c.model}|${c.campaignId}|${c.channel}`;
    const g = grouped.get(k) ?? { model: c.model, campaignId: c.campaignId, channel: c.channel, conv: 0, rev: 0, margin: 0 };
    g.conv += c.weight; g.rev += c.revenue; g.margin += c.margin;
    grouped.set(k, g);
  }
  const rows = [...grouped.values()];
  await sql`
    insert into attribution_daily (merchant_id, day, model, campaign_id, channel, store_id, conversions, revenue_minor, margin_minor)
    select ${merchantId}::uuid, ${day}::date, m, c, ch, ${store}::uuid, cv, rv, mg
    from unnest(${rows.map((r) => r.model)}::text[], ${rows.map((r) => r.campaignId)}::uuid[], ${rows.map((r) => r.channel)}::text[],
                ${rows.map((r) => r.conv)}::float8[], ${rows.map((r) => r.rev)}::float8[], ${rows.map((r) => r.margin)}::float8[]) as x(m, c, ch, cv, rv, mg)
    order by m, c, ch
    on conflict (merchant_id, day, model, campaign_id, channel, store_id) do update set
      conversions = attribution_daily.conversions + excluded.conversions,
      revenue_minor = attribution_daily.revenue_minor + excluded.revenue_minor,
      margin_minor = attribution_daily.margin_minor + excluded.margin_minor`.execute(trx);
}

/**
 * Everything analytics learns from one purchase, in the purchase's own transaction: the daily sales
 * rollup (with identified and ROPO counts), attribution credits by every model, and holdout conversions.
 */
export async function recordPurchaseAnalytics(trx: Executor, merchantId: string, p: PurchaseFact) {
  const sign = p.kind === 'sale' ? 1 : -1;
  let ropo = false;
  let credits: (Credit & { revenue: number; margin: number })[] = [];
  const margin = p.totalMinor - p.costMinor;
  if (p.kind === 'sale') {
    const since = new Date(p.occurredAt.getTime() - ATTRIBUTION_WINDOW_DAYS * 86400_000);
    const touches = p.customerId
      ? await trx.selectFrom('touchpoints').select(['id', 'campaign_id', 'channel', 'occurred_at', 'type'])
        .where('merchant_id', '=', merchantId).where('customer_id', '=', p.customerId)
        .where('occurred_at', '>=', since).where('occurred_at', '<=', p.occurredAt).orderBy('occurred_at').limit(500).execute()
      : [];
    ropo = p.channel === 'store' && touches.some((t) => RESEARCH_TYPES.includes(t.type));
    credits = creditsFor(p.occurredAt, touches.filter((t) => t.campaign_id).map((t) => ({ id: t.id, campaignId: t.campaign_id!, channel: t.channel, occurredAt: t.occurred_at })), p.codeCampaigns)
      .map((c) => ({ ...c, revenue: p.totalMinor * c.weight, margin: margin * c.weight }));
  } else if (p.originalRef) {
    const original = await trx.selectFrom('attribution_credits').selectAll().where('merchant_id', '=', merchantId)
      .where('sale_channel', '=', p.channel).where('sale_ref', '=', p.originalRef).where('weight', '>', 0).execute();
    const sale = await trx.selectFrom('store_sales').select(['total_minor', 'cost_minor']).where('merchant_id', '=', merchantId).where('id', '=', p.originalRef).executeTakeFirst();
    const share = sale?.total_minor ? Math.min(1, p.totalMinor / sale.total_minor) : 1;
    credits = original.map((c) => ({
      model: c.model, campaignId: c.campaign_id, channel: c.channel, touchpointId: c.touchpoint_id,
      weight: -c.weight * share, revenue: -c.revenue_minor * share, margin: -c.margin_minor * share,
    }));
  }
  await sql`
    insert into sales_daily (merchant_id, day, store_id, channel, sales, returns, identified, ropo, revenue_minor, cost_minor)
    values (${merchantId}, ${dayOf(p.occurredAt)}, ${p.storeId ?? NIL}, ${p.channel}, ${p.kind === 'sale' ? 1 : 0}, ${p.kind === 'return' ? 1 : 0},
      ${p.kind === 'sale' && p.customerId ? 1 : 0}, ${ropo ? 1 : 0}, ${sign * p.totalMinor}, ${sign * p.costMinor})
    on conflict (merchant_id, day, store_id, channel) do update set
      sales = sales_daily.sales + excluded.sales, returns = sales_daily.returns + excluded.returns,
      identified = sales_daily.identified + excluded.identified, ropo = sales_daily.ropo + excluded.ropo,
      revenue_minor = sales_daily.revenue_minor + excluded.revenue_minor, cost_minor = sales_daily.cost_minor + excluded.cost_minor`.execute(trx);
  await addCredits(trx, merchantId, p, credits);
  if (p.kind === 'sale' && p.customerId) await recordConversions(trx, merchantId, p.customerId, p.occurredAt, p.totalMinor);
}

/** First purchase of an audience member (treatment or holdout) while the campaign runs: lift reads these. */
async function recordConversions(trx: Executor, merchantId: string, customerId: string, at: Date, totalMinor: number) {
  if (!(await tableExists(trx, 'campaign_audience')) || !(await tableExists(trx, 'campaigns'))) return;
  await sql`
    insert into campaign_conversions (merchant_id, campaign_id, customer_id, audience_group, converted_at, revenue_minor)
    select a.merchant_id, a.campaign_id, a.customer_id, a.grp, ${at}, ${totalMinor}
    from campaign_audience a join campaigns c on c.merchant_id = a.merchant_id and c.id = a.campaign_id
    where a.merchant_id = ${merchantId} and a.customer_id = ${customerId}
      and (c.starts_at is null or c.starts_at <= ${at}) and (c.ends_at is null or c.ends_at > ${at})
    on conflict do nothing`.execute(trx);
}
