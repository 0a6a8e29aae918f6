import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { ledgerDifferences } from '../../src/inventory/inventory.repository.ts';
import { applyMovements } from '../../src/inventory/movements.ts';
import { holdAtOnce } from '../../src/orders/hold-at-once.ts';
import { holdInOneStatement } from '../../src/orders/hold-in-one-statement.ts';
import { describeEachBackend } from '../support/suite.ts';
import type { TestServer } from '../support/server.ts';
import { createShop, guestCart, level, pickupCheckout, type Shop } from './fixtures.ts';

// First holds go in one statement (hold-in-one-statement.ts), or, for carts it leaves, in two autocommit
// statements once the store is known to have room (hold-at-once.ts); these tests pin down that both write
// exactly what the transactional way writes, and leave to it whatever they cannot do safely.

interface Cart { id: string; headers: Record<string, string> }

async function pickupCart(server: TestServer, shop: Shop, quantity: number): Promise<Cart> {
  const cart = await guestCart(server, shop, [{ variant: 'KETTLE', quantity }]);
  const r = await server.request('PUT', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/fulfilment`, { headers: cart.headers, body: { type: 'pickup', storeId: shop.stores.KL } });
  assert.equal(r.status, 200, r.text);
  return cart;
}

const hold = (server: TestServer, shop: Shop, cart: Cart) => server.request('POST', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/hold`, { headers: cart.headers });

const heldUntil = async (server: TestServer, shop: Shop, cart: Cart) => (await server.platform.ctx.db.selectFrom('carts').select('held_until')
  .where('merchant_id', '=', shop.merchant.id).where('id', '=', cart.id).executeTakeFirstOrThrow()).held_until;

const eventsOf = (server: TestServer, shop: Shop, type: string) => server.platform.ctx.db.selectFrom('outbox_events').select('payload')
  .where('merchant_id', '=', shop.merchant.id).where('type', '=', type).orderBy('created_at').execute();

/** A shop with 10 kettles at KL (low-stock alert at 5) whose level this server has already seen, through one first hold. */
async function warmShop(server: TestServer) {
  const shop = await createShop(server, { stock: [{ store: 'KL', variant: 'KETTLE', quantity: 10 }] });
  await server.platform.ctx.db.updateTable('stock_levels').set({ low_stock_threshold: 5 }).where('merchant_id', '=', shop.merchant.id).execute();
  const first = await pickupCart(server, shop, 1);
  assert.equal((await hold(server, shop, first)).status, 201);
  return shop;
}

const callerOf = (server: TestServer, shop: Shop, cart: Cart) => ({
  cartId: cart.id, caller: { actor: { kind: 'guest' as const, merchantId: shop.merchant.id }, token: cart.headers['x-cart-token'], secret: server.platform.ctx.config.secret },
});

describeEachBackend('cart holds at once', (server) => {
  it('a first hold writes the hold, the cart mark, the ledger row and the events, as the transactional way does', async () => {
    const shop = await warmShop(server());
    const cart = await pickupCart(server(), shop, 2);
    const [answer] = await holdAtOnce(server().platform.ctx.db, shop.merchant.id, [callerOf(server(), shop, cart)]);
    assert.ok(answer && !(answer instanceof Error), 'held without a transaction');
    assert.deepEqual(answer.lines, [{ variantId: shop.variants.KETTLE, quantity: 2 }]);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 3 });
    assert.equal((await heldUntil(server(), shop, cart))?.toISOString(), answer.expiresAt);
    const db = server().platform.ctx.db;
    const holds = await db.selectFrom('cart_holds').select(['quantity', 'expires_at']).where('merchant_id', '=', shop.merchant.id).where('cart_id', '=', cart.id).execute();
    assert.deepEqual(holds.map((h) => [h.quantity, h.expires_at.toISOString()]), [[2, answer.expiresAt]]);
    const moves = await db.selectFrom('stock_movements').select(['type', 'reserved_delta', 'ref_id']).where('merchant_id', '=', shop.merchant.id).where('ref_id', '=', cart.id).execute();
    assert.deepEqual(moves, [{ type: 'reservation', reserved_delta: 2, ref_id: cart.id }]);
    const changed = await eventsOf(server(), shop, 'inventory.changed');
    const last = changed.at(-1)!.payload as { levels: { sku: string; reserved: number; available: number }[] };
    assert.deepEqual(last.levels.map((l) => [l.sku.split('-')[0], l.reserved, l.available]), [['KETTLE', 3, 7]]);
    assert.deepEqual(await ledgerDifferences(db, shop.merchant.id), []);

    // Checkout turns it into the order's reservation and clears the cart's mark.
    assert.equal((await pickupCheckout(server(), shop, cart, 'KL')).status, 201);
    assert.equal(await heldUntil(server(), shop, cart), null);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 3 });
  });

  it('crossing the low-stock threshold raises one alert; releasing and expiring clear the cart mark', async () => {
    const shop = await warmShop(server());
    const a = await pickupCart(server(), shop, 3);
    const b = await pickupCart(server(), shop, 1);
    assert.equal((await hold(server(), shop, a)).status, 201);
    assert.equal((await hold(server(), shop, b)).status, 201);
    const alerts = await eventsOf(server(), shop, 'inventory.low_stock');
    assert.deepEqual(alerts.map((e) => {
      const { storeId, variantId, available, threshold } = e.payload as Record<string, unknown>;
      return { storeId, variantId, available, threshold };
    }), [{ storeId: shop.stores.KL, variantId: shop.variants.KETTLE, available: 5, threshold: 5 }]);

    assert.equal((await server().request('DELETE', `/v1/shop/${shop.merchant.slug}/carts/${a.id}/hold`, { headers: a.headers })).status, 200);
    assert.equal(await heldUntil(server(), shop, a), null);
    await server().platform.ctx.db.updateTable('cart_holds').set({ expires_at: new Date(Date.now() - 1000) }).where('merchant_id', '=', shop.merchant.id).execute();
    await sleep(5);
    await server().platform.workers.tick();
    assert.equal(await heldUntil(server(), shop, b), null);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 0 });
    assert.deepEqual(await ledgerDifferences(server().platform.ctx.db, shop.merchant.id), []);
  });

  it('stock taken away since the server last saw it: the hold is refused with the true figure and nothing is written', async () => {
    const shop = await warmShop(server());
    const db = server().platform.ctx.db;
    // The server last saw 9 free; 7 leave the shelf another way.
    await db.transaction().execute((trx) => applyMovements(trx, shop.merchant.id,
      [{ storeId: shop.stores.KL, variantId: shop.variants.KETTLE, type: 'adjustment', quantity: -7, reason: 'water damage' }], { actor: 'test' }));
    const cart = await pickupCart(server(), shop, 3);
    const [fast] = await holdAtOnce(db, shop.merchant.id, [callerOf(server(), shop, cart)]);
    assert.equal(fast, undefined, 'the guarded statement failed and left the request to the transactional way');
    const refused = await hold(server(), shop, cart);
    assert.equal(refused.status, 409);
    assert.match(refused.body.detail, /2 available, 3 needed/);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 3, reserved: 1 });
    assert.equal(await heldUntil(server(), shop, cart), null);
    assert.equal((await db.selectFrom('cart_holds').select('cart_id').where('merchant_id', '=', shop.merchant.id).where('cart_id', '=', cart.id).execute()).length, 0);
    assert.deepEqual(await ledgerDifferences(db, shop.merchant.id), []);
  });
});

