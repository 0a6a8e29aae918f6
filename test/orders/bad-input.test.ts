import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { createShop, guestCart, level, pickupCheckout } from './fixtures.ts';
import type { TestServer } from '../support/server.ts';
import type { Shop } from './fixtures.ts';

async function counts(server: TestServer, shop: Shop) {
  const db = server.platform.ctx.db;
  const n = async (table: 'orders' | 'stock_movements' | 'order_transitions' | 'payments') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('merchant_id', '=', shop.merchant.id).executeTakeFirstOrThrow()).n);
  return { orders: await n('orders'), movements: await n('stock_movements'), transitions: await n('order_transitions'), payments: await n('payments'), kl: await level(server, shop, 'KL', 'KETTLE') };
}

async function readyOrder(server: TestServer, shop: Shop) {
  const cart = await guestCart(server, shop, [{ variant: 'KETTLE', quantity: 1 }]);
  const order = (await pickupCheckout(server, shop, cart, 'KL')).body.orders[0];
  const base = `/v1/staff/stores/${shop.stores.KL}/orders/${order.id}`;
  for (const step of ['accept', 'start-picking', 'ready']) assert.equal((await server.request('POST', `${base}/${step}`, { token: shop.merchant.ownerToken })).status, 200);
  const page = await server.request('GET', `/v1/shop/${shop.merchant.slug}/orders/${order.id}`, { headers: { 'x-order-token': order.accessToken } });
  return { id: order.id as string, code: page.body.pickup.code as string, base, token: order.accessToken as string };
}

describeEachBackend('orders refuse bad input and change nothing', (server) => {
  it('quantities of zero, below zero or absurd, and unknown variants', async () => {
    const shop = await createShop(server());
    const cart = await guestCart(server(), shop, []);
    const before = await counts(server(), shop);
    const path = `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/lines`;
    for (const quantity of [0, -1, 1_000_000, 1.5]) {
      const r = await server().request('POST', path, { headers: cart.headers, body: { variantId: shop.variants.KETTLE, quantity } });
      assert.equal(r.status, 400, `quantity ${quantity}`);
      assert.equal(r.body.type, 'https://footfall.dev/problems/validation');
    }
    const unknown = await server().request('POST', path, { headers: cart.headers, body: { variantId: randomUUID(), quantity: 1 } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.type, 'https://footfall.dev/problems/unknown_variant');
    const view = await server().request('GET', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}`, { headers: cart.headers });
    assert.equal(view.body.lines.length, 0);
    const empty = await pickupCheckout(server(), shop, cart, 'KL');
    assert.equal(empty.status, 422);
    const other = await server().request('GET', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}`);
    assert.equal(other.status, 404, 'a cart without its token is not found');
    assert.deepEqual(await counts(server(), shop), before);
  });

  it('a store that does not offer pickup', async () => {
    const shop = await createShop(server(), { stores: { KL: { services: ['pickup', 'returns'] }, WH: { services: ['ship_from_store'] } } });
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    const before = await counts(server(), shop);
    const choose = await server().request('PUT', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/fulfilment`, { headers: cart.headers, body: { type: 'pickup', storeId: shop.stores.WH } });
    assert.equal(choose.status, 422);
    assert.equal(choose.body.type, 'https://footfall.dev/problems/service_not_offered');
    const r = await pickupCheckout(server(), shop, cart, 'WH');
    assert.equal(r.status, 422);
    assert.equal(r.body.type, 'https://footfall.dev/problems/service_not_offered');
    const reserve = await server().request('POST', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/checkout`, {
      headers: cart.headers, body: { fulfilment: 'reserve_pay_in_store', storeId: shop.stores.KL, contact: { email: 'a@example.com' }, payment: { method: 'pay_in_store' } },
    });
    assert.equal(reserve.status, 422, 'KL does not offer reserve-and-pay-in-store');
    assert.deepEqual(await counts(server(), shop), before);
  });

  it('the pickup code of another order, and a transition out of order', async () => {
    const shop = await createShop(server());
    const a = await readyOrder(server(), shop);
    const b = await readyOrder(server(), shop);
    const token = shop.merchant.ownerToken;
    const before = await counts(server(), shop);
    const wrong = await server().request('POST', `${a.base}/handover`, { token, body: { code: b.code } });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.type, 'https://footfall.dev/problems/wrong_pickup_code');
    const { orders, movements, transitions, payments, kl } = await counts(server(), shop);
    assert.deepEqual({ orders, movements, transitions, payments, kl }, before);

    const cancel = await server().request('POST', `${a.base}/cancel`, { token, body: { reason: 'damaged in store' } });
    assert.equal(cancel.status, 200, cancel.text);
    assert.equal(cancel.body.status, 'cancelled');
    assert.equal(cancel.body.payments[0].status, 'voided');
    const afterCancel = await counts(server(), shop);
    const pickUp = await server().request('POST', `${a.base}/handover`, { token, body: { code: a.code } });
    assert.equal(pickUp.status, 409);
    assert.equal(pickUp.body.type, 'https://footfall.dev/problems/invalid_transition');
    const ready = await server().request('POST', `${a.base}/ready`, { token });
    assert.equal(ready.status, 409);
    assert.deepEqual(await counts(server(), shop), afterCancel);
    const shopperCancel = await server().request('POST', `/v1/shop/${shop.merchant.slug}/orders/${b.id}/cancel`, { headers: { 'x-order-token': b.token }, body: {} });
    assert.equal(shopperCancel.status, 409, 'the shopper cannot cancel an order the store has prepared');
  });

  it('wrong codes are rate-limited per order', async () => {
    const shop = await createShop(server());
    const a = await readyOrder(server(), shop);
    const token = shop.merchant.ownerToken;
    for (let i = 0; i < 5; i++) assert.equal((await server().request('POST', `${a.base}/handover`, { token, body: { code: 'ZZZZZZZZ' } })).status, 422);
    const locked = await server().request('POST', `${a.base}/handover`, { token, body: { code: a.code } });
    assert.equal(locked.status, 429);
    const reset = await server().request('POST', `${a.base}/reset-pickup-code`, { token });
    assert.equal(reset.status, 200);
    const page = await server().request('GET', `/v1/shop/${shop.merchant.slug}/orders/${a.id}`, { headers: { 'x-order-token': a.token } });
    assert.notEqual(page.body.pickup.code, a.code);
    const ok = await server().request('POST', `${a.base}/handover`, { token, body: { code: page.body.pickup.code } });
    assert.equal(ok.status, 200, ok.text);
  });
});
