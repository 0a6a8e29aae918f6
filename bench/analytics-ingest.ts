// Touchpoint ingest through the real batch API (HTTP, validation, dedupe, rollups in the same transaction)
// vs a raw SQL bulk insert of the same events in the same run. Run: node --import tsx bench/analytics-ingest.ts
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.ts';
import { createPlatform } from '../src/platform/app.ts';
import { createMerchant } from '../src/merchants/merchant.service.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'footfall_bench_ingest';
const TOTAL = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const TYPES = ['page_view', 'product_view', 'link_click', 'email_open', 'email_click', 'store_locator_search'];

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists ${NAME} with (force)`);
await admin.query(`create database ${NAME}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${NAME}`;
const platform = await createPlatform(loadConfig({}, { port: 0, host: '127.0.0.1', databaseUrl: url.toString(), logLevel: 'warn', secret: 'bench', rateLimitPerMinute: 10_000_000, bodyLimitBytes: 4 * 1024 * 1024, workers: false }), { inMemory: true, poolSize: 20 });
try {
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const address = platform.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const merchant = await createMerchant(platform.ctx.db, { slug: 'bench', name: 'Bench', currency: 'MYR' });
  const event = (i: number) => ({
    id: randomUUID(), type: TYPES[i % TYPES.length], occurredAt: new Date(Date.now() - (i % 3600) * 1000).toISOString(), anonymousId: `a${i % 50_000}`,
    utm: { source: 'newsletter', medium: i % 2 ? 'email' : 'cpc', campaign: 'spring' }, url: `https://shop.example/p/${i % 500}`,
  });
  const batches = Array.from({ length: Math.ceil(TOTAL / BATCH) }, (_, b) => JSON.stringify({ sentAt: new Date().toISOString(), events: Array.from({ length: BATCH }, (_, k) => event(b * BATCH + k)) }));

  // Warm-up (JIT, pool, plans).
  await fetch(`${base}/v1/shop/bench/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: Array.from({ length: 100 }, (_, k) => event(k)) }) });

  let next = 0;
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < batches.length) {
      const body = batches[next++];
      const res = await fetch(`${base}/v1/shop/bench/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = await res.json() as { accepted: number };
      if (res.status !== 200) throw new Error(JSON.stringify(json));
      accepted += json.accepted;
    }
  }));
  const apiSeconds = (performance.now() - t0) / 1000;

  // Baseline: the same number of rows straight into the table, no HTTP, no validation, no rollups.
  const raw = new pg.Client({ connectionString: url.toString() });
  await raw.connect();
  const t1 = performance.now();
  for (let b = 0; b < batches.length; b++) {
    const evs = (JSON.parse(batches[b]) as { events: ReturnType<typeof event>[] }).events;
    await raw.query(`insert into touchpoints (merchant_id, event_id, type, occurred_at, anonymous_id, channel, utm, url)
      select $1, 'raw' || e, t, o, a, 'email', u::jsonb, l from unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[]) as x(e, t, o, a, u, l)`,
    [merchant.id, evs.map((e) => e.id), evs.map((e) => e.type), evs.map((e) => e.occurredAt), evs.map((e) => e.anonymousId), evs.map((e) => JSON.stringify(e.utm)), evs.map((e) => e.url)]);
  }
  const rawSeconds = (performance.now() - t1) / 1000;
  await raw.end();

  const apiRate = accepted / apiSeconds;
  const rawRate = TOTAL / rawSeconds;
  console.log(`Batch API: ${accepted} events accepted in ${apiSeconds.toFixed(1)} s = ${Math.round(apiRate)} events/s (batches of ${BATCH}, ${CONCURRENCY} clients; target >= 20,000)`);
  console.log(`Raw SQL insert (one client, no HTTP/validation/rollups): ${Math.round(rawRate)} events/s`);
  console.log(`Ratio API / raw: ${(apiRate / rawRate).toFixed(2)}`);
} finally {
  await platform.close();
  await new Promise((r) => setTimeout(r, 300));
  await admin.query(`drop database if exists ${NAME}`);
  await admin.end();
}