describeEachBackend('cart holds in one statement', (server) => {
  it('holds the carts it can, with the merchant hold time, and leaves the others untouched for the paths that read first', async () => {
    const shop = await createShop(server(), { stock: [{ store: 'KL', variant: 'KETTLE', quantity: 10 }], settings: { orders: { holdMinutes: 30 } } });
    const db = server().platform.ctx.db;
    const good = await pickupCart(server(), shop, 2);
    const empty = await guestCart(server(), shop, []);
    await server().request('PUT', `/v1/shop/${shop.merchant.slug}/carts/${empty.id}/fulfilment`, { headers: empty.headers, body: { type: 'pickup', storeId: shop.stores.KL } });
    const noStore = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    const forged = await pickupCart(server(), shop, 1);
    const atCounter = await pickupCart(server(), shop, 3);
    const staff = { kind: 'staff' as const, merchantId: shop.merchant.id, userId: 'u1', role: 'associate' as const, storeIds: null };
    const answers = await holdInOneStatement(db, shop.merchant.id, [
      callerOf(server(), shop, good), callerOf(server(), shop, empty), callerOf(server(), shop, noStore),
      { ...callerOf(server(), shop, forged), caller: { ...callerOf(server(), shop, forged).caller, token: good.headers['x-cart-token'] } },
      { cartId: atCounter.id, caller: { actor: staff, secret: server().platform.ctx.config.secret } },
    ]);
    assert.deepEqual(answers.map((a) => a?.lines), [[{ variantId: shop.variants.KETTLE, quantity: 2 }], undefined, undefined, undefined, [{ variantId: shop.variants.KETTLE, quantity: 3 }]]);
    const minutes = (Date.parse(answers[0]!.expiresAt) - Date.now()) / 60_000;
    assert.ok(minutes > 29 && minutes <= 30, `held for the merchant's 30 minutes, got ${minutes}`);
    assert.equal((await heldUntil(server(), shop, good))?.toISOString(), answers[0]!.expiresAt);
    for (const untouched of [empty, noStore, forged]) assert.equal(await heldUntil(server(), shop, untouched), null);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 5 });
    const moves = await db.selectFrom('stock_movements').select(['ref_id', 'reserved_delta', 'actor']).where('merchant_id', '=', shop.merchant.id).where('type', '=', 'reservation').orderBy('reserved_delta').execute();
    assert.deepEqual(moves, [{ ref_id: good.id, reserved_delta: 2, actor: 'cart-hold' }, { ref_id: atCounter.id, reserved_delta: 3, actor: 'cart-hold' }]);
    assert.deepEqual(await ledgerDifferences(db, shop.merchant.id), []);

    // Over HTTP the ones it left get what they always got: a refusal each, and a renewal for a held cart.
    assert.equal((await hold(server(), shop, empty)).body.type, 'https://footfall.dev/problems/cart_empty');
    assert.equal((await hold(server(), shop, noStore)).status, 400);
    const renewed = await hold(server(), shop, good);
    assert.equal(renewed.status, 201, renewed.text);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 5 });
  });

  it('a batch the store cannot supply in full writes nothing; the shoppers then get what the store has, in order', async () => {
    const shop = await createShop(server(), { stock: [{ store: 'KL', variant: 'KETTLE', quantity: 3 }] });
    const db = server().platform.ctx.db;
    const a = await pickupCart(server(), shop, 2);
    const b = await pickupCart(server(), shop, 2);
    assert.deepEqual(await holdInOneStatement(db, shop.merchant.id, [callerOf(server(), shop, a), callerOf(server(), shop, b)]), [undefined, undefined]);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 3, reserved: 0 });
    assert.equal(await heldUntil(server(), shop, a), null);
    assert.equal((await db.selectFrom('cart_holds').select('cart_id').where('merchant_id', '=', shop.merchant.id).execute()).length, 0);
    assert.equal((await hold(server(), shop, a)).status, 201);
    const refused = await hold(server(), shop, b);
    assert.equal(refused.status, 409);
    assert.match(refused.body.detail, /1 available, 2 needed/);
    assert.deepEqual(await ledgerDifferences(db, shop.merchant.id), []);
  });
});

