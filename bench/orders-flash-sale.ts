// Flash sale: one hot variant at one store, 64 concurrent shoppers checking out over HTTP. Successful
// reservations/s against a plain single-row `UPDATE … SET available = available - 1 WHERE available >= 1`
// (pgbench, 64 clients) in the same run. Target: >= 3x, and zero oversell.
//   node --import tsx bench/orders-flash-sale.ts [stock=3000] [shoppers=64]
import { sql } from 'kysely';
import pg from 'pg';
import { CHECKOUT_BODY, dropDatabase, freshDatabase, machine, makeCarts, pgbench, postJson, runLoad, seedShop, startServer } from './orders-support.ts';

const stock = Number(process.argv[2] ?? 3000);
const shoppers = Number(process.argv[3] ?? 64);
const DB = 'footfall_bench_orders_flash';
const RAW = 'footfall_bench_orders_flash_raw';

const url = await freshDatabase(DB);
const { platform, base, stop } = await startServer(url);
const shop = await seedShop(platform, { stores: 1, variants: 1, stock });
const carts = await makeCarts(platform, shop.merchantId, Math.round(stock * 1.5), () => ({ variantId: shop.variants[0], storeId: shop.stores[0] }));

let lastSuccess = 0;
const started = performance.now();
const result = await runLoad(carts, shoppers, async (c) => {
  const status = await postJson(`${base}/v1/shop/bench/carts/${c.id}/checkout`, { 'x-cart-token': c.token }, CHECKOUT_BODY(c.storeId));
  if (status === 201) lastSuccess = performance.now();
  return status;
});
const sold = result.counts[201] ?? 0;
const rate = sold / ((lastSuccess - started) / 1000);
const db = platform.ctx.db;
const level = await db.selectFrom('stock_levels').select(['on_hand', 'reserved']).where('merchant_id', '=', shop.merchantId).executeTakeFirstOrThrow();
const orders = Number((await db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const ledger = (await sql<{ r: number }>`select sum(reserved_delta)::int as r from stock_movements`.execute(db)).rows[0].r;
await stop();

// Baseline: the hot row alone, no HTTP, no order, the same number of clients.
const rawUrl = await freshDatabase(RAW);
const c = new pg.Client({ connectionString: rawUrl });
await c.connect();
await c.query('create table hot (id int primary key, available int not null); insert into hot values (1, 1000000000)');
await c.end();
const rawTps = pgbench(rawUrl, ['-M', 'prepared', '-c', String(shoppers), '-j', '2', '-T', '10', '-n'], 'UPDATE hot SET available = available - 1 WHERE id = 1 AND available >= 1;\n');
await dropDatabase(RAW);
await dropDatabase(DB);

const oversold = level.reserved > stock || orders > stock || sold !== orders || ledger !== level.reserved;
console.log(JSON.stringify({
  bench: 'orders-flash-sale', machine: machine(), stock, shoppers, statuses: result.counts,
  sold, orders, reserved: level.reserved, ledgerReserved: ledger, oversold,
  reservationsPerSecond: Math.round(rate), plainUpdateTps: Math.round(rawTps), ratio: Number((rate / rawTps).toFixed(2)),
}, null, 2));
if (oversold) process.exitCode = 1;
