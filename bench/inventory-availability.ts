// "In stock near me" and batch movement ingest on the real PostgreSQL, each beside a baseline measured in
// the same run: the same SQL from Node (availability) and applyMovements called directly (ingest).
// Run: node --import tsx bench/inventory-availability.ts   (BENCH_STORES, BENCH_VARIANTS, BENCH_KEEP=1 to reuse)
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { createMerchant } from '../src/merchants/merchant.service.ts';
import { createApiKey } from '../src/merchants/merchant.service.ts';
import { openDatabase } from '../src/platform/db.ts';
import { migrateToLatest } from '../src/platform/migrate.ts';
import { systemActor } from '../src/platform/access.ts';
import { applyMovements } from '../src/inventory/movements.ts';
import { availabilitySql } from '../src/inventory/availability.ts';
import { boundingBox } from '../src/stores/geo.ts';
import { buildDataset, fmt, percentiles, throughput, timeEach } from './inventory-support.ts';
import { haveWrk, serverNodeFlags, wrkGets } from './orders-support.ts';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'footfall_bench_inventory';
const STORES = Number(process.env.BENCH_STORES ?? 1000);
const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 20000);
const KEEP = process.env.BENCH_KEEP === '1';
const url = new URL(ADMIN_URL);
url.pathname = `/${NAME}`;
const DB_URL = url.toString();

async function admin(q: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try { return await c.query(q); } finally { await c.end(); }
}

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(port));
  });
});

const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

const exists = (await admin(`select 1 from pg_database where datname = '${NAME}'`)).rowCount === 1;
if (!KEEP || !exists) {
  await admin(`drop database if exists ${NAME} with (force)`);
  await admin(`create database ${NAME}`);
}
const handle = await openDatabase({ databaseUrl: DB_URL, dataDir: null, poolSize: 10 });
const db = handle.db;
await migrateToLatest(db);
let merchant = await db.selectFrom('merchants').selectAll().where('slug', '=', 'bench').executeTakeFirst();
if (!merchant) {
  merchant = await createMerchant(db, { slug: 'bench', name: 'Bench', currency: 'MYR' });
  const t = performance.now();
  log(`building ${STORES} stores x ${VARIANTS} variants = ${(STORES * VARIANTS).toLocaleString('en')} stock levels inside PostgreSQL…`);
  await buildDataset(db, merchant.id, STORES, VARIANTS, true);
  log(`dataset built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const merchantId = merchant.id;
const levels = await sql<{ n: number }>`select count(*)::int as n from stock_levels`.execute(db);
log(`stock levels: ${levels.rows[0].n.toLocaleString('en')}`);

// Probes: random variants at random points inside the store area, the same list for HTTP and SQL.
const variantIds = (await sql<{ id: string }>`select id from variants where merchant_id = ${merchantId} order by sku limit 2000`.execute(db)).rows.map((r) => r.id);
let seed = 7;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const probes = Array.from({ length: 5000 }, () => ({ variantId: variantIds[Math.floor(rnd() * variantIds.length)], lat: 2.2 + rnd() * 2.3, lng: 101.2 + rnd() * 2.3 }));

// The server under test: the real CLI in its own process, as production runs it.
const port = await freePort();
const server = spawn(process.execPath, [...serverNodeFlags(), 'bin/footfall.js', 'start', '--no-seed'], {
  env: { ...process.env, DATABASE_URL: DB_URL, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', FOOTFALL_WORKERS: '0', RATE_LIMIT_PER_MINUTE: '100000000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  const ok = await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false);
  if (ok) break;
  if (i > 300) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 100));
}

// A keep-alive node:http client: fetch costs the load generator ~3x the CPU per request, and on a 2-core
// machine that CPU is taken from the server and PostgreSQL under test.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpGet = (path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port, path, agent }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (body += c));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
  });
  req.on('error', reject);
  req.end();
});
const httpProbe = async (i: number) => {
  const p = probes[i % probes.length];
  const res = await httpGet(`/v1/shop/bench/availability?variantId=${p.variantId}&lat=${p.lat}&lng=${p.lng}&radiusKm=25&inStockOnly=true`);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body}`);
};
const rawPool = new pg.Pool({ connectionString: DB_URL, max: 20 });
const sqlProbe = async (i: number) => {
  const p = probes[i % probes.length];
  const at = new Date();
  const q = availabilitySql(merchantId, [p.variantId], {
    box: boundingBox(p, 25), from: new Date(at.getTime() - 2 * 86_400_000).toISOString().slice(0, 10), to: new Date(at.getTime() + 23 * 86_400_000).toISOString().slice(0, 10),
  }).compile(db);
  // Prepared, as the server's pool prepares statements it sends repeatedly: the same SQL, the same way.
  await rawPool.query({ name: 'availability', text: q.sql, values: q.parameters as unknown[] });
};

