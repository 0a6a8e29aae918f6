// Flash sale: one hot variant at one store, 64 concurrent shoppers over HTTP. Successful reservations/s
// against a plain single-row `UPDATE … SET available = available - 1 WHERE available >= 1` (pgbench, 64
// clients) in the same run. Target: >= 3x, and zero oversell.
// A reservation is the shopper's cart hold (POST /carts/:id/hold), which keeps the unit while they pay;
// the held carts are then checked out, and, for comparison, a second hot variant is sold by checkout alone.
//   node --import tsx bench/orders-flash-sale.ts [stock=30000] [shoppers=64]   (BENCH_CLIENT=node: node:http instead of wrk)
import { sql } from 'kysely';
import pg from 'pg';
import { ledgerDifferences } from '../src/inventory/inventory.repository.ts';
import { applyMovements } from '../src/inventory/movements.ts';
import { CHECKOUT_BODY, dropDatabase, freshDatabase, haveWrk, machine, makeCarts, pgbench, postJson, runLoad, seedShop, startServer, wrkRace } from './orders-support.ts';

const stock = Number(process.argv[2] ?? 30000);
const shoppers = Number(process.argv[3] ?? 64);
const DB = 'footfall_bench_orders_flash';
const RAW = 'footfall_bench_orders_flash_raw';

const url = await freshDatabase(DB);
const { platform, base, stop } = await startServer(url);
const shop = await seedShop(platform, { stores: 1, variants: 3, stock });
const db = platform.ctx.db;
const storeId = shop.stores[0];
const [holdVariant, checkoutVariant, warmVariant] = shop.variants;

const useWrk = haveWrk() && process.env.BENCH_CLIENT !== 'node';

/** Shoppers race through `carts` (wrk when installed); answers successes per second and the statuses. */
async function race(carts: { id: string; token: string }[], path: (id: string) => string, body: string, ok: number) {
  if (useWrk) return wrkRace(base, carts, path, body, shoppers, ok);
  let last = 0;
  const started = performance.now();
  const result = await runLoad(carts, shoppers, async (c) => {
    const status = await postJson(`${base}${path(c.id)}`, { 'x-cart-token': c.token }, body);
    if (status === ok) last = performance.now();
    return status;
  });
  const wins = result.counts[ok] ?? 0;
  return { wins, statuses: result.counts, perSecond: wins / ((last - started) / 1000), wholeRunPerSecond: wins / result.seconds };
}

const levelOf = (variantId: string) => db.selectFrom('stock_levels').select(['on_hand', 'reserved']).where('merchant_id', '=', shop.merchantId).where('variant_id', '=', variantId).executeTakeFirstOrThrow();
const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(db)).rows[0].n;

// 0. A running shop's server is warm: a first sale of a third variant compiles the hold path (holds and
// refusals) before the measured one, as pgbench's baseline runs on a warm PostgreSQL.
const warmCarts = await makeCarts(platform, shop.merchantId, Math.round(stock / 2), () => ({ variantId: warmVariant, storeId }));
await db.transaction().execute((trx) => applyMovements(trx, shop.merchantId,
  [{ storeId, variantId: warmVariant, type: 'adjustment', quantity: Math.round(stock / 3) - stock, reason: 'warm-up sale' }], { actor: 'bench' }));
// Statistics as a running shop has them (its planner-statistics job keeps them; this server runs no jobs).
await sql`analyze carts, cart_lines, cart_holds`.execute(db);
const warm = await race(warmCarts, (id) => `/v1/shop/bench/carts/${id}/hold`, '{}', 201);

// 1. Reservations: 1.5 shoppers per unit hold their carts.
const holdCarts = await makeCarts(platform, shop.merchantId, Math.round(stock * 1.5), () => ({ variantId: holdVariant, storeId }));
// A running shop's carts have statistics, taken while few of them held anything (holds expire within
// minutes): a plan cached from them must not scan every hold per cart once the sale fills `cart_holds`.
// (Orders are left alone: a running shop's orders table is never empty.)
await sql`analyze carts, cart_lines, cart_holds`.execute(db);
const holds = await race(holdCarts, (id) => `/v1/shop/bench/carts/${id}/hold`, '{}', 201);
const afterHolds = await levelOf(holdVariant);
const heldUnits = await count(sql<{ n: number }>`select coalesce(sum(quantity), 0)::int as n from cart_holds where merchant_id = ${shop.merchantId} and variant_id = ${holdVariant}`);

// 2. The winners pay: each held cart becomes an order without touching anyone else's units.
const heldIds = new Set((await db.selectFrom('cart_holds').select('cart_id').where('merchant_id', '=', shop.merchantId).execute()).map((r) => r.cart_id));
const winners = holdCarts.filter((c) => heldIds.has(c.id));
const paid = await race(winners, (id) => `/v1/shop/bench/carts/${id}/checkout`, CHECKOUT_BODY(storeId), 201);
const afterPaid = await levelOf(holdVariant);

// 3. For comparison: the other hot variant sold by checkout alone (no hold first).
const directCarts = await makeCarts(platform, shop.merchantId, Math.round(stock * 1.5), () => ({ variantId: checkoutVariant, storeId }));
await sql`analyze carts, cart_lines, cart_holds`.execute(db);
const direct = await race(directCarts, (id) => `/v1/shop/bench/carts/${id}/checkout`, CHECKOUT_BODY(storeId), 201);
const afterDirect = await levelOf(checkoutVariant);
const orders = await count(sql<{ n: number }>`select count(*)::int as n from orders where merchant_id = ${shop.merchantId}`);
const differences = await ledgerDifferences(db, shop.merchantId);
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

const oversold = holds.wins > stock || afterHolds.reserved !== holds.wins || heldUnits !== holds.wins
  || paid.wins !== winners.length || afterPaid.reserved !== holds.wins
  || direct.wins > stock || afterDirect.reserved !== direct.wins || orders !== paid.wins + direct.wins || differences.length > 0;
console.log(JSON.stringify({
  bench: 'orders-flash-sale', machine: machine(), client: useWrk ? 'wrk' : 'node:http', stock, shoppers,
  warmUp: { statuses: warm.statuses, perSecond: Math.round(warm.perSecond) },
  holds: { statuses: holds.statuses, reserved: afterHolds.reserved, perSecond: Math.round(holds.perSecond), wholeRunPerSecond: Math.round(holds.wholeRunPerSecond) },
  heldCartsCheckedOut: { statuses: paid.statuses, perSecond: Math.round(paid.perSecond) },
  checkoutWithoutHold: { statuses: direct.statuses, reserved: afterDirect.reserved, perSecond: Math.round(direct.perSecond), wholeRunPerSecond: Math.round(direct.wholeRunPerSecond) },
  ledgerDifferences: differences.length, oversold,
  plainUpdateTps: Math.round(rawTps),
  ratio: Number((holds.perSecond / rawTps).toFixed(2)),
  checkoutWithoutHoldRatio: Number((direct.perSecond / rawTps).toFixed(2)),
}, null, 2));
if (oversold) process.exitCode = 1;
