// Pickup checkout over HTTP on the real PostgreSQL (card authorized, stock reserved, order placed), against
// pgbench's tpcb-like transactions/s (prepared, as the server prepares its repeated statements) in the same run. Target: >= 0.5x.
//   node --import tsx bench/orders-checkout.ts [seconds=15] [concurrency=32]
import { CHECKOUT_BODY, dropDatabase, freshDatabase, machine, makeCarts, pgbench, pgbenchInit, postJson, runLoad, seedShop, startServer } from './orders-support.ts';

const seconds = Number(process.argv[2] ?? 15);
const concurrency = Number(process.argv[3] ?? 32);
const DB = 'footfall_bench_orders_checkout';
const PGB = 'footfall_bench_orders_pgbench';

const url = await freshDatabase(DB);
const { platform, base, cpuMs, stop } = await startServer(url);
const shop = await seedShop(platform, { stores: 20, variants: 200, stock: 100_000 });
// More carts than the run can use; each shopper checks out a different variant at a random store.
const carts = await makeCarts(platform, shop.merchantId, 60_000, (i) => ({ variantId: shop.variants[(i * 7919) % shop.variants.length], storeId: shop.stores[(i * 31) % shop.stores.length] }));

// Warm-up, then a timed run that stops starting new checkouts after `seconds`.
const warm = carts.splice(0, 500);
await runLoad(warm, concurrency, (c) => post(c));
const deadline = performance.now() + seconds * 1000;
const serverCpuBefore = cpuMs();
const clientCpuBefore = process.cpuUsage();
let done = 0;
const result = await runLoad(carts, concurrency, async (c) => {
  if (performance.now() > deadline) return 0;
  done++;
  return post(c);
});
const placed = result.counts[201] ?? 0;
const serverCpuPerCheckout = (cpuMs() - serverCpuBefore) / placed;
const clientCpu = process.cpuUsage(clientCpuBefore);
const clientCpuPerCheckout = (clientCpu.user + clientCpu.system) / 1000 / placed;
const tps = placed / Math.min(result.seconds, seconds + 5);

async function post(c: { id: string; token: string; storeId: string }) {
  return postJson(`${base}/v1/shop/bench/carts/${c.id}/checkout`, { 'x-cart-token': c.token }, CHECKOUT_BODY(c.storeId));
}
await stop();

const pgbUrl = await freshDatabase(PGB);
pgbenchInit(pgbUrl, 20);
const pgbTps = pgbench(pgbUrl, ['-b', 'tpcb-like', '-M', 'prepared', '-c', String(concurrency), '-j', '2', '-T', String(seconds), '-n']);
await dropDatabase(PGB);
await dropDatabase(DB);

console.log(JSON.stringify({ bench: 'orders-checkout', machine: machine(), seconds, concurrency, attempted: done, statuses: result.counts, checkoutsPerSecond: Math.round(tps), serverCpuMsPerCheckout: Number(serverCpuPerCheckout.toFixed(3)), loadGeneratorCpuMsPerCheckout: Number(clientCpuPerCheckout.toFixed(3)), pgbenchTpcbTps: Math.round(pgbTps), ratio: Number((tps / pgbTps).toFixed(2)) }, null, 2));
