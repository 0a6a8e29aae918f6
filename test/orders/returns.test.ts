import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { issueCustomerToken } from '../../src/platform/auth.ts';
import { createStaffUser } from '../../src/merchants/merchant.service.ts';
import { systemActor } from '../../src/platform/access.ts';
import { CARD, createShop, level, type Shop } from './fixtures.ts';
import type { TestServer } from '../support/server.ts';

const VARIANTS = { KETTLE: { price: 10_000 }, KETTLE_L: { price: 12_000 }, MUG: { price: 2_000 }, GIFT: { price: 5_000, returnable: false } };

/** A signed-in customer's order, picked up at KL. */
async function collected(server: TestServer, shop: Shop, lines: { variant: string; quantity: number }[]) {
  const db = server.platform.ctx.db;
  const customerId = randomUUID();
  await db.insertInto('customers').values({ merchant_id: shop.merchant.id, id: customerId, email: `${customerId}@example.com`, phone: null, password_hash: null }).execute();
  const auth = issueCustomerToken('test-secret', shop.merchant.id, customerId);
  const slug = shop.merchant.slug;
  const cart = await server.request('POST', `/v1/shop/${slug}/carts`, { token: auth });
  for (const l of lines) await server.request('POST', `/v1/shop/${slug}/carts/${cart.body.id}/lines`, { token: auth, body: { variantId: shop.variants[l.variant], quantity: l.quantity } });
  const placed = await server.request('POST', `/v1/shop/${slug}/carts/${cart.body.id}/checkout`, { token: auth, body: { fulfilment: 'pickup', storeId: shop.stores.KL, payment: { method: 'card', card: CARD } } });
  assert.equal(placed.status, 201, placed.text);
  const order = placed.body.orders[0];
  const base = `/v1/staff/stores/${shop.stores.KL}/orders/${order.id}`;
  for (const step of ['accept', 'start-picking', 'ready']) assert.equal((await server.request('POST', `${base}/${step}`, { token: shop.merchant.ownerToken })).status, 200);
  const page = await server.request('GET', `/v1/shop/${slug}/orders/${order.id}`, { token: auth });
  const handed = await server.request('POST', `${base}/handover`, { token: shop.merchant.ownerToken, body: { code: page.body.pickup.code } });
  assert.equal(handed.status, 200, handed.text);
  const line = (sku: string) => handed.body.lines.find((l: any) => l.variantId === shop.variants[sku]).lineNo;
  return { order: handed.body, customerId, auth, line };
}

