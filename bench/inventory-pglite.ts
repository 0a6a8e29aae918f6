// "In stock near me" on the embedded PGlite: 100 stores x 5,000 variants (500,000 stock levels), over
// real HTTP (server in this process, as PGlite must be) beside the same SQL issued directly.
// Run: node --import tsx bench/inventory-pglite.ts
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { createPlatform } from '../src/platform/app.ts';
import { createMerchant } from '../src/merchants/merchant.service.ts';
import { availabilitySql } from '../src/inventory/availability.ts';
import { boundingBox } from '../src/stores/geo.ts';
import { buildDataset, fmt, percentiles, throughput, timeEach } from './inventory-support.ts';

const STORES = Number(process.env.BENCH_STORES ?? 100);
const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 5000);
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

const config = loadConfig({}, { port: 0, host: '127.0.0.1', databaseUrl: null, logLevel: 'warn', workers: false, rateLimitPerMinute: 100_000_000 });
const platform = await createPlatform(config, { inMemory: true });
const db = platform.ctx.db;
const merchant = await createMerchant(db, { slug: 'bench', name: 'Bench', currency: 'MYR' });
const t = performance.now();
await buildDataset(db, merchant.id, STORES, VARIANTS, false);
const levels = (await sql<{ n: number }>`select count(*)::int as n from stock_levels`.execute(db)).rows[0].n;
log(`PGlite dataset: ${STORES} stores x ${VARIANTS} variants = ${levels.toLocaleString('en')} levels in ${((performance.now() - t) / 1000).toFixed(0)} s`);

await platform.app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(platform.app.server.address() as { port: number }).port}`;
// With 100 stores over the same 300 x 300 km area, a 60 km radius holds about as many stores as 25 km does at 1,000.
const RADIUS = Number(process.env.BENCH_RADIUS ?? 60);
const variantIds = (await sql<{ id: string }>`select id from variants order by sku limit 2000`.execute(db)).rows.map((r) => r.id);
let seed = 7;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const probes = Array.from({ length: 2000 }, () => ({ variantId: variantIds[Math.floor(rnd() * variantIds.length)], lat: 2.2 + rnd() * 2.3, lng: 101.2 + rnd() * 2.3 }));

const httpProbe = async (i: number) => {
  const p = probes[i % probes.length];
  const res = await fetch(`${base}/v1/shop/bench/availability?variantId=${p.variantId}&lat=${p.lat}&lng=${p.lng}&radiusKm=${RADIUS}&inStockOnly=true`);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  await res.arrayBuffer();
};
const sqlProbe = async (i: number) => {
  const p = probes[i % probes.length];
  const at = new Date();
  await availabilitySql(merchant.id, [p.variantId], {
    box: boundingBox(p, RADIUS), from: new Date(at.getTime() - 2 * 86_400_000).toISOString().slice(0, 10), to: new Date(at.getTime() + 23 * 86_400_000).toISOString().slice(0, 10),
  }).execute(db);
};
const sample = await fetch(`${base}/v1/shop/bench/availability?variantId=${probes[0].variantId}&lat=${probes[0].lat}&lng=${probes[0].lng}&radiusKm=${RADIUS}`).then((r) => r.json()) as { items: unknown[] };
await timeEach(200, httpProbe);
await timeEach(200, sqlProbe);
const http = percentiles(await timeEach(2000, httpProbe));
const direct = percentiles(await timeEach(2000, sqlProbe));
log(`a probe sees ${sample.items.length} stores within ${RADIUS} km`);
log(`latency, one client: HTTP ${fmt(http)}; same SQL ${fmt(direct)}`);
const httpRps = await throughput(10, 8, httpProbe);
const sqlRps = await throughput(10, 8, sqlProbe);
log(`throughput, 8 clients: HTTP ${httpRps.toFixed(0)} req/s; same SQL ${sqlRps.toFixed(0)} q/s; ratio ${(httpRps / sqlRps).toFixed(2)}`);
await platform.close();
console.log(JSON.stringify({ stores: STORES, variants: VARIANTS, levels, radiusKm: RADIUS, storesInRadius: sample.items.length, http, sql: direct, httpRps: Math.round(httpRps), sqlRps: Math.round(sqlRps) }));
