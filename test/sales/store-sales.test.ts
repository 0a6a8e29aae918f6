import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { onHand, storeWithStock } from '../customers/helpers.ts';

const now = () => new Date(Date.now() - 60_000).toISOString();

describeEachBackend('store sales API', (server) => {
  it('records a batch with per-item results: idempotent, moves stock, rejects bad sales alone', async () => {
    const m = await createTestMerchant(server());
    const { storeId, variants, posKey } = await storeWithStock(server(), m);
    const good = { clientSaleId: 'T1-0001', occurredAt: now(), paymentMethod: 'card', lines: [{ sku: 'KETTLE-1', quantity: 2, unitPriceMinor: 8900 }], customer: { email: 'Mei@Example.com' } };
    const res = await server().request('POST', '/v1/pos/sales', {
      token: posKey,
      body: { sales: [
        good,
        { clientSaleId: 'T1-0002', occurredAt: now(), paymentMethod: 'cash', lines: [] },
        { clientSaleId: 'T1-0003', occurredAt: new Date(Date.now() + 3 * 3600_000).toISOString(), paymentMethod: 'cash', lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 8900 }] },
        { clientSaleId: 'T1-0004', occurredAt: now(), paymentMethod: 'cash', lines: [{ sku: 'NOPE', quantity: 1, unitPriceMinor: 100 }] },
        { clientSaleId: 'T1-0005', occurredAt: now(), paymentMethod: 'cash', lines: [{ sku: 'KETTLE-1', quantity: 500, unitPriceMinor: 100 }] },
      ] },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.results.map((r: any) => r.status), ['created', 'rejected', 'rejected', 'rejected', 'rejected']);
    assert.deepEqual(res.body.results.slice(1).map((r: any) => r.error.code), ['validation', 'clock_skew', 'validation', 'out_of_stock']);
    assert.equal(res.body.results[0].totalMinor, 17800);
    assert.ok(res.body.results[0].customerId);
    assert.equal(await onHand(server(), m.id, storeId, variants['KETTLE-1']), 98);

    const again = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [good] } });
    assert.equal(again.body.results[0].status, 'duplicate');
    assert.equal(again.body.results[0].saleId, res.body.results[0].saleId);
    assert.equal(await onHand(server(), m.id, storeId, variants['KETTLE-1']), 98);

    const sale = await server().request('GET', `/v1/pos/sales/${res.body.results[0].saleId}`, { token: posKey });
    assert.equal(sale.status, 200);
    assert.equal(sale.body.lines.length, 1);
    // The same shopper is one profile: a second sale with the same email finds them.
    const second = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ ...good, clientSaleId: 'T1-0006', customer: { email: 'mei@example.com' } }] } });
    assert.equal(second.body.results[0].customerId, res.body.results[0].customerId);

    const empty = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [] } });
    assert.equal(empty.status, 400);
    const huge = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: Array.from({ length: 501 }, (_, i) => ({ ...good, clientSaleId: `H${i}` })) } });
    assert.equal(huge.status, 400);
  });

  it('takes returns at the till back into stock and confines a POS key to its store', async () => {
    const m = await createTestMerchant(server());
    const { storeId, variants, posKey } = await storeWithStock(server(), m);
    const other = await storeWithStock(server(), m, [{ sku: 'LAMP-1' }]);
    await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'S1', occurredAt: now(), paymentMethod: 'card', lines: [{ sku: 'KETTLE-1', quantity: 3, unitPriceMinor: 1000 }] }] } });
    const ret = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'R1', kind: 'return', originalClientSaleId: 'S1', occurredAt: now(), paymentMethod: 'card', lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 1000 }] }] } });
    assert.equal(ret.body.results[0].status, 'created', ret.text);
    assert.equal(await onHand(server(), m.id, storeId, variants['KETTLE-1']), 98);
    const wrongStore = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { storeId: other.storeId, sales: [{ clientSaleId: 'X', occurredAt: now(), paymentMethod: 'card', lines: [{ sku: 'LAMP-1', quantity: 1, unitPriceMinor: 1 }] }] } });
    assert.equal(wrongStore.status, 403);
    const listed = await server().request('GET', `/v1/admin/sales?storeId=${storeId}`, { token: m.ownerToken });
    assert.deepEqual(listed.body.items.map((s: any) => s.kind).sort(), ['return', 'sale']);
    const daily = await server().platform.ctx.db.selectFrom('sales_daily').selectAll().where('merchant_id', '=', m.id).execute();
    assert.equal(daily.reduce((n, d) => n + d.revenue_minor, 0), 2000);
  });
});