describeEachBackend('returns, exchanges and endless aisle', (server) => {
  it('an associate at another store finds the online order by the number on the receipt, with its lines', async () => {
    const shop = await createShop(server(), {
      variants: VARIANTS,
      stores: { KL: { services: ['pickup', 'returns'] }, PJ: { services: ['returns'] } },
      stock: [{ store: 'KL', variant: 'KETTLE', quantity: 5 }],
    });
    const { order } = await collected(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    const db = server().platform.ctx.db;
    const signIn = async (email: string, storeIds: string[]) => {
      await createStaffUser(db, systemActor(shop.merchant.id), { email, name: email, password: 'correct horse battery', role: 'associate', storeIds });
      return (await server().request('POST', '/v1/auth/staff/login', { body: { email, password: 'correct horse battery', merchant: shop.merchant.slug } })).body.token as string;
    };
    const pj = await signIn(`pj-${randomUUID().slice(0, 8)}@example.com`, [shop.stores.PJ]);
    // The order was sold and collected at KL; PJ's associate cannot open KL's orders, but can find it to take it back.
    assert.equal((await server().request('GET', `/v1/staff/stores/${shop.stores.KL}/orders/${order.id}`, { token: pj })).status, 403);
    const typed = ` ${order.number.toLowerCase()} `.trim();
    const found = await server().request('GET', `/v1/staff/stores/${shop.stores.PJ}/returns/orders/${encodeURIComponent(typed)}`, { token: pj });
    assert.equal(found.status, 200, found.text);
    assert.equal(found.body.id, order.id);
    assert.equal(found.body.lines[0].collectedQuantity, 1);
    const back = await server().request('POST', `/v1/staff/stores/${shop.stores.PJ}/returns`, { token: pj, body: { orderId: found.body.id, refundTo: 'original', lines: [{ lineNo: found.body.lines[0].lineNo, quantity: 1, disposition: 'restock' }] } });
    assert.equal(back.status, 201, back.text);
    // Unknown numbers, other stores' tills and other shops find nothing.
    assert.equal((await server().request('GET', `/v1/staff/stores/${shop.stores.PJ}/returns/orders/FF-0000-0000`, { token: pj })).status, 404);
    assert.equal((await server().request('GET', `/v1/staff/stores/${shop.stores.KL}/returns/orders/${order.number}`, { token: pj })).status, 403);
    const other = await createShop(server(), { variants: VARIANTS, stores: { KL: { services: ['returns'] } }, stock: [] });
    assert.equal((await server().request('GET', `/v1/staff/stores/${other.stores.KL}/returns/orders/${order.number}`, { token: other.merchant.ownerToken })).status, 404);
  });

  it('returns at a store that does not stock the item: restock, send on, write off; refund to card or store credit', async () => {
    const shop = await createShop(server(), {
      variants: VARIANTS,
      stores: { KL: { services: ['pickup', 'returns'] }, PJ: { services: ['returns'] }, JB: { services: ['pickup'] } },
      stock: [{ store: 'KL', variant: 'KETTLE', quantity: 5 }, { store: 'KL', variant: 'MUG', quantity: 5 }, { store: 'KL', variant: 'GIFT', quantity: 5 }],
    });
    const token = shop.merchant.ownerToken;
    const { order, customerId, auth, line } = await collected(server(), shop, [{ variant: 'KETTLE', quantity: 1 }, { variant: 'MUG', quantity: 3 }, { variant: 'GIFT', quantity: 1 }]);
    const path = `/v1/staff/stores/${shop.stores.PJ}/returns`;
    const gift = await server().request('POST', path, { token, body: { orderId: order.id, refundTo: 'original', lines: [{ lineNo: line('GIFT'), quantity: 1, disposition: 'restock' }] } });
    assert.equal(gift.status, 422);
    assert.equal(gift.body.reason, 'non_returnable');
    const tooMany = await server().request('POST', path, { token, body: { orderId: order.id, refundTo: 'original', lines: [{ lineNo: line('MUG'), quantity: 4, disposition: 'restock' }] } });
    assert.equal(tooMany.status, 400);

    const card = await server().request('POST', path, { token, body: { orderId: order.id, refundTo: 'original', lines: [
      { lineNo: line('KETTLE'), quantity: 1, disposition: 'restock' }, { lineNo: line('MUG'), quantity: 1, disposition: 'damaged' }] } });
    assert.equal(card.status, 201, card.text);
    assert.equal(card.body.refundMinor, 12_000);
    assert.deepEqual(await level(server(), shop, 'PJ', 'KETTLE'), { onHand: 1, reserved: 0 });
    assert.deepEqual(await level(server(), shop, 'PJ', 'MUG'), { onHand: 0, reserved: 0 });
    const credit = await server().request('POST', path, { token, body: { orderId: order.id, refundTo: 'store_credit', lines: [
      { lineNo: line('MUG'), quantity: 2, disposition: 'transfer', transferToStoreId: shop.stores.KL }] } });
    assert.equal(credit.status, 201, credit.text);
    const kl = await server().platform.ctx.db.selectFrom('stock_levels').select(['incoming']).where('store_id', '=', shop.stores.KL).where('variant_id', '=', shop.variants.MUG).executeTakeFirstOrThrow();
    assert.equal(kl.incoming, 2, 'on its way to KL');
    const balance = await server().request('GET', `/v1/staff/customers/${customerId}/store-credit`, { token });
    assert.deepEqual(balance.body.balances, [{ currency: 'MYR', balanceMinor: 4_000 }]);
    const own = await server().request('GET', `/v1/shop/${shop.merchant.slug}/store-credit`, { token: auth });
    assert.deepEqual(own.body.balances, [{ currency: 'MYR', balanceMinor: 4_000 }]);
    const db = server().platform.ctx.db;
    const payment = await db.selectFrom('payments').select(['captured_minor', 'refunded_minor']).where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.deepEqual(payment, { captured_minor: 21_000, refunded_minor: 12_000 });
    const charge = await db.selectFrom('test_provider_charges').select(['refunded_minor']).where('merchant_id', '=', shop.merchant.id).executeTakeFirstOrThrow();
    assert.equal(charge.refunded_minor, 12_000);
    const again = await server().request('POST', path, { token, body: { orderId: order.id, refundTo: 'original', lines: [{ lineNo: line('KETTLE'), quantity: 1, disposition: 'restock' }] } });
    assert.equal(again.status, 400, 'nothing left to return on that line');

    await db.updateTable('merchants').set({ settings: JSON.stringify({ orders: { returnWindowDays: 0 } }) }).where('id', '=', shop.merchant.id).execute();
    const late = await server().request('POST', path, { token, body: { orderId: order.id, refundTo: 'original', lines: [{ lineNo: line('MUG'), quantity: 0 + 1, disposition: 'restock' }] } });
    assert.equal(late.status, 422);
  });

  it('an exchange for a dearer size takes the difference at the till; a cheaper one refunds it', async () => {
    const shop = await createShop(server(), { variants: VARIANTS });
    const token = shop.merchant.ownerToken;
    const { order, line } = await collected(server(), shop, [{ variant: 'KETTLE', quantity: 2 }]);
    const path = `/v1/staff/stores/${shop.stores.KL}/exchanges`;
    const body = { orderId: order.id, returnLines: [{ lineNo: line('KETTLE'), quantity: 1, disposition: 'restock' }], newLines: [{ variantId: shop.variants.KETTLE_L, quantity: 1 }] };
    const unpaid = await server().request('POST', path, { token, body });
    assert.equal(unpaid.status, 400);
    assert.equal(unpaid.body.differenceMinor, 2_000);
    const up = await server().request('POST', path, { token, body: { ...body, paidInStore: { reference: 'TILL-1' } } });
    assert.equal(up.status, 201, up.text);
    assert.equal(up.body.differenceMinor, 2_000);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 9, reserved: 0 });
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE_L'), { onHand: 9, reserved: 0 });
    const down = await server().request('POST', path, { token, body: { orderId: order.id, returnLines: [{ lineNo: line('KETTLE'), quantity: 1, disposition: 'restock' }], newLines: [{ variantId: shop.variants.MUG, quantity: 1 }], refundTo: 'original' } });
    assert.equal(down.status, 201, down.text);
    assert.equal(down.body.differenceMinor, -8_000);
    const payment = await server().platform.ctx.db.selectFrom('payments').select(['refunded_minor']).where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(payment.refunded_minor, 8_000);
  });

  it('endless aisle: an associate sells from another store\'s stock for pickup there, paid at this till', async () => {
    const shop = await createShop(server(), {
      stores: { KL: { services: ['pickup'] }, PJ: { services: ['pickup', 'ship_from_store'] } },
      stock: [{ store: 'PJ', variant: 'KETTLE', quantity: 3 }],
    });
    const token = shop.merchant.ownerToken;
    const path = `/v1/staff/stores/${shop.stores.KL}/endless-aisle-orders`;
    const r = await server().request('POST', path, { token, body: {
      lines: [{ variantId: shop.variants.KETTLE, quantity: 2 }], fulfilment: 'pickup', fulfilFromStoreId: shop.stores.PJ,
      customer: { name: 'Wei', phone: '+60111222333' }, payment: { method: 'pay_in_store', reference: 'TILL-9' } } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.channel, 'store');
    assert.equal(r.body.originStoreId, shop.stores.KL);
    assert.equal(r.body.store.id, shop.stores.PJ);
    assert.equal(r.body.payments[0].status, 'captured');
    assert.deepEqual(await level(server(), shop, 'PJ', 'KETTLE'), { onHand: 3, reserved: 2 });
    const home = await server().request('POST', path, { token, body: {
      lines: [{ variantId: shop.variants.KETTLE, quantity: 2 }], fulfilment: 'delivery', fulfilFromStoreId: shop.stores.PJ,
      deliveryAddress: { name: 'Wei', line1: '2 Jalan', city: 'KL', postcode: '50000', country: 'MY' },
      customer: { email: 'wei@example.com' }, payment: { method: 'card', card: CARD } } });
    assert.equal(home.status, 409, 'only one left at PJ');
    assert.equal(home.body.type, 'https://footfall.dev/problems/out_of_stock');
    const charges = await server().platform.ctx.db.selectFrom('test_provider_charges').select('status').where('merchant_id', '=', shop.merchant.id).execute();
    assert.deepEqual(charges.map((c) => c.status), ['voided']);
    const pickupNotOffered = await server().request('POST', path, { token, body: {
      lines: [{ variantId: shop.variants.KETTLE, quantity: 1 }], fulfilment: 'delivery', fulfilFromStoreId: shop.stores.KL,
      deliveryAddress: { name: 'Wei', line1: '2 Jalan', city: 'KL', postcode: '50000', country: 'MY' }, customer: { email: 'wei@example.com' }, payment: { method: 'pay_in_store' } } });
    assert.equal(pickupNotOffered.status, 422);
  });
});
