// Shared set-up for the click & collect benchmarks: a fresh PostgreSQL database, the real server on a
// random port, catalog and stock generated inside PostgreSQL, carts made by SQL (their tokens signed here).
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { createMerchant } from '../src/merchants/merchant.service.ts';
import { createPlatform, type Platform } from '../src/platform/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { issueCartToken } from '../src/carts/cart.service.ts';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freshDatabase(name: string): Promise<string> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(name: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}

/**
 * The node flags `npm start` gives the server (package.json), so a benchmark runs it exactly as production does.
 */
export function serverNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  return start.slice(start.indexOf('node') + 1, start.indexOf('bin/footfall.js'));
}

/**
 * The server under test runs as its own process (`footfall start`), as in production, so it does not
 * share a thread with the load generator; `platform` here is only a database handle for seeding.
 */
export async function startServer(databaseUrl: string): Promise<{ platform: Platform; base: string; cpuMs(): number; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
  // BENCH_PROFILE=<dir> writes a CPU profile of the server process there.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...serverNodeFlags(), ...profile, 'bin/footfall.js', 'start', '--no-seed'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', FOOTFALL_SECRET: 'bench',
      FOOTFALL_DATA_DIR: `${os.tmpdir()}/orders-bench-${process.pid}`, RATE_LIMIT_PER_MINUTE: '100000000', FOOTFALL_WORKERS: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(`${base}/readyz`)).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  const config = loadConfig({}, { databaseUrl, logLevel: 'error', secret: 'bench', workers: false });
  const platform = await createPlatform(config, { inMemory: true, poolSize: 5 });
  return {
    platform, base,
    /** CPU time the server process has used so far (user + system), from /proc. */
    cpuMs: () => {
      const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await platform.close();
    },
  };
}

/** A merchant with `stores` pickup stores and `variants` priced variants, `stock` units of each everywhere. */
export async function seedShop(platform: Platform, opts: { stores: number; variants: number; stock: number }) {
  const db = platform.ctx.db;
  const merchant = await createMerchant(db, { slug: 'bench', name: 'Bench', currency: 'MYR', taxMode: 'inclusive', taxRateBp: 600 });
  const m = merchant.id;
  await sql`insert into stores (merchant_id, id, code, name, country, lat, lng, timezone, services)
    select ${m}::uuid, gen_random_uuid(), 'S' || g, 'Store ' || g, 'MY', 3 + g / 100.0, 101 + g / 100.0, 'Asia/Kuala_Lumpur', '{pickup,returns}'
    from generate_series(1, ${opts.stores}) g`.execute(db);
  const product = (await sql<{ id: string }>`insert into products (merchant_id, id, handle, status, name) values (${m}, gen_random_uuid(), 'bench', 'active', '{"en":"Bench"}') returning id`.execute(db)).rows[0].id;
  await sql`insert into variants (merchant_id, id, product_id, sku) select ${m}::uuid, gen_random_uuid(), ${product}::uuid, 'SKU-' || g from generate_series(1, ${opts.variants}) g`.execute(db);
  await sql`insert into variant_prices (merchant_id, variant_id, currency, price_minor, pickup_price_minor) select merchant_id, id, 'MYR', 5000, 4500 from variants where merchant_id = ${m}`.execute(db);
  await sql`insert into stock_levels (merchant_id, store_id, variant_id, on_hand) select ${m}::uuid, s.id, v.id, ${opts.stock} from stores s, variants v where s.merchant_id = ${m} and v.merchant_id = ${m}`.execute(db);
  await sql`insert into stock_movements (merchant_id, store_id, variant_id, type, on_hand_delta, actor) select merchant_id, store_id, variant_id, 'receive', on_hand, 'bench' from stock_levels where merchant_id = ${m}`.execute(db);
  const stores = (await db.selectFrom('stores').select('id').where('merchant_id', '=', m).orderBy('code').execute()).map((r) => r.id);
  const variants = (await db.selectFrom('variants').select('id').where('merchant_id', '=', m).orderBy('sku').execute()).map((r) => r.id);
  return { merchantId: m, stores, variants };
}

