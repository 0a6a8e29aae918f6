import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { post, signInStaff, stockScene } from './inventory-fixtures.ts';

describeEachBackend('stock API', (server) => {
  it('posts a batch of movements all or nothing, idempotently, and shows on hand, reserved, available, incoming', async () => {
    const { m, pav, klcc, black, white } = await stockScene(server());
    const batch = [
      ...Array.from({ length: 300 }, (_, i) => ({ store: i % 2 ? 'PAV' : 'KLCC', sku: i % 3 ? black.sku : white.sku, type: 'receive', quantity: 2, reference: `DN-${i}` })),
      { store: 'PAV', sku: black.sku, type: 'sale', quantity: 3 },
      { store: 'PAV', sku: black.sku, type: 'adjustment', quantity: -1, reason: 'shelf count' },
      { store: 'PAV', sku: black.sku, type: 'damage', quantity: 1 },
      { storeId: klcc.id, variantId: white.id, type: 'return', quantity: 1 },
    ];
    const headers = { 'idempotency-key': `batch-${m.slug}` };
    const first = await post(server(), m.ownerToken, batch, headers);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.accepted, 304);
    const again = await post(server(), m.ownerToken, batch, headers);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body, 'the retry is answered from the first response');

    const levels = await server().request('GET', `/v1/staff/stores/${pav.id}/stock`, { token: m.ownerToken });
    const pavBlack = levels.body.items.find((l: any) => l.sku === black.sku);
    // PAV receives on odd i; black on i % 3 != 0: odd i in 0..299 not divisible by 3 = 100 lines x 2 units.
    assert.deepEqual([pavBlack.onHand, pavBlack.reserved, pavBlack.available, pavBlack.incoming], [200 - 5, 0, 195, 0]);

    const count = await server().platform.ctx.db.selectFrom('stock_movements').select((eb) => eb.fn.countAll<number>().as('n')).where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 304, 'the replay wrote nothing');

    const safety = await server().request('PUT', `/v1/staff/stores/${pav.id}/stock/${black.id}/settings`, { token: m.ownerToken, body: { safetyStock: 5, lowStockThreshold: 200 } });
    assert.equal(safety.status, 200, safety.text);
    assert.equal(safety.body.available, 190, 'safety stock is held back from available');
    assert.equal(safety.body.low, true);
    const low = await server().request('GET', `/v1/staff/stores/${pav.id}/low-stock`, { token: m.ownerToken });
    assert.deepEqual(low.body.items.map((l: any) => l.sku), [black.sku]);
    const events = await server().platform.ctx.db.selectFrom('outbox_events').select('type').where('merchant_id', '=', m.id).execute();
    assert.ok(events.some((e) => e.type === 'inventory.low_stock'));
  });

  it('refuses unknown SKUs and stores, negative and fractional quantities, and overselling, naming SKU and store; nothing written', async () => {
    const { m, black } = await stockScene(server());
    await post(server(), m.ownerToken, [{ store: 'PAV', sku: black.sku, type: 'receive', quantity: 5 }]);
    const cases: [unknown[], number, RegExp][] = [
      [[{ store: 'PAV', sku: black.sku, type: 'receive', quantity: 1 }, { store: 'PAV', sku: 'NO-SUCH-SKU', type: 'receive', quantity: 1 }], 422, /NO-SUCH-SKU.*PAV|SKU NO-SUCH-SKU at store PAV/],
      [[{ store: 'NOWHERE', sku: black.sku, type: 'receive', quantity: 1 }], 422, /NOWHERE/],
      [[{ store: 'PAV', sku: black.sku, type: 'receive', quantity: -2 }], 400, new RegExp(`${black.sku}.*PAV`)],
      [[{ store: 'PAV', sku: black.sku, type: 'receive', quantity: 1.5 }], 400, /whole number/],
      [[{ store: 'PAV', sku: black.sku, type: 'adjustment', quantity: -1 }], 400, /reason/],
      [[{ store: 'PAV', sku: black.sku, type: 'receive', quantity: 1 }, { store: 'PAV', sku: black.sku, type: 'sale', quantity: 9 }], 409, new RegExp(`SKU ${black.sku} at store PAV`)],
    ];
    for (const [movements, status, detail] of cases) {
      const res = await post(server(), m.ownerToken, movements);
      assert.equal(res.status, status, res.text);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.match(res.body.detail, detail);
    }
    const stock = await server().request('GET', `/v1/staff/stock?variantId=${black.id}`, { token: m.ownerToken });
    assert.deepEqual(stock.body.items.map((l: any) => l.onHand), [5], 'no bad batch wrote anything');
  });

  it('lets store-scoped staff see and move only their own stores', async () => {
    const { m, pav, klcc, black } = await stockScene(server());
    await post(server(), m.ownerToken, [{ store: 'PAV', sku: black.sku, type: 'receive', quantity: 5 }, { store: 'KLCC', sku: black.sku, type: 'receive', quantity: 7 }]);
    const associate = await signInStaff(server(), m, 'associate', [pav.id]);
    const mine = await server().request('GET', '/v1/staff/stock', { token: associate });
    assert.deepEqual(mine.body.items.map((l: any) => l.storeCode), ['PAV']);
    assert.equal((await server().request('GET', `/v1/staff/stores/${klcc.id}/stock`, { token: associate })).status, 403);
    assert.equal((await post(server(), associate, [{ store: 'KLCC', sku: black.sku, type: 'sale', quantity: 1 }])).status, 403);
    assert.equal((await post(server(), associate, [{ store: 'PAV', sku: black.sku, type: 'sale', quantity: 1 }])).status, 200);
    assert.equal((await server().request('PUT', `/v1/staff/stores/${pav.id}/stock/${black.id}/settings`, { token: associate, body: { safetyStock: 1 } })).status, 403, 'associates do not set thresholds');
    const pos = await server().request('POST', '/v1/admin/api-keys', { token: m.ownerToken, body: { name: 'till', role: 'pos', storeId: klcc.id } });
    assert.equal((await post(server(), pos.body.key, [{ store: 'KLCC', sku: black.sku, type: 'sale', quantity: 2 }])).status, 200);
    assert.equal((await post(server(), pos.body.key, [{ store: 'PAV', sku: black.sku, type: 'sale', quantity: 1 }])).status, 403);
  });

  it('moves stock between stores: requested, shipped (incoming at the destination), received', async () => {
    const { m, pav, klcc, black, white } = await stockScene(server());
    await post(server(), m.ownerToken, [{ store: 'PAV', sku: black.sku, type: 'receive', quantity: 10 }, { store: 'PAV', sku: white.sku, type: 'receive', quantity: 4 }]);
    const requested = await server().request('POST', '/v1/staff/transfers', { token: m.ownerToken, body: { fromStoreId: pav.id, toStoreId: klcc.id, lines: [{ sku: black.sku, quantity: 6 }, { variantId: white.id, quantity: 4 }] } });
    assert.equal(requested.status, 201, requested.text);
    assert.equal(requested.body.status, 'requested');
    const id = requested.body.id;
    const early = await server().request('POST', `/v1/staff/transfers/${id}/receive`, { token: m.ownerToken });
    assert.equal(early.status, 409, early.text);

    const klccStaff = await signInStaff(server(), m, 'manager', [klcc.id]);
    assert.equal((await server().request('POST', `/v1/staff/transfers/${id}/ship`, { token: klccStaff })).status, 403, 'only the sender ships');
    const shipped = await server().request('POST', `/v1/staff/transfers/${id}/ship`, { token: m.ownerToken });
    assert.equal(shipped.body.status, 'shipped');
    const inTransit = (await server().request('GET', `/v1/staff/stores/${klcc.id}/stock?variantId=${black.id}`, { token: klccStaff })).body.items[0];
    assert.deepEqual([inTransit.onHand, inTransit.incoming], [0, 6]);
    const atSource = (await server().request('GET', `/v1/staff/stores/${pav.id}/stock?variantId=${black.id}`, { token: m.ownerToken })).body.items[0];
    assert.equal(atSource.onHand, 4);

    const received = await server().request('POST', `/v1/staff/transfers/${id}/receive`, { token: klccStaff, body: { lines: [{ sku: white.sku, quantity: 3 }] } });
    assert.equal(received.status, 200, received.text);
    assert.equal(received.body.status, 'received');
    const after = (await server().request('GET', `/v1/staff/stores/${klcc.id}/stock`, { token: klccStaff })).body.items;
    assert.deepEqual(after.map((l: any) => [l.sku, l.onHand, l.incoming]).sort(), [[black.sku, 6, 0], [white.sku, 3, 0]].sort());
    assert.equal((await server().request('POST', `/v1/staff/transfers/${id}/cancel`, { token: m.ownerToken })).status, 409);
    const types = await server().platform.ctx.db.selectFrom('stock_movements').select('type').where('merchant_id', '=', m.id).where('ref_type', '=', 'transfer').execute();
    assert.deepEqual([...new Set(types.map((t) => t.type))].sort(), ['adjustment', 'in_transit', 'transfer_in', 'transfer_out']);
  });
});
