import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkRollups } from '../../src/analytics/check-rollups.ts';
import { runAnalyticsFeed } from '../../src/analytics/feed.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createShop, guestCart, pickupCheckout } from '../orders/fixtures.ts';

describeEachBackend('online orders in the customer profile, loyalty and analytics', (server) => {
  it('credits a collected guest order to one profile that the till recognises too', async () => {
    const shop = await createShop(server());
    const slug = shop.merchant.slug;
    const token = shop.merchant.ownerToken;
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 2 }]);
    const placed = await pickupCheckout(server(), shop, cart, 'KL');
    assert.equal(placed.status, 201, placed.text);
    const order = placed.body.orders[0];
    const base = `/v1/staff/stores/${shop.stores.KL}/orders/${order.id}`;
    for (const step of ['accept', 'start-picking', 'ready']) assert.equal((await server().request('POST', `${base}/${step}`, { token })).status, 200);
    const page = await server().request('GET', `/v1/shop/${slug}/orders/${order.id}`, { headers: { 'x-order-token': order.accessToken } });
    const handed = await server().request('POST', `${base}/handover`, { token, body: { code: page.body.pickup.code } });
    assert.equal(handed.body.status, 'picked_up', handed.text);

    const db = server().platform.ctx.db;
    assert.ok(await runAnalyticsFeed({ db }) >= 1);
    assert.equal(await runAnalyticsFeed({ db }), 0, 'a second run finds nothing new');
    const found = await server().request('GET', '/v1/admin/customers?q=shopper@example.com', { token });
    assert.equal(found.body.items.length, 1);
    const customerId = found.body.items[0].id;
    const points = await server().request('GET', `/v1/admin/customers/${customerId}/loyalty`, { token });
    assert.equal(points.body.balance, Math.floor(order.totals.totalMinor / 100));

    const overview = await server().request('GET', '/v1/admin/analytics/overview', { token });
    assert.equal(overview.body.online.sales, 1);
    assert.equal(overview.body.online.revenueMinor, order.totals.totalMinor);

    const key = await server().request('POST', '/v1/admin/api-keys', { token, body: { name: 'till', role: 'pos', storeId: shop.stores.KL } });
    const sku = (await db.selectFrom('variants').select('sku').where('id', '=', shop.variants.KETTLE).executeTakeFirstOrThrow()).sku;
    const sale = await server().request('POST', '/v1/pos/sales', { token: key.body.key, body: { sales: [{ clientSaleId: 'K-1', occurredAt: new Date(Date.now() - 1000).toISOString(), paymentMethod: 'card', customer: { email: 'Shopper@Example.com' }, lines: [{ sku, quantity: 1, unitPriceMinor: 10_000 }] }] } });
    assert.equal(sale.body.results[0].customerId, customerId, sale.text);
    const segment = await server().request('POST', '/v1/admin/segments/preview', { token, body: { rules: [{ type: 'purchased', channel: 'online', withinDays: 30 }, { type: 'purchased', channel: 'store', withinDays: 30 }] } });
    assert.deepEqual(segment.body.sample.map((c: any) => c.id), [customerId]);
    assert.deepEqual((await checkRollups(db, shop.merchant.id)).filter((c) => !c.ok), []);
  });
});