/** n guest carts with one line each, made in one statement; returns id and signed token per cart. */
export async function makeCarts(platform: Platform, merchantId: string, n: number, pick: (i: number) => { variantId: string; storeId: string }) {
  const db = platform.ctx.db;
  const rows = Array.from({ length: n }, (_, i) => ({ i, ...pick(i) }));
  const ids = (await sql<{ id: string }>`insert into carts (merchant_id, id, currency, fulfilment, store_id, updated_at)
    select ${merchantId}::uuid, gen_random_uuid(), 'MYR', 'pickup', s, now() from unnest(${rows.map((r) => r.storeId)}::uuid[]) with ordinality as t(s, o) order by o returning id`.execute(db)).rows.map((r) => r.id);
  await sql`insert into cart_lines (merchant_id, cart_id, variant_id, quantity)
    select ${merchantId}::uuid, c, v, 1 from unnest(${ids}::uuid[], ${rows.map((r) => r.variantId)}::uuid[]) as t(c, v)`.execute(db);
  return ids.map((id, i) => ({ id, storeId: rows[i].storeId, token: issueCartToken(platform.ctx.config.secret, merchantId, id) }));
}

export const CHECKOUT_BODY = (storeId: string) => JSON.stringify({
  fulfilment: 'pickup', storeId, contact: { email: 'bench@example.com' },
  payment: { method: 'card', card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } },
});

// A keep-alive node:http client: fetch costs the load generator ~3x the CPU per request, and on a 2-core
// machine that CPU is taken from the server and PostgreSQL under test.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/** POSTs JSON and returns the status once the whole response has arrived. */
export function postJson(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `concurrency` workers over the jobs; returns status counts and elapsed seconds. */
export async function runLoad<T>(jobs: T[], concurrency: number, run: (job: T) => Promise<number>) {
  const counts = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < jobs.length) {
      const status = await run(jobs[next++]).catch(() => -1);
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
  }));
  return { counts: Object.fromEntries(counts), seconds: (performance.now() - started) / 1000 };
}

