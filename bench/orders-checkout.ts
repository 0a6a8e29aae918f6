// Pickup checkout over HTTP on the real PostgreSQL (card authorized, stock reserved, order placed), against
// pgbench's tpcb-like transactions/s (prepared, as the server prepares its repeated statements) in the same run,
// at each concurrency of a list; the throughput ratio compares each side at its best. Target: >= 0.5x.
//   node --import tsx bench/orders-checkout.ts [seconds=15] [shoppers list=32,64,128,256]   (BENCH_CLIENT=node: node:http instead of wrk)
import { CHECKOUT_BODY, dropDatabase, freshDatabase, haveWrk, machine, makeCarts, pgbench, pgbenchInit, postJson, runLoad, seedShop, startServer, wrkRace } from './orders-support.ts';

const seconds = Number(process.argv[2] ?? 15);
const levels = (process.argv[3] ?? '32,64,128,256').split(',').map(Number);
const DB = 'footfall_bench_orders_checkout';
const PGB = 'footfall_bench_orders_pgbench';
// pgbench opens one connection per client; PostgreSQL's default allows 100 in all.
const PGBENCH_MAX_CLIENTS = 90;

const url = await freshDatabase(DB);
const { platform, base, cpuMs, stop } = await startServer(url);
const shop = await seedShop(platform, { stores: 20, variants: 200, stock: 100_000 });
// More carts than the runs can use; each shopper checks out a different variant at a random store.
const carts = await makeCarts(platform, shop.merchantId, 60_000 * levels.length, (i) => ({ variantId: shop.variants[(i * 7919) % shop.variants.length], storeId: shop.stores[(i * 31) % shop.stores.length] }));

async function post(c: { id: string; token: string; storeId: string }) {
  return postJson(`${base}/v1/shop/bench/carts/${c.id}/checkout`, { 'x-cart-token': c.token }, CHECKOUT_BODY(c.storeId));
}

// Each cart is already at its pickup store, so one body serves every shopper.
const { storeId: _chosen, ...WRK_BODY } = JSON.parse(CHECKOUT_BODY(shop.stores[0])) as Record<string, unknown>;
const useWrk = haveWrk() && process.env.BENCH_CLIENT !== 'node';

// Warm-up, then per concurrency a timed run that stops starting new checkouts after `seconds`.
await runLoad(carts.splice(0, 500), levels[0], (c) => post(c));
const checkout: { concurrency: number; attempted: number; statuses: Record<number, number>; checkoutsPerSecond: number; serverCpuMsPerCheckout: number; loadGeneratorCpuMsPerCheckout: number }[] = [];
for (const concurrency of levels) {
  const mine = carts.splice(0, 60_000);
  if (useWrk) {
    // wrk runs through a number of carts sized to last about `seconds` at the last level's pace.
    const last = checkout.at(-1)?.checkoutsPerSecond ?? 2000;
    const share = mine.slice(0, Math.min(mine.length, Math.round(last * 1.2 * seconds)));
    const serverCpuBefore = cpuMs();
    const r = await wrkRace(base, share, (id) => `/v1/shop/bench/carts/${id}/checkout`, JSON.stringify(WRK_BODY), concurrency);
    checkout.push({
      concurrency, attempted: share.length, statuses: r.statuses, checkoutsPerSecond: Math.round(r.wholeRunPerSecond),
      serverCpuMsPerCheckout: Number(((cpuMs() - serverCpuBefore) / r.wins).toFixed(3)), loadGeneratorCpuMsPerCheckout: 0,
    });
    continue;
  }
  const deadline = performance.now() + seconds * 1000;
  const serverCpuBefore = cpuMs();
  const clientCpuBefore = process.cpuUsage();
  let done = 0;
  const result = await runLoad(mine, concurrency, async (c) => {
    if (performance.now() > deadline) return 0;
    done++;
    return post(c);
  });
  const placed = result.counts[201] ?? 0;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  checkout.push({
    concurrency, attempted: done, statuses: result.counts,
    checkoutsPerSecond: Math.round(placed / Math.min(result.seconds, seconds + 5)),
    serverCpuMsPerCheckout: Number(((cpuMs() - serverCpuBefore) / placed).toFixed(3)),
    loadGeneratorCpuMsPerCheckout: Number(((clientCpu.user + clientCpu.system) / 1000 / placed).toFixed(3)),
  });
}
await stop();

const pgbUrl = await freshDatabase(PGB);
pgbenchInit(pgbUrl, 20);
// pgbench at its own usual peak range too, so its best is its best, whatever shopper counts were asked for.
const pgbenchClients = [...new Set([16, 32, 64, ...levels].map((c) => Math.min(c, PGBENCH_MAX_CLIENTS)))].sort((a, b) => a - b);
const pgb = pgbenchClients.map((clients) => ({ clients, tps: Math.round(pgbench(pgbUrl, ['-b', 'tpcb-like', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-n'])) }));
await dropDatabase(PGB);
await dropDatabase(DB);

const best = Math.max(...checkout.map((c) => c.checkoutsPerSecond));
const bestPgb = Math.max(...pgb.map((p) => p.tps));
console.log(JSON.stringify({
  bench: 'orders-checkout', machine: machine(), client: useWrk ? 'wrk' : 'node:http', seconds,
  checkout, pgbenchTpcb: pgb,
  perConcurrencyRatio: checkout.map((c) => ({ concurrency: c.concurrency, ratio: Number((c.checkoutsPerSecond / pgb.find((p) => p.clients === Math.min(c.concurrency, PGBENCH_MAX_CLIENTS))!.tps).toFixed(2)) })),
  bestCheckoutsPerSecond: best, bestPgbenchTps: bestPgb, ratio: Number((best / bestPgb).toFixed(2)),
}, null, 2));
