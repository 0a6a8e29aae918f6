import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeEachBackend } from '../support/suite.ts';
import { card, createShop, guestCart, level, pickupCheckout } from './fixtures.ts';
import { ASYNC_CONFIRM_MS } from '../../src/payments/test-provider.ts';

const TWO = { KETTLE: { price: 10_000, pickupPrice: 9_000 }, MUG: { price: 2_000 } };

describeEachBackend('click & collect flows', (server) => {
  it('an asynchronous card payment holds the stock, the hold extends while the bank works, the signed webhook places the order', async () => {
    server().platform.ctx.config.publicUrl = server().url;
    const shop = await createShop(server(), { settings: { orders: { holdMinutes: 0.0005, maxHoldMinutes: 60 } } });
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    const r = await pickupCheckout(server(), shop, cart, 'KL', { payment: { method: 'card', card: card('4000000000003220') } });
    assert.equal(r.status, 201, r.text);
    const order = r.body.orders[0];
    assert.equal(order.status, 'awaiting_payment');
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 1 });
    await sleep(50);
    await server().platform.workers.tick();
    const extended = await server().platform.ctx.db.selectFrom('outbox_events').select('type').where('merchant_id', '=', shop.merchant.id).where('type', '=', 'order.hold_extended').execute();
    assert.ok(extended.length >= 1);
    await sleep(ASYNC_CONFIRM_MS + 100);
    await server().platform.workers.tick();
    const page = await server().request('GET', `/v1/shop/${shop.merchant.slug}/orders/${order.id}`, { headers: { 'x-order-token': order.accessToken } });
    assert.equal(page.body.status, 'placed');
    assert.equal(page.body.payments[0].status, 'authorized');
    const forged = await server().request('POST', '/v1/payments/test-provider/webhook', { body: { type: 'charge.authorized', chargeId: 'x' }, headers: { 'webhook-id': 'm', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' } });
    assert.equal(forged.status, 401);
  });

  it('an expired hold releases the stock and emits an event; a late authorization is voided', async () => {
    server().platform.ctx.config.publicUrl = server().url;
    const shop = await createShop(server(), { settings: { orders: { holdMinutes: 0, maxHoldMinutes: 0 } } });
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 2 }]);
    const order = (await pickupCheckout(server(), shop, cart, 'KL', { payment: { method: 'card', card: card('4000000000003220') } })).body.orders[0];
    await sleep(10);
    await server().platform.workers.tick();
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 0 });
    const db = server().platform.ctx.db;
    const events = await db.selectFrom('outbox_events').select('type').where('merchant_id', '=', shop.merchant.id).where('type', 'in', ['order.hold_expired', 'order.cancelled']).execute();
    assert.equal(events.length, 2);
    await sleep(ASYNC_CONFIRM_MS + 100);
    await server().platform.workers.tick();
    const payment = await db.selectFrom('payments').select('status').where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(payment.status, 'voided');
    const charge = await db.selectFrom('test_provider_charges').select('status').where('merchant_id', '=', shop.merchant.id).executeTakeFirstOrThrow();
    assert.equal(charge.status, 'voided', 'the shopper is not charged for stock that went back on the shelf');
  });

  it('reserve and pay in store: paid at the till on pickup, or a no-show after the collection window', async () => {
    const shop = await createShop(server(), { settings: { orders: { collectionWindowHours: 0 } } });
    const token = shop.merchant.ownerToken;
    const place = async () => {
      const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
      const r = await server().request('POST', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/checkout`, {
        headers: cart.headers, body: { fulfilment: 'reserve_pay_in_store', storeId: shop.stores.KL, contact: { email: 'a@example.com', phone: '+60123456789' }, payment: { method: 'pay_in_store' } },
      });
      assert.equal(r.status, 201, r.text);
      return r.body.orders[0];
    };
    const lapsed = await place();
    assert.equal(lapsed.status, 'placed');
    await sleep(5);
    await server().platform.workers.tick();
    const gone = await server().request('GET', `/v1/shop/${shop.merchant.slug}/orders/${lapsed.id}`, { headers: { 'x-order-token': lapsed.accessToken } });
    assert.equal(gone.body.status, 'no_show');
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 0 });
    const msgs = await server().platform.ctx.db.selectFrom('messages').select(['channel', 'template']).where('merchant_id', '=', shop.merchant.id).where('template', '=', 'order.no_show').execute();
    assert.deepEqual(msgs.map((m) => m.channel).sort(), ['email', 'sms']);

    await server().platform.ctx.db.updateTable('merchants').set({ settings: JSON.stringify({ orders: { collectionWindowHours: 48 } }) }).where('id', '=', shop.merchant.id).execute();
    const kept = await place();
    const base = `/v1/staff/stores/${shop.stores.KL}/orders/${kept.id}`;
    for (const step of ['accept', 'start-picking', 'ready']) assert.equal((await server().request('POST', `${base}/${step}`, { token })).status, 200);
    const page = await server().request('GET', `/v1/shop/${shop.merchant.slug}/orders/${kept.id}`, { headers: { 'x-order-token': kept.accessToken } });
    const unpaid = await server().request('POST', `${base}/handover`, { token, body: { code: page.body.pickup.code } });
    assert.equal(unpaid.status, 400, 'the till must record the payment');
    const qr = `FFPICKUP:${kept.id}:${page.body.pickup.code}`;
    const found = await server().request('POST', `/v1/staff/stores/${shop.stores.KL}/pickups/lookup`, { token, body: { qr } });
    assert.equal(found.status, 200, found.text);
    assert.equal(found.body.id, kept.id);
    const paid = await server().request('POST', `${base}/handover`, { token, body: { code: qr.split(':')[2], paidInStore: { reference: 'TILL-7' } } });
    assert.equal(paid.status, 200, paid.text);
    assert.deepEqual(paid.body.payments.map((p: any) => [p.method, p.status, p.capturedMinor]), [['pay_in_store', 'captured', 9_000]]);
  });

  it('partial cancellation by the shopper, then a partial pickup charges only what was taken', async () => {
    const shop = await createShop(server(), { variants: TWO });
    const token = shop.merchant.ownerToken;
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 2 }, { variant: 'MUG', quantity: 3 }]);
    const order = (await pickupCheckout(server(), shop, cart, 'KL')).body.orders[0];
    assert.equal(order.totals.totalMinor, 24_000);
    const mugLine = order.lines.find((l: any) => l.variantId === shop.variants.MUG).lineNo;
    const kettleLine = order.lines.find((l: any) => l.variantId === shop.variants.KETTLE).lineNo;
    const cancelled = await server().request('POST', `/v1/shop/${shop.merchant.slug}/orders/${order.id}/cancel`, { headers: { 'x-order-token': order.accessToken }, body: { lines: [{ lineNo: mugLine, quantity: 1 }] } });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.status, 'placed');
    assert.deepEqual(await level(server(), shop, 'KL', 'MUG'), { onHand: 10, reserved: 2 });
    const base = `/v1/staff/stores/${shop.stores.KL}/orders/${order.id}`;
    for (const step of ['accept', 'start-picking', 'ready']) assert.equal((await server().request('POST', `${base}/${step}`, { token })).status, 200);
    const page = await server().request('GET', `/v1/shop/${shop.merchant.slug}/orders/${order.id}`, { headers: { 'x-order-token': order.accessToken } });
    const handed = await server().request('POST', `${base}/handover`, { token, body: { code: page.body.pickup.code, lines: [{ lineNo: kettleLine, quantity: 1 }, { lineNo: mugLine, quantity: 2 }] } });
    assert.equal(handed.status, 200, handed.text);
    assert.equal(handed.body.status, 'picked_up');
    assert.equal(handed.body.payments[0].capturedMinor, 9_000 + 4_000);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 9, reserved: 0 });
    assert.deepEqual(await level(server(), shop, 'KL', 'MUG'), { onHand: 8, reserved: 0 });
  });

  it('shows short lines and the nearest store that has them, and splits only when the shopper accepts', async () => {
    const shop = await createShop(server(), {
      variants: TWO,
      stores: { KL: { services: ['pickup'], lat: 3.15, lng: 101.7 }, PJ: { services: ['pickup'], lat: 3.1, lng: 101.64 }, JB: { services: ['pickup'], lat: 1.46, lng: 103.76 } },
      stock: [{ store: 'KL', variant: 'KETTLE', quantity: 5 }, { store: 'PJ', variant: 'MUG', quantity: 5 }, { store: 'JB', variant: 'MUG', quantity: 5 }],
    });
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }, { variant: 'MUG', quantity: 2 }]);
    await server().request('PUT', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/fulfilment`, { headers: cart.headers, body: { type: 'pickup', storeId: shop.stores.KL } });
    const options = await server().request('GET', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/fulfilment-options?lat=3.15&lng=101.7`, { headers: cart.headers });
    assert.equal(options.status, 200, options.text);
    assert.deepEqual(options.body.pickup, []);
    assert.equal(options.body.shortAt.storeId, shop.stores.KL);
    assert.deepEqual(options.body.shortLines.map((l: any) => [l.variantId, l.available, l.nearestStore.storeId]), [[shop.variants.MUG, 0, shop.stores.PJ]]);
    assert.equal(options.body.split.length, 2);
    const refused = await pickupCheckout(server(), shop, cart, 'KL');
    assert.equal(refused.status, 409);
    const split = await pickupCheckout(server(), shop, cart, 'KL', { acceptSplit: true });
    assert.equal(split.status, 201, split.text);
    assert.deepEqual(split.body.orders.map((o: any) => o.store.id).sort(), [shop.stores.KL, shop.stores.PJ].sort());
    assert.equal(split.body.orders[0].splitGroup, split.body.orders[1].splitGroup);
    assert.deepEqual(await level(server(), shop, 'PJ', 'MUG'), { onHand: 5, reserved: 2 });
  });
});

describeEachBackend('coupon codes on carts and orders', (server) => {
  it('a code takes its discount off the cart, is redeemed with the order, and is given back when the order is cancelled', async () => {
    const shop = await createShop(server());
    const token = shop.merchant.ownerToken;
    const { activeCampaign, sharedCode } = await import('../promotions/fixtures.ts');
    const { campaignId, offerId } = await activeCampaign(server(), token);
    await sharedCode(server(), token, campaignId, offerId, 'SPRING10');
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 2 }]);
    const withCode = await server().request('POST', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/codes`, { headers: cart.headers, body: { code: 'spring10' } });
    assert.equal(withCode.status, 200, withCode.text);
    assert.deepEqual(withCode.body.codes.map((c: any) => [c.code, c.applies, c.discountMinor]), [['SPRING10', true, 1_800]]);
    assert.equal(withCode.body.totals.totalMinor, 16_200);
    const order = (await pickupCheckout(server(), shop, cart, 'KL')).body.orders[0];
    assert.equal(order.totals.totalMinor, 16_200);
    assert.deepEqual(order.codes, ['SPRING10']);
    const db = server().platform.ctx.db;
    const redeemed = await db.selectFrom('code_redemptions').select(['voided_at']).where('merchant_id', '=', shop.merchant.id).where('order_ref', '=', order.id).execute();
    assert.equal(redeemed.length, 1);
    const cancelled = await server().request('POST', `/v1/shop/${shop.merchant.slug}/orders/${order.id}/cancel`, { headers: { 'x-order-token': order.accessToken }, body: {} });
    assert.equal(cancelled.status, 200, cancelled.text);
    const after = await db.selectFrom('code_redemptions').select(['voided_at']).where('merchant_id', '=', shop.merchant.id).where('order_ref', '=', order.id).executeTakeFirstOrThrow();
    assert.ok(after.voided_at);
  });
});
