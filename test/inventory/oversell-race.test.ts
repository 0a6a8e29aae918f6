import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { post, stockScene } from './inventory-fixtures.ts';

describeEachBackend('concurrent sales', (server) => {
  it('never sells more than is on the shelf when tills race', async () => {
    const { m, black } = await stockScene(server());
    await post(server(), m.ownerToken, [{ store: 'PAV', sku: black.sku, type: 'receive', quantity: 10 }]);
    const results = await Promise.all(Array.from({ length: 30 }, () => post(server(), m.ownerToken, [{ store: 'PAV', sku: black.sku, type: 'sale', quantity: 1 }])));
    assert.equal(results.filter((r) => r.status === 200).length, 10);
    assert.ok(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.store === 'PAV'));
    const stock = await server().request('GET', `/v1/staff/stock?variantId=${black.id}`, { token: m.ownerToken });
    assert.equal(stock.body.items[0].onHand, 0);
  });
}, { only: ['postgres'] });
