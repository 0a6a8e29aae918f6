import assert from 'node:assert/strict';
import { it } from 'node:test';
import { storesAbleToFulfil, shortagesAt } from '../../src/inventory/availability.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createStore } from '../stores/store-fixtures.ts';
import { post, stockScene } from './inventory-fixtures.ts';

describeEachBackend('availability near me', (server) => {
  it('answers who near me has it, in stock and open, sorted by distance, and the nearest store with the whole cart', async () => {
    const { m, pav, klcc, black, white } = await stockScene(server());
    const far = await createStore(server(), m.ownerToken, { code: 'PEN', name: 'Gurney Plaza', lat: 5.4375, lng: 100.3096 });
    const nightOwl = await createStore(server(), m.ownerToken, { code: 'MV', name: 'Mid Valley', lat: 3.1177, lng: 101.6776, services: ['returns'] });
    await post(server(), m.ownerToken, [
      { store: 'PAV', sku: black.sku, type: 'receive', quantity: 3 },
      { store: 'KLCC', sku: black.sku, type: 'receive', quantity: 1 },
      { store: 'KLCC', sku: white.sku, type: 'receive', quantity: 2 },
      { store: 'PEN', sku: black.sku, type: 'receive', quantity: 50 },
      { store: 'MV', sku: black.sku, type: 'receive', quantity: 50 },
    ]);
    const near = `lat=3.1579&lng=101.7116&radiusKm=25`;
    const one = await server().request('GET', `/v1/shop/${m.slug}/availability?variantId=${black.id}&quantity=2&${near}&service=pickup`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.body.items.map((s: any) => [s.code, s.lines[0].available, s.canFulfilAll]), [['KLCC', 1, false], ['PAV', 3, true]], 'Penang is too far, Mid Valley offers no pickup');
    assert.equal(one.body.nearestWithAll.code, 'PAV');
    assert.ok(one.body.items[1].distanceKm > 0.5);
    assert.equal(typeof one.body.items[0].openNow, 'boolean');
    assert.ok(one.body.items[0].pickupReadyAt);

    const cart = await server().request('POST', `/v1/shop/${m.slug}/availability`, { body: { lines: [{ variantId: black.id, quantity: 1 }, { variantId: white.id, quantity: 1 }], lat: 3.1488, lng: 101.7133, inStockOnly: true } });
    assert.deepEqual(cart.body.items.map((s: any) => s.code), ['KLCC'], 'only KLCC has the whole cart');

    const bad = await server().request('GET', `/v1/shop/${m.slug}/availability?variantId=${black.id}&lat=100&lng=0`);
    assert.equal(bad.status, 400);

    // The helper the orders flow uses: what is short here, and the nearest store that has it.
    const db = server().platform.ctx.db;
    const short = await shortagesAt(db, m.id, { storeId: klcc.id, lines: [{ variantId: black.id, quantity: 2 }, { variantId: white.id, quantity: 1 }], service: 'pickup' });
    assert.equal(short.store.code, 'KLCC');
    assert.deepEqual(short.short.map((s) => [s.variantId, s.available, s.nearest?.code]), [[black.id, 1, 'PAV']]);
    assert.equal(short.nearestWithAll, null);

    // Closed for the day: open-now false and an opens-at in the future, still listed with its stock.
    await server().request('PUT', `/v1/admin/stores/${pav.id}/hours-exceptions/${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur' }).format(new Date())}`, { token: m.ownerToken, body: { closed: true } });
    const [closedPav] = await storesAbleToFulfil(db, m.id, { lines: [{ variantId: black.id, quantity: 1 }], storeIds: [pav.id] });
    assert.equal(closedPav.openNow, false);
    assert.ok(closedPav.opensAt && closedPav.opensAt > new Date().toISOString());
    assert.ok(far.id && nightOwl.id);
  });
});