describeEachBackend('cart holds at once, racing a change to the cart', (server) => {
  it('a cart changed between the read and the write is not held by the fast statement, and nothing of the batch is written', async () => {
    const shop = await warmShop(server());
    const db = server().platform.ctx.db;
    const changed = await pickupCart(server(), shop, 1);
    const other = await pickupCart(server(), shop, 1);
    const before = await level(server(), shop, 'KL', 'KETTLE');
    // Another session holds the cart's row; the batch reads the cart, then its write waits for that row.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const editing = db.transaction().execute(async (trx) => {
      await sql`select id from carts where merchant_id = ${shop.merchant.id} and id = ${changed.id} for update`.execute(trx);
      await gate;
      await sql`update carts set updated_at = now() where merchant_id = ${shop.merchant.id} and id = ${changed.id}`.execute(trx);
    });
    await sleep(50);
    const racing = holdAtOnce(db, shop.merchant.id, [callerOf(server(), shop, changed), callerOf(server(), shop, other)]);
    await sleep(200);
    release();
    await editing;
    assert.deepEqual(await racing, [undefined, undefined]);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), before);
    assert.equal(await heldUntil(server(), shop, other), null);
    // The transactional way then holds both, as the carts are now.
    assert.equal((await hold(server(), shop, changed)).status, 201);
    assert.equal((await hold(server(), shop, other)).status, 201);
    assert.deepEqual(await ledgerDifferences(db, shop.merchant.id), []);
  });
}, { only: ['postgres'] });
