import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { ledgerDifferences } from '../../src/inventory/inventory.repository.ts';
import { describeEachBackend } from '../support/suite.ts';
import type { TestServer } from '../support/server.ts';
import { createShop, guestCart, level, pickupCheckout, type Shop } from './fixtures.ts';

interface Cart { id: string; headers: Record<string, string> }

async function pickupAt(server: TestServer, shop: Shop, cart: Cart, store: string) {
  const r = await server.request('PUT', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/fulfilment`, { headers: cart.headers, body: { type: 'pickup', storeId: shop.stores[store] } });
  assert.equal(r.status, 200, r.text);
}

const hold = (server: TestServer, shop: Shop, cart: Cart) => server.request('POST', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/hold`, { headers: cart.headers });

async function ledgerBalanced(server: TestServer, shop: Shop) {
  assert.deepEqual(await ledgerDifferences(server.platform.ctx.db, shop.merchant.id), []);
}

describeEachBackend('cart stock holds', (server) => {
  it('a held cart keeps its units while the shopper pays; checkout turns the hold into the order reservation', async () => {
    const shop = await createShop(server(), { stock: [{ store: 'KL', variant: 'KETTLE', quantity: 2 }] });
    const mine = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 2 }]);
    await pickupAt(server(), shop, mine, 'KL');
    const held = await hold(server(), shop, mine);
    assert.equal(held.status, 201, held.text);
    assert.equal(held.body.storeId, shop.stores.KL);
    assert.deepEqual(held.body.lines, [{ variantId: shop.variants.KETTLE, quantity: 2 }]);
    const minutes = (Date.parse(held.body.expiresAt) - Date.now()) / 60_000;
    assert.ok(minutes > 14 && minutes <= 15, `held for the default 15 minutes, got ${minutes}`);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 2, reserved: 2 });
    const view = await server().request('GET', `/v1/shop/${shop.merchant.slug}/carts/${mine.id}`, { headers: mine.headers });
    assert.equal(view.body.hold.expiresAt, held.body.expiresAt);

    // Someone else cannot buy the held units, however they ask.
    const other = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    await pickupAt(server(), shop, other, 'KL');
    const otherHold = await hold(server(), shop, other);
    assert.equal(otherHold.status, 409);
    assert.equal(otherHold.body.type, 'https://footfall.dev/problems/out_of_stock');
    assert.equal((await pickupCheckout(server(), shop, other, 'KL')).status, 409);
    const availability = await server().request('GET', `/v1/shop/${shop.merchant.slug}/availability?variantId=${shop.variants.KETTLE}`);
    assert.equal(availability.body.items[0].lines[0].available, 0);

    const placed = await pickupCheckout(server(), shop, mine, 'KL');
    assert.equal(placed.status, 201, placed.text);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 2, reserved: 2 }, 'the order holds what the cart held, not twice');
    const db = server().platform.ctx.db;
    assert.equal((await db.selectFrom('cart_holds').select('cart_id').where('merchant_id', '=', shop.merchant.id).execute()).length, 0);
    const moves = await db.selectFrom('stock_movements').select(['type', 'ref_type', 'reserved_delta']).where('merchant_id', '=', shop.merchant.id).where('type', 'in', ['reservation', 'release']).orderBy('id').execute();
    assert.deepEqual(moves, [
      { type: 'reservation', ref_type: 'cart', reserved_delta: 2 },
      { type: 'release', ref_type: 'cart', reserved_delta: -2 },
      { type: 'reservation', ref_type: 'order', reserved_delta: 2 },
    ]);
    await ledgerBalanced(server(), shop);
  });

  it('holding again follows the cart as it is now; releasing gives the units back', async () => {
    const shop = await createShop(server(), { stores: { KL: { services: ['pickup'] }, PJ: { services: ['pickup'] } } });
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    await pickupAt(server(), shop, cart, 'KL');
    assert.equal((await hold(server(), shop, cart)).status, 201);
    await server().request('PATCH', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/lines/${shop.variants.KETTLE}`, { headers: cart.headers, body: { quantity: 3 } });
    assert.equal((await hold(server(), shop, cart)).status, 201);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 3 });
    await pickupAt(server(), shop, cart, 'PJ');
    const moved = await hold(server(), shop, cart);
    assert.equal(moved.body.storeId, shop.stores.PJ);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 0 }, 'the old store gets its units back');
    assert.deepEqual(await level(server(), shop, 'PJ', 'KETTLE'), { onHand: 10, reserved: 3 });
    // Asking for more than the store has keeps the hold the cart already had.
    await server().request('PATCH', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/lines/${shop.variants.KETTLE}`, { headers: cart.headers, body: { quantity: 11 } });
    const tooMany = await hold(server(), shop, cart);
    assert.equal(tooMany.status, 409);
    assert.match(tooMany.body.detail, /10 available, 11 needed/);
    assert.deepEqual(await level(server(), shop, 'PJ', 'KETTLE'), { onHand: 10, reserved: 3 });

    const released = await server().request('DELETE', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/hold`, { headers: cart.headers });
    assert.equal(released.status, 200, released.text);
    assert.equal(released.body.hold, null);
    assert.deepEqual(await level(server(), shop, 'PJ', 'KETTLE'), { onHand: 10, reserved: 0 });
    assert.equal((await server().request('DELETE', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/hold`, { headers: cart.headers })).status, 200, 'releasing twice is harmless');
    await ledgerBalanced(server(), shop);
  });

  it('an expired hold goes back on the shelf with an event', async () => {
    const shop = await createShop(server(), { settings: { orders: { holdMinutes: 0 } } });
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 4 }]);
    await pickupAt(server(), shop, cart, 'KL');
    assert.equal((await hold(server(), shop, cart)).status, 201);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 4 });
    await sleep(10);
    await server().platform.workers.tick();
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 0 });
    const db = server().platform.ctx.db;
    const events = await db.selectFrom('outbox_events').select(['type', 'payload']).where('merchant_id', '=', shop.merchant.id).where('type', '=', 'cart.hold_expired').execute();
    assert.equal(events.length, 1);
    assert.equal((events[0].payload as { units: number }).units, 4);
    // The cart can still be checked out while stock lasts.
    assert.equal((await pickupCheckout(server(), shop, cart, 'KL')).status, 201);
    await ledgerBalanced(server(), shop);
  });

  it('bad requests are refused with a problem and hold nothing', async () => {
    const shop = await createShop(server(), { stores: { KL: { services: ['pickup'] }, WH: { services: ['ship_from_store'] } } });
    const slug = shop.merchant.slug;
    const empty = await guestCart(server(), shop, []);
    assert.equal((await hold(server(), shop, empty)).status, 422);
    const noStore = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    const r1 = await hold(server(), shop, noStore);
    assert.equal(r1.status, 400);
    assert.match(r1.body.detail, /Choose pickup/);
    assert.equal((await hold(server(), shop, { ...noStore, headers: {} })).status, 404, 'no token, no cart');
    assert.equal((await hold(server(), shop, { ...noStore, headers: { 'x-cart-token': 'forged' } })).status, 404);
    assert.equal((await server().request('POST', `/v1/shop/${slug}/carts/not-a-uuid/hold`)).status, 400);
    assert.equal((await server().request('DELETE', `/v1/shop/${slug}/carts/not-a-uuid/hold`)).status, 400);
    assert.equal((await server().request('DELETE', `/v1/shop/${slug}/carts/${noStore.id}/hold`)).status, 404, 'no token, no release');
    // Malformed, wrong-type and oversized bodies are problems too, never a 5xx.
    const raw = (body: string, type = 'application/json') => server().request('POST', `/v1/shop/${slug}/carts/${noStore.id}/hold`, { headers: { ...noStore.headers, 'content-type': type }, raw: body });
    for (const r of [await raw('{"oops'), await raw('<hold/>', 'application/xml'), await raw(`{"pad":"${'x'.repeat(2_000_000)}"}`)]) {
      assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${r.text.slice(0, 200)}`);
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
    }
    // A store that stopped offering pickup after the shopper chose it.
    await pickupAt(server(), shop, noStore, 'KL');
    await server().platform.ctx.db.updateTable('stores').set({ services: ['returns'] }).where('id', '=', shop.stores.KL).execute();
    assert.equal((await hold(server(), shop, noStore)).status, 422);
    await server().platform.ctx.db.updateTable('stores').set({ services: ['pickup'] }).where('id', '=', shop.stores.KL).execute();
    assert.equal((await pickupCheckout(server(), shop, noStore, 'KL')).status, 201);
    const closed = await hold(server(), shop, noStore);
    assert.equal(closed.status, 409);
    assert.equal(closed.body.type, 'https://footfall.dev/problems/cart_closed');
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 1 });
    assert.equal((await server().platform.ctx.db.selectFrom('cart_holds').select('cart_id').where('merchant_id', '=', shop.merchant.id).execute()).length, 0);
  });
});

describeEachBackend('cart stock holds under contention', (server) => {
  it('50 units, 300 shoppers holding at once: exactly 50 holds, 250 out-of-stock problems, then 50 orders', async () => {
    const shop = await createShop(server(), { stock: [{ store: 'KL', variant: 'KETTLE', quantity: 50 }] });
    const carts: Cart[] = [];
    for (let i = 0; i < 300; i += 50) {
      carts.push(...await Promise.all(Array.from({ length: 50 }, async () => {
        const c = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
        await pickupAt(server(), shop, c, 'KL');
        return c;
      })));
    }
    const results = await Promise.all(carts.map((c) => hold(server(), shop, c)));
    const counts = new Map<number, number>();
    for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), { 201: 50, 409: 250 });
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 50, reserved: 50 });
    const winners = carts.filter((_, i) => results[i].status === 201);
    const losers = carts.filter((_, i) => results[i].status === 409);
    const checkouts = await Promise.all([...winners, ...losers.slice(0, 50)].map((c) => pickupCheckout(server(), shop, c, 'KL')));
    assert.equal(checkouts.slice(0, 50).filter((r) => r.status === 201).length, 50, 'every holder gets their order');
    assert.equal(checkouts.slice(50).filter((r) => r.status === 409).length, 50, 'nobody else does');
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 50, reserved: 50 });
    const db = server().platform.ctx.db;
    const held = await sql<{ n: number }>`select count(*)::int as n from cart_holds where merchant_id = ${shop.merchant.id}`.execute(db);
    assert.equal(held.rows[0].n, 0);
    await ledgerBalanced(server(), shop);
  });
}, { only: ['postgres'] });
