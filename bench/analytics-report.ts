// Campaign report (30 days: funnel, revenue, ROI, lift) from rollups vs the same report by direct joins over
// the raw tables, on a dataset built inside PostgreSQL. Run: node --import tsx bench/analytics-report.ts
// Scale with BENCH_SCALE (1 = 10 M touchpoints, 1 M customers, 1 M store sales over 90 days).
import pg from 'pg';
import { openDatabase } from '../src/platform/db.ts';
import { migrateToLatest } from '../src/platform/migrate.ts';
import { createMerchant } from '../src/merchants/merchant.service.ts';
import { systemActor } from '../src/platform/access.ts';
import { campaignReport, liftOf } from '../src/analytics/report.service.ts';
import { buildDataset } from './analytics-dataset.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'footfall_bench_analytics';
const scale = Number(process.env.BENCH_SCALE ?? 1);
const size = { customers: Math.round(1_000_000 * scale), sales: Math.round(1_000_000 * scale), touches: Math.round(10_000_000 * scale), campaigns: 40, stores: 20 };

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
// BENCH_REUSE=1 measures again on a dataset kept by an earlier run (BENCH_KEEP=1) instead of rebuilding it.
const reuse = process.env.BENCH_REUSE === '1' && (await admin.query(`select 1 from pg_database where datname = $1`, [NAME])).rowCount === 1;
if (!reuse) {
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.query(`create database ${NAME}`);
}
const url = new URL(ADMIN_URL);
url.pathname = `/${NAME}`;
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 10 });
const raw = new pg.Client({ connectionString: url.toString() });
try {
  await migrateToLatest(handle.db);
  await raw.connect();
  const existing = reuse ? await handle.db.selectFrom('merchants').selectAll().where('slug', '=', 'bench').executeTakeFirst() : undefined;
  const merchant = existing ?? await createMerchant(handle.db, { slug: 'bench', name: 'Bench', currency: 'MYR' });
  if (!existing) {
    console.log(`Building dataset (scale ${scale}): ${JSON.stringify(size)}`);
    const t0 = performance.now();
    await buildDataset(raw, merchant.id, size);
    console.log(`Dataset built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }

  const campaignId = (await raw.query(`select md5('k0')::uuid as id`)).rows[0].id as string;
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 29 * 86400_000).toISOString().slice(0, 10);
  const actor = systemActor(merchant.id);

  const time = async (runs: number, f: () => Promise<unknown>) => {
    const ms: number[] = [];
    let last: unknown;
    for (let i = 0; i < runs; i++) { const t = performance.now(); last = await f(); ms.push(performance.now() - t); }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(ms.length / 2)], p95: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))], last };
  };

  await campaignReport(handle.db, actor, campaignId, { from, to }); // warm-up
  const rollup = await time(20, () => campaignReport(handle.db, actor, campaignId, { from, to }));

  // Baseline: the same figures straight from raw rows (touchpoints, redemptions, sales, touches for last touch, audience).
  const baselineReport = async () => {
    // Reach as the rollup defines it: people whose first touch of the campaign falls in the period.
    const f = await raw.query(`select (select count(*) from (select min(occurred_at) as first from touchpoints where merchant_id = $1 and campaign_id = $2
          group by coalesce(customer_id::text, anonymous_id)) v where first >= $3::date and first < $4::date + 1) as reach,
        count(*) filter (where type in ('link_click', 'email_click')) as clicks, count(*) filter (where type = 'coupon_claim') as claims
      from touchpoints where merchant_id = $1 and campaign_id = $2 and occurred_at >= $3::date and occurred_at < $4::date + 1`, [merchant.id, campaignId, from, to]);
    const r = await raw.query(`select count(*) as redemptions, coalesce(sum(discount_minor), 0) as discount from code_redemptions
      where merchant_id = $1 and campaign_id = $2 and voided_at is null and redeemed_at >= $3::date and redeemed_at < $4::date + 1`, [merchant.id, campaignId, from, to]);
    const code = await raw.query(`select count(*) as n, coalesce(sum(s.total_minor), 0) as revenue, coalesce(sum(s.total_minor - s.cost_minor), 0) as margin
      from code_redemptions r join store_sales s on s.merchant_id = r.merchant_id and s.store_id = r.store_id and s.client_sale_id = r.sale_ref
      where r.merchant_id = $1 and r.campaign_id = $2 and r.voided_at is null and s.occurred_at >= $3::date and s.occurred_at < $4::date + 1`, [merchant.id, campaignId, from, to]);
    const last = await raw.query(`select count(*) as n, coalesce(sum(s.total_minor), 0) as revenue from store_sales s
      cross join lateral (select t.campaign_id from touchpoints t where t.merchant_id = s.merchant_id and t.customer_id = s.customer_id
        and t.campaign_id is not null and t.occurred_at <= s.occurred_at and t.occurred_at >= s.occurred_at - interval '30 days' order by t.occurred_at desc limit 1) lt
      where s.merchant_id = $1 and s.kind = 'sale' and s.customer_id is not null and s.occurred_at >= $3::date and s.occurred_at < $4::date + 1 and lt.campaign_id = $2`, [merchant.id, campaignId, from, to]);
    const lift = await raw.query(`select a.grp, count(*) as audience, count(*) filter (where exists (select 1 from store_sales s where s.merchant_id = a.merchant_id
        and s.customer_id = a.customer_id and s.kind = 'sale' and s.occurred_at >= c.starts_at and s.occurred_at < c.ends_at)) as converters
      from campaign_audience a join campaigns c on c.merchant_id = a.merchant_id and c.id = a.campaign_id where a.merchant_id = $1 and a.campaign_id = $2 group by a.grp`, [merchant.id, campaignId]);
    const cost = await raw.query(`select cost_minor from campaigns where merchant_id = $1 and id = $2`, [merchant.id, campaignId]);
    const g = (grp: string) => lift.rows.find((x) => x.grp === grp) ?? { audience: 0, converters: 0 };
    return {
      funnel: f.rows[0], redemptions: r.rows[0], code: code.rows[0], lastTouch: last.rows[0],
      roi: (Number(code.rows[0].margin) - Number(cost.rows[0].cost_minor)) / Number(cost.rows[0].cost_minor),
      lift: liftOf({ audience: Number(g('treatment').audience), converters: Number(g('treatment').converters), revenue: 0 }, { audience: Number(g('holdout').audience), converters: Number(g('holdout').converters), revenue: 0 }),
    };
  };
  const baseline = await time(3, baselineReport);

  const report = rollup.last as Awaited<ReturnType<typeof campaignReport>>;
  const base = baseline.last as Awaited<ReturnType<typeof baselineReport>>;
  console.log('\nRollup report (30 days):', JSON.stringify({ funnel: report.funnel, roi: report.roi, lift: report.lift.result?.absoluteLift }));
  console.log('Raw-join report (30 days):', JSON.stringify({ funnel: base.funnel, redemptions: base.redemptions, roi: base.roi, lift: base.lift?.absoluteLift }));
  console.log(`\nCampaign report from rollups: median ${rollup.median.toFixed(1)} ms, p95 ${rollup.p95.toFixed(1)} ms (target < 300 ms)`);
  console.log(`Same report by direct joins over raw tables: median ${baseline.median.toFixed(0)} ms`);
  console.log(`Ratio: rollups are ${(baseline.median / rollup.median).toFixed(0)}x faster`);
  const counts = await raw.query(`select (select count(*) from touchpoints) t, (select count(*) from customers) c, (select count(*) from store_sales) s,
    (select count(*) from touch_daily) td, (select count(*) from attribution_daily) ad`);
  console.log('Rows:', JSON.stringify(counts.rows[0]));
} finally {
  await raw.end().catch(() => {});
  await handle.close();
  await new Promise((r) => setTimeout(r, 500));
  if (!process.env.BENCH_KEEP) await admin.query(`drop database if exists ${NAME}`);
  await admin.end();
}
