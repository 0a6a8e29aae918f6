import { sql } from 'kysely';
import type { Db } from '../src/platform/db.ts';

/** Percentiles of a list of milliseconds. */
export function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] };
}

export const fmt = (p: ReturnType<typeof percentiles>) => `p50 ${p.p50.toFixed(2)} ms, p95 ${p.p95.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms (n=${p.n})`;

/** Runs `task` sequentially `n` times and returns each duration. */
export async function timeEach(n: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await task(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Completed tasks per second with `concurrency` workers for `seconds`. */
export async function throughput(seconds: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      await task(i++);
      done++;
    }
  }));
  return done / seconds;
}

/**
 * Builds the dataset inside the database (generate_series, no round trips): stores spread over a
 * 300 × 300 km area (about 20 within 25 km of any point), one variant per product, and a stock level
 * for every (store, variant) pair. `bulk` drops and rebuilds the level indexes around the load (PostgreSQL).
 */
export async function buildDataset(pool: Db, merchantId: string, stores: number, variants: number, bulk: boolean) {
  // One connection throughout: setseed and the session settings below apply per session.
  await pool.connection().execute(async (db) => {
  await sql`select setseed(0.42)`.execute(db);
  const hours = JSON.stringify(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '10:00', close: '22:00' }]])));
  await sql`
    insert into stores (merchant_id, id, code, name, country, lat, lng, timezone, services, pickup_prep_minutes, opening_hours)
    select ${merchantId}::uuid, gen_random_uuid(), 'S' || lpad(i::text, 5, '0'), 'Store ' || i, 'MY',
      2.0 + random() * 2.7, 101.0 + random() * 2.7, 'Asia/Kuala_Lumpur', '{pickup,returns,reserve_pay_in_store}', 30 + (i % 4) * 15, ${hours}::jsonb
    from generate_series(1, ${stores}) i`.execute(db);
  await sql`
    insert into products (merchant_id, id, handle, status, name)
    select ${merchantId}::uuid, gen_random_uuid(), 'p-' || i, 'active', jsonb_build_object('en', 'Product ' || i)
    from generate_series(1, ${variants}) i`.execute(db);
  await sql`
    insert into variants (merchant_id, id, product_id, sku)
    select merchant_id, gen_random_uuid(), id, 'SKU-' || substr(handle, 3) from products where merchant_id = ${merchantId}`.execute(db);
  await sql`
    insert into variant_prices (merchant_id, variant_id, currency, price_minor)
    select merchant_id, id, 'MYR', 1000 + (random() * 100000)::int from variants where merchant_id = ${merchantId}`.execute(db);
  if (bulk) {
    await sql`alter table stock_levels drop constraint stock_levels_pkey`.execute(db);
    await sql`drop index stock_levels_variant`.execute(db);
    await sql`drop index if exists stock_levels_low`.execute(db);
  }
  // Foreign keys are checked once by construction (the cross join below); skip 20 M trigger calls.
  if (bulk) await sql`set session_replication_role = replica`.execute(db);
  // A third of the levels are empty, so "in stock near me" has to skip stores.
  await sql`
    insert into stock_levels (merchant_id, store_id, variant_id, on_hand)
    select s.merchant_id, s.id, v.id, greatest(0, (random() * 30)::int - 10)
    from stores s cross join variants v where s.merchant_id = ${merchantId} and v.merchant_id = ${merchantId}`.execute(db);
  if (bulk) {
    await sql`set session_replication_role = origin`.execute(db);
    await sql`set maintenance_work_mem = '1GB'`.execute(db);
    await sql`alter table stock_levels add primary key (merchant_id, store_id, variant_id)`.execute(db);
    await sql`create index stock_levels_variant on stock_levels (merchant_id, variant_id, store_id)`.execute(db);
    await sql`create index stock_levels_low on stock_levels (merchant_id, store_id) where low_stock_threshold is not null`.execute(db);
  }
  await sql`analyze`.execute(db);
  });
}
