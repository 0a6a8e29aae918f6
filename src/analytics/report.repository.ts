import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import { NIL } from './attribution.ts';

export interface Range { from: string; to: string } // inclusive days, YYYY-MM-DD

const CLICK_TYPES = ['link_click', 'email_click'];

/** Funnel counts of one campaign from touch_daily and redemption_daily (rollups only). */
export async function funnelRollup(db: Executor, m: string, campaignId: string, r: Range) {
  const t = await sql<{ reach: number; clicks: number; claims: number; opens: number; views: number }>`
    select coalesce(sum(reach), 0)::bigint as reach,
      coalesce(sum(events) filter (where type = any(${CLICK_TYPES}::text[])), 0)::bigint as clicks,
      coalesce(sum(events) filter (where type = 'coupon_claim'), 0)::bigint as claims,
      coalesce(sum(events) filter (where type = 'email_open'), 0)::bigint as opens,
      coalesce(sum(events) filter (where type in ('page_view', 'product_view')), 0)::bigint as views
    from touch_daily where merchant_id = ${m} and campaign_id = ${campaignId} and day between ${r.from} and ${r.to}`.execute(db);
  const red = await sql<{ in_store: number; online: number; discount: number }>`
    select coalesce(sum(redemptions) filter (where channel = 'in_store'), 0)::bigint as in_store,
      coalesce(sum(redemptions) filter (where channel <> 'in_store'), 0)::bigint as online,
      coalesce(sum(discount_minor), 0)::bigint as discount
    from redemption_daily where merchant_id = ${m} and campaign_id = ${campaignId} and day between ${r.from} and ${r.to}`.execute(db);
  return { ...t.rows[0], redemptions: red.rows[0] };
}

/** Attributed conversions, revenue and margin of one campaign by model, split store/online (rollup). */
export async function attributionRollup(db: Executor, m: string, campaignId: string, r: Range) {
  return (await sql<{ model: string; store: boolean; conversions: number; revenue: number; margin: number }>`
    select model, store_id <> ${NIL}::uuid as store, sum(conversions)::float8 as conversions, sum(revenue_minor)::float8 as revenue, sum(margin_minor)::float8 as margin
    from attribution_daily where merchant_id = ${m} and campaign_id = ${campaignId} and day between ${r.from} and ${r.to}
    group by 1, 2`.execute(db)).rows;
}

export type Dimension = 'campaign' | 'channel' | 'store' | 'day';
const COLUMN: Record<Dimension, string> = { campaign: 'campaign_id', channel: 'channel', store: 'store_id', day: 'day' };

/** Attribution by one dimension for one model, optionally for one campaign (rollup). */
export async function attributionBy(db: Executor, m: string, model: string, by: Dimension, r: Range, campaignId?: string) {
  const col = sql.ref(COLUMN[by]);
  const campaign = campaignId ? sql`and campaign_id = ${campaignId}` : sql``;
  return (await sql<{ key: string; conversions: number; revenue: number; margin: number }>`
    select ${col}::text as key, sum(conversions)::float8 as conversions, sum(revenue_minor)::float8 as revenue, sum(margin_minor)::float8 as margin
    from attribution_daily where merchant_id = ${m} and model = ${model} and day between ${r.from} and ${r.to} ${campaign}
    group by ${col} order by revenue desc`.execute(db)).rows;
}

/** One campaign's daily series: touches, redemptions and attributed revenue (rollups). */
export async function campaignDays(db: Executor, m: string, campaignId: string, model: string, r: Range) {
  return (await sql<{ day: string; reach: number; clicks: number; claims: number; redemptions: number; conversions: number; revenue: number }>`
    with d as (select generate_series(${r.from}::date, ${r.to}::date, interval '1 day')::date as day),
    t as (select day, sum(reach) as reach, sum(events) filter (where type = any(${CLICK_TYPES}::text[])) as clicks, sum(events) filter (where type = 'coupon_claim') as claims
      from touch_daily where merchant_id = ${m} and campaign_id = ${campaignId} and day between ${r.from} and ${r.to} group by day),
    x as (select day, sum(redemptions) as redemptions from redemption_daily where merchant_id = ${m} and campaign_id = ${campaignId} and day between ${r.from} and ${r.to} group by day),
    a as (select day, sum(conversions) as conversions, sum(revenue_minor) as revenue from attribution_daily where merchant_id = ${m} and campaign_id = ${campaignId} and model = ${model} and day between ${r.from} and ${r.to} group by day)
    select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(t.reach, 0)::bigint as reach, coalesce(t.clicks, 0)::bigint as clicks, coalesce(t.claims, 0)::bigint as claims,
      coalesce(x.redemptions, 0)::bigint as redemptions, coalesce(a.conversions, 0)::float8 as conversions, coalesce(a.revenue, 0)::float8 as revenue
    from d left join t using (day) left join x using (day) left join a using (day) order by d.day`.execute(db)).rows;
}

/** Treatment vs holdout: audience sizes and converters (campaign_conversions is one row per converter). */
export async function liftCounts(db: Executor, m: string, campaignId: string) {
  const aud = await sql<{ grp: string; n: number }>`select grp, count(*)::bigint as n from campaign_audience where merchant_id = ${m} and campaign_id = ${campaignId} group by grp`.execute(db);
  const conv = await sql<{ grp: string; n: number; revenue: number }>`select audience_group as grp, count(*)::bigint as n, coalesce(sum(revenue_minor), 0)::bigint as revenue
    from campaign_conversions where merchant_id = ${m} and campaign_id = ${campaignId} group by audience_group`.execute(db);
  const get = (rows: { grp: string }[], g: string) => rows.find((x) => x.grp === g) as any;
  return {
    treatment: { audience: Number(get(aud.rows, 'treatment')?.n ?? 0), converters: Number(get(conv.rows, 'treatment')?.n ?? 0), revenue: Number(get(conv.rows, 'treatment')?.revenue ?? 0) },
    holdout: { audience: Number(get(aud.rows, 'holdout')?.n ?? 0), converters: Number(get(conv.rows, 'holdout')?.n ?? 0), revenue: Number(get(conv.rows, 'holdout')?.revenue ?? 0) },
  };
}

/** Sales totals per channel and ROPO for a period, optionally per store (sales_daily rollup). */
export async function salesTotals(db: Executor, m: string, r: Range, byStore = false) {
  const key = byStore ? sql`store_id::text` : sql`channel`;
  return (await sql<{ key: string; channel: string; sales: number; returns: number; identified: number; ropo: number; revenue: number; cost: number }>`
    select ${key} as key, min(channel) as channel, sum(sales)::bigint as sales, sum(returns)::bigint as returns, sum(identified)::bigint as identified, sum(ropo)::bigint as ropo,
      sum(revenue_minor)::bigint as revenue, sum(cost_minor)::bigint as cost
    from sales_daily where merchant_id = ${m} and day between ${r.from} and ${r.to} ${byStore ? sql`and channel = 'store'` : sql``}
    group by ${key} order by 1`.execute(db)).rows;
}
