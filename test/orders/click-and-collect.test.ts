import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { CARD, createShop, guestCart, level, pickupCheckout } from './fixtures.ts';

describeEachBackend('click & collect', (server) => {
  it('prices a cart with the pickup price and added tax, checks out, picks, hands over with the code', async () => {
    const shop = await createShop(server(), { taxMode: 'exclusive', taxRateBp: 800 });
    const slug = shop.merchant.slug;
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 2 }]);
    let view = await server().request('GET', `/v1/shop/${slug}/carts/${cart.id}`, { headers: cart.headers });
    assert.equal(view.status, 200);
    assert.equal(view.body.fulfilment.type, 'pickup');
    assert.equal(view.body.lines[0].unitPriceMinor, 9_000);
    assert.deepEqual([view.body.totals.subtotalMinor, view.body.totals.taxMinor, view.body.totals.totalMinor], [18_000, 1_440, 19_440]);
    view = await server().request('PUT', `/v1/shop/${slug}/carts/${cart.id}/fulfilment`, { headers: cart.headers, body: { type: 'delivery', storeId: shop.stores.KL, deliveryAddress: { name: 'A', line1: 'x', city: 'KL', postcode: '50000', country: 'MY' } } });
    assert.equal(view.status, 200, view.text);
    assert.equal(view.body.lines[0].unitPriceMinor, 10_000);
    await server().request('PUT', `/v1/shop/${slug}/carts/${cart.id}/fulfilment`, { headers: cart.headers, body: { type: 'pickup', storeId: shop.stores.KL } });

    const options = await server().request('GET', `/v1/shop/${slug}/carts/${cart.id}/fulfilment-options`, { headers: cart.headers });
    assert.equal(options.status, 200, options.text);
    assert.deepEqual(options.body.pickup.map((s: any) => s.storeId), [shop.stores.KL]);

    const placed = await pickupCheckout(server(), shop, cart, 'KL');
    assert.equal(placed.status, 201, placed.text);
    const order = placed.body.orders[0];
    assert.equal(order.status, 'placed');
    assert.equal(order.totals.totalMinor, 19_440);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 2 });
    assert.equal(order.payments[0].status, 'authorized');

    const token = shop.merchant.ownerToken;
    const base = `/v1/staff/stores/${shop.stores.KL}/orders/${order.id}`;
    let queue = await server().request('GET', `/v1/staff/stores/${shop.stores.KL}/pickup-queue`, { token });
    assert.equal(queue.status, 200, queue.text);
    assert.equal(queue.body.counts.new, 1);
    assert.equal((await server().request('POST', `${base}/accept`, { token })).status, 200);
    assert.equal((await server().request('POST', `${base}/start-picking`, { token })).status, 200);
    const picks = await server().request('GET', `/v1/staff/stores/${shop.stores.KL}/pick-list`, { token });
    assert.equal(picks.body.items[0].units, 2);
    const ready = await server().request('POST', `${base}/ready`, { token });
    assert.equal(ready.status, 200, ready.text);
    assert.equal(ready.body.pickup.code, null, 'staff never see the code');

    const page = await server().request('GET', `/v1/shop/${slug}/orders/${order.id}`, { headers: { 'x-order-token': order.accessToken } });
    assert.equal(page.status, 200, page.text);
    assert.equal(page.body.status, 'ready_for_pickup');
    assert.match(page.body.pickup.code, /^[A-Z2-9]{8}$/);
    const qr = await server().request('GET', `/v1/shop/${slug}/orders/${order.id}/qr.png?token=${encodeURIComponent(order.accessToken)}`);
    assert.equal(qr.status, 200);
    assert.equal(qr.headers.get('content-type'), 'image/png');
    const mails = await server().platform.ctx.db.selectFrom('messages').selectAll().where('merchant_id', '=', shop.merchant.id).where('template', '=', 'order.ready_for_pickup').execute();
    assert.equal(mails.length, 1);
    assert.ok(mails[0].body_text.includes(page.body.pickup.code));

    const wrong = await server().request('POST', `${base}/handover`, { token, body: { code: 'AAAAAAAA' } });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.type, 'https://footfall.dev/problems/wrong_pickup_code');
    const handed = await server().request('POST', `${base}/handover`, { token, body: { code: page.body.pickup.code.toLowerCase() } });
    assert.equal(handed.status, 200, handed.text);
    assert.equal(handed.body.status, 'picked_up');
    assert.equal(handed.body.payments[0].status, 'captured');
    assert.equal(handed.body.payments[0].capturedMinor, 19_440);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 8, reserved: 0 });
    assert.deepEqual(handed.body.history.map((h: any) => h.to), ['placed', 'accepted', 'picking', 'ready_for_pickup', 'picked_up']);
    const again = await server().request('POST', `${base}/handover`, { token, body: { code: page.body.pickup.code } });
    assert.equal(again.status, 409, 'a code is single-use');
  });

  it('declines by card number without reserving anything; the cart stays open for another card', async () => {
    const shop = await createShop(server());
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    const declined = await pickupCheckout(server(), shop, cart, 'KL', { payment: { method: 'card', card: { ...CARD, number: '4000000000000002' } } });
    assert.equal(declined.status, 402, declined.text);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 0 });
    const ok = await pickupCheckout(server(), shop, cart, 'KL');
    assert.equal(ok.status, 201, ok.text);
  });
});