const sample = await fetch(`${base}/v1/shop/bench/availability?variantId=${probes[0].variantId}&lat=${probes[0].lat}&lng=${probes[0].lng}&radiusKm=25`).then((r) => r.json()) as { items: unknown[] };
log(`a probe sees ${sample.items.length} stores within 25 km`);
await timeEach(300, httpProbe);
await timeEach(300, sqlProbe);
const httpLatency = percentiles(await timeEach(3000, httpProbe));
const sqlLatency = percentiles(await timeEach(3000, sqlProbe));
log(`latency, one client: HTTP ${fmt(httpLatency)}; same SQL from Node ${fmt(sqlLatency)}`);
const CONC = 16;
const httpRps = await throughput(15, CONC, httpProbe);
const sqlRps = await throughput(15, CONC, sqlProbe);
log(`throughput, ${CONC} clients: HTTP ${httpRps.toFixed(0)} req/s; same SQL ${sqlRps.toFixed(0)} q/s; ratio ${(httpRps / sqlRps).toFixed(2)}`);
// The same probes from wrk, a C load generator, so the HTTP side's client does not take the server's CPU.
const wrkRps = haveWrk()
  ? wrkGets(base, probes.map((p) => `/v1/shop/bench/availability?variantId=${p.variantId}&lat=${p.lat}&lng=${p.lng}&radiusKm=25&inStockOnly=true`), CONC, 15)
  : null;
if (wrkRps) log(`throughput, ${CONC} connections from wrk: HTTP ${wrkRps.toFixed(0)} req/s; ratio to the same SQL from Node ${(wrkRps / sqlRps).toFixed(2)}`);

// Batch ingest: 5,000 receive movements per call over random (store, variant) pairs.
const storeCodes = (await db.selectFrom('stores').select('code').where('merchant_id', '=', merchantId).orderBy('code').execute()).map((s) => s.code);
const skus = (await db.selectFrom('variants').select(['id', 'sku']).where('merchant_id', '=', merchantId).orderBy('sku').limit(VARIANTS).execute());
const storeIds = (await db.selectFrom('stores').select(['id', 'code']).where('merchant_id', '=', merchantId).orderBy('code').execute());
const BATCH = 5000;
const batch = () => {
  const seen = new Set<string>();
  const out: { s: number; v: number }[] = [];
  while (out.length < BATCH) {
    const s = Math.floor(rnd() * storeCodes.length);
    const v = Math.floor(rnd() * skus.length);
    if (!seen.has(`${s}|${v}`)) { seen.add(`${s}|${v}`); out.push({ s, v }); }
  }
  return out;
};
const key = await createApiKey(db, systemActor(merchantId), { name: 'bench', role: 'admin' });
// Several tills and warehouse systems post at once, as in a real estate of stores: 4 concurrent posters.
const ROUNDS = 16;
const POSTERS = 4;
const concurrently = async (task: () => Promise<void>) => {
  const t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: POSTERS }, async () => { while (next++ < ROUNDS) await task(); }));
  return performance.now() - t;
};
const httpIngest = await concurrently(async () => {
  const movements = batch().map(({ s, v }) => ({ store: storeCodes[s], sku: skus[v].sku, type: 'receive', quantity: 1 }));
  const res = await fetch(`${base}/v1/staff/stock/movements`, { method: 'POST', headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ movements }) });
  if (res.status !== 200) throw new Error(`ingest HTTP ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
});
const directIngest = await concurrently(async () => {
  const movements = batch().map(({ s, v }) => ({ storeId: storeIds[s].id, variantId: skus[v].id, type: 'receive' as const, quantity: 1 }));
  await db.transaction().execute((trx) => applyMovements(trx, merchantId, movements, { actor: 'bench' }));
});
const rate = (ms: number) => (BATCH * ROUNDS) / (ms / 1000);
log(`ingest, ${POSTERS} posters, batches of ${BATCH}: HTTP ${rate(httpIngest).toFixed(0)} movements/s; applyMovements direct ${rate(directIngest).toFixed(0)} movements/s; ratio ${(rate(httpIngest) / rate(directIngest)).toFixed(2)}`);

agent.destroy();
server.kill('SIGTERM');
await rawPool.end();
await handle.close();
if (!KEEP) await admin(`drop database if exists ${NAME} with (force)`);
console.log(JSON.stringify({
  stores: STORES, variants: VARIANTS, levels: levels.rows[0].n, storesWithin25km: sample.items.length,
  http: httpLatency, sql: sqlLatency, httpRps: Math.round(httpRps), sqlRps: Math.round(sqlRps), ratio: +(httpRps / sqlRps).toFixed(2),
  wrkHttpRps: wrkRps && Math.round(wrkRps), wrkRatio: wrkRps && +(wrkRps / sqlRps).toFixed(2),
  ingestHttp: Math.round(rate(httpIngest)), ingestDirect: Math.round(rate(directIngest)),
}));
