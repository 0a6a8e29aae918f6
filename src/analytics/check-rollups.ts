import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/db.ts';
import { tableExists } from '../sales/code-campaigns.ts';
import { NIL } from './attribution.ts';

export interface RollupCheck { name: string; ok: boolean; mismatches: number; sample: Record<string, unknown>[] }

/** Rows where the rollup and the recount from raw rows differ (full outer join on the key; floats within a cent). */
async function compare(db: Executor, name: string, rollup: RawBuilder<unknown>, raw: RawBuilder<unknown>, key: string[], values: string[]): Promise<RollupCheck> {
  const on = sql.raw(key.map((k) => `r.${k} = x.${k}`).join(' and '));
  const differs = sql.raw(values.map((v) => `abs(coalesce(r.${v}, 0) - coalesce(x.${v}, 0)) > 0.01`).join(' or '));
  const cols = sql.raw([...key.map((k) => `coalesce(r.${k}, x.${k}) as ${k}`), ...values.flatMap((v) => [`r.${v} as rollup_${v}`, `x.${v} as raw_${v}`])].join(', '));
  const rows = await sql<Record<string, unknown>>`with r as (${rollup}), x as (${raw})
    select ${cols} from r full outer join x on ${on} where ${differs} limit 20`.execute(db);
  const count = await sql<{ n: number }>`with r as (${rollup}), x as (${raw}) select count(*)::int as n from r full outer join x on ${on} where ${differs}`.execute(db);
  return { name, ok: count.rows[0].n === 0, mismatches: count.rows[0].n, sample: rows.rows };
}

const utcDay = sql.raw(`(occurred_at at time zone 'UTC')::date`);

/** Recounts every rollup from the raw rows it summarises; all ok means reports tell the truth. */
export async function checkRollups(db: Executor, merchantId?: string): Promise<RollupCheck[]> {
  const m = (alias = '') => (merchantId ? sql`and ${sql.raw(alias)}merchant_id = ${merchantId}` : sql``);
  const checks: RollupCheck[] = [];
  checks.push(await compare(db, 'touch_daily events = touchpoints',
    sql`select merchant_id, day, campaign_id, channel, type, events::numeric from touch_daily where true ${m()}`,
    sql`select merchant_id, ${utcDay} as day, coalesce(campaign_id, ${NIL}::uuid) as campaign_id, channel, type, count(*)::numeric as events
      from touchpoints where true ${m()} group by 1, 2, 3, 4, 5`,
    ['merchant_id', 'day', 'campaign_id', 'channel', 'type'], ['events']));
  checks.push(await compare(db, 'touch_daily reach = campaign_reach',
    sql`select merchant_id, campaign_id, sum(reach)::numeric as reach from touch_daily where campaign_id <> ${NIL}::uuid ${m()} group by 1, 2 having sum(reach) > 0`,
    sql`select merchant_id, campaign_id, count(*)::numeric as reach from campaign_reach where true ${m()} group by 1, 2`,
    ['merchant_id', 'campaign_id'], ['reach']));
  checks.push(await compare(db, 'sales_daily = store_sales + online_sales',
    sql`select merchant_id, day, store_id, channel, sales::numeric, returns::numeric, identified::numeric, revenue_minor::numeric, cost_minor::numeric from sales_daily where true ${m()}`,
    sql`select merchant_id, ${utcDay} as day, store_id, 'store' as channel, count(*) filter (where kind = 'sale')::numeric as sales,
        count(*) filter (where kind = 'return')::numeric as returns, count(*) filter (where kind = 'sale' and customer_id is not null)::numeric as identified,
        sum(case when kind = 'sale' then total_minor else -total_minor end)::numeric as revenue_minor, sum(case when kind = 'sale' then cost_minor else -cost_minor end)::numeric as cost_minor
      from store_sales where true ${m()} group by 1, 2, 3
      union all
      select merchant_id, ${utcDay}, ${NIL}::uuid, 'online', count(*)::numeric, 0, count(customer_id)::numeric, sum(total_minor)::numeric, sum(cost_minor)::numeric
      from online_sales where true ${m()} group by 1, 2`,
    ['merchant_id', 'day', 'store_id', 'channel'], ['sales', 'returns', 'identified', 'revenue_minor', 'cost_minor']));
  checks.push(await compare(db, 'attribution_daily = attribution_credits',
    sql`select merchant_id, day, model, campaign_id, channel, store_id, conversions::numeric, revenue_minor::numeric, margin_minor::numeric from attribution_daily where true ${m()}`,
    sql`select merchant_id, day, model, campaign_id, channel, store_id, sum(weight)::numeric as conversions, sum(revenue_minor)::numeric as revenue_minor, sum(margin_minor)::numeric as margin_minor
      from attribution_credits where true ${m()} group by 1, 2, 3, 4, 5, 6`,
    ['merchant_id', 'day', 'model', 'campaign_id', 'channel', 'store_id'], ['conversions', 'revenue_minor', 'margin_minor']));
  checks.push(await compare(db, 'redemption_daily = redemption_facts',
    sql`select merchant_id, day, campaign_id, store_id, channel, redemptions::numeric, discount_minor::numeric from redemption_daily where true ${m()}`,
    sql`select merchant_id, day, campaign_id, coalesce(store_id, ${NIL}::uuid) as store_id, channel, count(*) filter (where not voided)::numeric as redemptions,
      coalesce(sum(discount_minor) filter (where not voided), 0)::numeric as discount_minor from redemption_facts where true ${m()} group by 1, 2, 3, 4, 5`,
    ['merchant_id', 'day', 'campaign_id', 'store_id', 'channel'], ['redemptions', 'discount_minor']));
  if (await tableExists(db, 'code_redemptions')) {
    // The feed job copies redemptions with a short delay; run it before checking (the command does).
    checks.push(await compare(db, 'redemption_facts = code_redemptions',
      sql`select merchant_id, redemption_id, (case when voided then 0 else 1 end)::numeric as live from redemption_facts where true ${m()}`,
      sql`select merchant_id, id as redemption_id, (case when voided_at is null then 1 else 0 end)::numeric as live from code_redemptions where true ${m()}`,
      ['merchant_id', 'redemption_id'], ['live']));
  }
  checks.push(await compare(db, 'loyalty balance = ledger',
    sql`select merchant_id, customer_id, balance::numeric from loyalty_accounts where true ${m()}`,
    sql`select merchant_id, customer_id, sum(points)::numeric as balance from loyalty_ledger where true ${m()} group by 1, 2`,
    ['merchant_id', 'customer_id'], ['balance']));
  return checks;
}
