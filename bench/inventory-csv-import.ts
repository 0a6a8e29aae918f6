// A 100 MB stock CSV uploaded over HTTP into the real PostgreSQL: time, rows/s and peak memory (RSS),
// beside the raw csv-parse speed over the same file (the floor any import pays). Also the same file with
// one bad row first: every row is still checked (streamed), nothing is written.
// Run: node --import tsx bench/inventory-csv-import.ts   (BENCH_MB to change the size)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.ts';
import { createPlatform } from '../src/platform/app.ts';
import { ensureDemoData, DEMO } from '../src/demo/seed.ts';
import { ledgerDifferences } from '../src/inventory/inventory.repository.ts';

process.env.FOOTFALL_QUIET_SEED = '1';
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'footfall_bench_csv';
const MB = Number(process.env.BENCH_MB ?? 100);
const url = new URL(ADMIN_URL);
url.pathname = `/${NAME}`;
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);
async function admin(q: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try { return await c.query(q); } finally { await c.end(); }
}

await admin(`drop database if exists ${NAME} with (force)`);
await admin(`create database ${NAME}`);
const platform = await createPlatform(loadConfig({}, { port: 0, host: '127.0.0.1', databaseUrl: url.toString(), logLevel: 'warn', workers: false, rateLimitPerMinute: 1e9 }));
await ensureDemoData(platform.ctx.db);
await platform.app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(platform.app.server.address() as { port: number }).port}`;
const login = await fetch(`${base}/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.credentials[0].email, password: DEMO.credentials[0].password }) }).then((r) => r.json()) as { token: string };

// The file: every (store, SKU) pair of the demo, over and over, with a count of 7 (so after the first
// pass the rows are recounts that change nothing but must still be checked and locked).
const stores = (await platform.ctx.db.selectFrom('stores').select('code').orderBy('code').execute()).map((s) => s.code);
const skus = (await platform.ctx.db.selectFrom('variants').select('sku').orderBy('sku').execute()).map((v) => v.sku);
const file = path.join(os.tmpdir(), `footfall-bench-stock-${MB}mb.csv`);
const out = fs.createWriteStream(file);
out.write('store_code,sku,on_hand\n');
let bytes = 0;
let rows = 0;
outer: for (;;) {
  for (const s of stores) {
    const lines = skus.map((k) => `${s},${k},7\n`).join('');
    if (!out.write(lines)) await new Promise<void>((r) => out.once('drain', () => r()));
    bytes += lines.length;
    rows += skus.length;
    if (bytes >= MB * 1024 * 1024) break outer;
  }
}
await new Promise<void>((r) => out.end(() => r()));
log(`file: ${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB, ${rows.toLocaleString('en')} rows`);

let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
const rssBefore = process.memoryUsage().rss;

let t = performance.now();
let parsed = 0;
for await (const _ of fs.createReadStream(file).pipe(parse({ bom: true, info: true }))) parsed++;
const parseSeconds = (performance.now() - t) / 1000;
log(`raw csv-parse: ${(parsed / parseSeconds).toFixed(0)} rows/s (${parseSeconds.toFixed(1)} s)`);

async function upload(body: Readable, query = '') {
  const res = await fetch(`${base}/v1/admin/imports/stock${query}`, {
    method: 'POST', headers: { authorization: `Bearer ${login.token}`, 'content-type': 'text/csv' },
    body: Readable.toWeb(body) as unknown as BodyInit, duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

peak = 0;
t = performance.now();
const imported = await upload(fs.createReadStream(file));
const importSeconds = (performance.now() - t) / 1000;
const importPeak = peak;
log(`HTTP import: status ${imported.status}, ${JSON.stringify({ rows: imported.body.rows, imported: imported.body.imported })}, ${(rows / importSeconds).toFixed(0)} rows/s (${importSeconds.toFixed(1)} s), peak RSS ${(importPeak / 1024 / 1024).toFixed(0)} MB (before ${(rssBefore / 1024 / 1024).toFixed(0)} MB)`);

peak = 0;
t = performance.now();
const bad = Readable.from((async function* () {
  yield 'store_code,sku,on_hand\nNOWHERE,NOPE,1\n';
  const rest = fs.createReadStream(file, { start: 'store_code,sku,on_hand\n'.length });
  for await (const chunk of rest) yield chunk;
})());
const rejected = await upload(bad);
const rejectSeconds = (performance.now() - t) / 1000;
const report = rejected.body.report as { rows: number; rejectedCount: number } | undefined;
log(`HTTP import with one bad row: status ${rejected.status}, rows checked ${report?.rows}, rejected ${report?.rejectedCount}, ${(rows / rejectSeconds).toFixed(0)} rows/s (${rejectSeconds.toFixed(1)} s), peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`);

clearInterval(sampler);
const differences = await ledgerDifferences(platform.ctx.db);
log(`levels equal the ledger after the import: ${differences.length === 0}`);
await platform.close();
await admin(`drop database if exists ${NAME} with (force)`);
fs.rmSync(file);
console.log(JSON.stringify({ mb: MB, rows, rawParseRowsPerSecond: Math.round(parsed / parseSeconds), importRowsPerSecond: Math.round(rows / importSeconds), importSeconds: +importSeconds.toFixed(1), importPeakRssMb: Math.round(importPeak / 1024 / 1024), rejectRowsPerSecond: Math.round(rows / rejectSeconds), rejectPeakRssMb: Math.round(peak / 1024 / 1024) }));