/** pgbench against its own database; returns transactions per second (excluding connection time). */
export function pgbench(databaseUrl: string, args: string[], script?: string): number {
  const url = new URL(databaseUrl);
  const base = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  const db = url.pathname.slice(1);
  const extra = script ? (() => { const f = `${os.tmpdir()}/orders-bench-${process.pid}.sql`; writeFileSync(f, script); return ['-f', f]; })() : [];
  const out = execFileSync('/usr/bin/pgbench', [...base, ...args, ...extra, db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const m = /tps = ([\d.]+) \((without initial connection time|excluding connections establishing)\)/.exec(out);
  if (!m) throw new Error(`pgbench output not understood:\n${out}`);
  return Number(m[1]);
}

export function pgbenchInit(databaseUrl: string, scale: number) {
  const url = new URL(databaseUrl);
  execFileSync('/usr/bin/pgbench', ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', '-i', '-q', '-s', String(scale), url.pathname.slice(1)], { stdio: 'ignore' });
}

export const machine = () => `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

/** Whether Debian's `wrk` is installed: a C load generator that leaves the CPU to the server under test. */
export const haveWrk = () => {
  try { execFileSync('wrk', ['--version'], { stdio: 'ignore' }); return true; } catch (err) { return (err as { status?: number }).status === 1; }
};

/**
 * Shoppers race through `carts` with wrk (one request per cart, `connections` at a time, kept alive) as the
 * load generator: a node:http client costs about 70 µs of CPU per request, which on a 2-core machine is
 * taken from the server and PostgreSQL under test; pgbench, the baseline, is C too. Answers the status
 * counts and successes per second until the first refusal (the sale's pace while stock lasts), and over
 * the whole run, refusals after the sellout included.
 */
export async function wrkRace(base: string, carts: { id: string; token: string }[], path: (id: string) => string, body: string, connections: number, ok = 201) {
  const dir = os.tmpdir();
  const list = `${dir}/wrk-carts-${process.pid}.txt`;
  writeFileSync(list, carts.map((c) => `${path(c.id)} ${c.token}`).join('\n') + '\n');
  const script = `${dir}/wrk-race-${process.pid}.lua`;
  // The script reports the first refusal and the last answer on stdout, flushed, so this process waits for
  // them without polling: on a 2-core machine a polling loop takes CPU from the server under test.
  writeFileSync(script, `
local todo = {}
for line in io.lines(${JSON.stringify(list)}) do local p, t = line:match("(%S+) (%S+)"); todo[#todo + 1] = { p, t } end
local body = ${JSON.stringify(body)}
local sent, answered = 0, 0
wins, losses, others = 0, 0, 0
-- wrk asks for one request per thread before it starts and never sends it: that one is not a cart.
local primed = false
function request()
  if not primed then primed = true; return wrk.format("GET", "/healthz") end
  sent = sent + 1
  local c = todo[sent]
  if c == nil then return wrk.format("GET", "/healthz") end
  return wrk.format("POST", c[1], { ["content-type"] = "application/json", ["x-cart-token"] = c[2] }, body)
end
function response(status)
  -- 200 answers a /healthz request, not a cart.
  if status == 200 then return end
  answered = answered + 1
  if status == ${ok} then wins = wins + 1 elseif status == 409 then losses = losses + 1 else others = others + 1 end
  if status == 409 and losses == 1 then io.write("SOLDOUT " .. wins .. "\\n"); io.flush() end
  if answered == #todo then
    io.write("ALLANSWERED\\n"); io.flush()
    wrk.thread:stop()
  end
end
-- Once every cart is sent, connections wait instead of asking for more.
function delay() if sent >= #todo then return 600000 end return 0 end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary)
  local w, l, o = 0, 0, 0
  for _, t in ipairs(threads) do w = w + t:get("wins"); l = l + t:get("losses"); o = o + t:get("others") end
  io.write(string.format("RESULT %d %d %d\\n", w, l, o))
end
`);
  const started = performance.now();
  const child = spawn('wrk', ['-t1', `-c${connections}`, '-d600s', '--timeout', '30s', '-s', script, base], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  // Typed, not inferred: it is set inside the stdout handler, which the compiler does not follow.
  let sellout = null as { seconds: number; wins: number } | null;
  let finished: (() => void) | null = null;
  let allAnswered = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /SOLDOUT (\d+)\n/.exec(out);
    if (!sellout && m) sellout = { seconds: (performance.now() - started) / 1000, wins: Number(m[1]) };
    if (!allAnswered && out.includes('ALLANSWERED')) { allAnswered = true; finished?.(); }
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // A lost answer (a socket error or wrk's timeout) never reaches the script: give up after 5 minutes.
  await Promise.race([
    new Promise<void>((resolve) => { finished = resolve; if (allAnswered) resolve(); }),
    new Promise((resolve) => setTimeout(resolve, 300_000).unref()),
  ]);
  const seconds = (performance.now() - started) / 1000;
  child.kill('SIGINT');
  await exited;
  const m = /RESULT (\d+) (\d+) (\d+)/.exec(out);
  if (!m || !allAnswered) throw new Error(`wrk did not see every answer:\n${out}`);
  const [wins, losses, others] = m.slice(1).map(Number);
  // The sale's pace: successes answered before the first shopper was turned away, over that time.
  const perSecond = sellout && sellout.wins > 0 ? sellout.wins / sellout.seconds : wins / seconds;
  return { wins, statuses: { [ok]: wins, 409: losses, other: others }, perSecond, wholeRunPerSecond: wins / seconds };
}

/**
 * wrk GETs the paths in turn for `seconds` over `connections` kept-alive connections; answers requests per
 * second, and fails if any answer was not 200.
 */
export function wrkGets(base: string, paths: string[], connections: number, seconds: number): number {
  const dir = os.tmpdir();
  const list = `${dir}/wrk-paths-${process.pid}.txt`;
  writeFileSync(list, paths.join('\n') + '\n');
  const script = `${dir}/wrk-gets-${process.pid}.lua`;
  writeFileSync(script, `
local paths = {}
for line in io.lines(${JSON.stringify(list)}) do paths[#paths + 1] = line end
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
`);
  const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, base], { encoding: 'utf8' });
  if (/Non-2xx|Socket errors/.test(out)) throw new Error(`wrk saw failures:\n${out}`);
  const m = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!m) throw new Error(`wrk output not understood:\n${out}`);
  return Number(m[1]);
}
