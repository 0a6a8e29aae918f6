import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachBackend } from '../support/suite.ts';
import { createShop, guestCart, level, pickupCheckout } from './fixtures.ts';

describeEachBackend('checkout under contention', (server) => {
  it('50 units, 500 concurrent shoppers: exactly 50 orders, 450 clear out-of-stock problems, ledger balanced', async () => {
    const shop = await createShop(server(), { stock: [{ store: 'KL', variant: 'KETTLE', quantity: 50 }] });
    const carts = [];
    for (let i = 0; i < 500; i += 50) carts.push(...await Promise.all(Array.from({ length: 50 }, () => guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]))));
    const results = await Promise.all(carts.map((c) => pickupCheckout(server(), shop, c, 'KL')));
    const byStatus = new Map<number, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byStatus), { 201: 50, 409: 450 });
    for (const r of results.filter((x) => x.status === 409)) {
      assert.equal(r.body.type, 'https://footfall.dev/problems/out_of_stock');
      assert.match(r.body.detail, /Not enough stock/);
    }
    const db = server().platform.ctx.db;
    const orders = await db.selectFrom('orders').select(['id', 'status']).where('merchant_id', '=', shop.merchant.id).execute();
    assert.equal(orders.length, 50);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 50, reserved: 50 });
    const ledger = await sql<{ on_hand: number; reserved: number }>`select sum(on_hand_delta)::int as on_hand, sum(reserved_delta)::int as reserved from stock_movements where merchant_id = ${shop.merchant.id}`.execute(db);
    assert.deepEqual(ledger.rows[0], { on_hand: 50, reserved: 50 });
    const reservedByOrders = await sql<{ n: number }>`select count(distinct ref_id)::int as n from stock_movements where merchant_id = ${shop.merchant.id} and type = 'reservation'`.execute(db);
    assert.equal(reservedByOrders.rows[0].n, 50);
    // Every declined shopper's card authorization was voided: nobody pays for stock that is gone.
    const charges = await db.selectFrom('test_provider_charges').select(['status']).where('merchant_id', '=', shop.merchant.id).execute();
    assert.equal(charges.filter((c) => c.status === 'authorized').length, 50);
    assert.equal(charges.filter((c) => c.status === 'voided').length, 450);
  });

  it('a retried checkout with the same Idempotency-Key creates one order', async () => {
    const shop = await createShop(server());
    const cart = await guestCart(server(), shop, [{ variant: 'KETTLE', quantity: 1 }]);
    const headers = { ...cart.headers, 'idempotency-key': `checkout-${cart.id}` };
    const first = await pickupCheckout(server(), shop, { ...cart, headers }, 'KL');
    assert.equal(first.status, 201, first.text);
    const retries = await Promise.all([1, 2, 3].map(() => pickupCheckout(server(), shop, { ...cart, headers }, 'KL')));
    for (const r of retries) {
      assert.equal(r.status, 201);
      assert.equal(r.headers.get('idempotent-replayed'), 'true');
      assert.equal(r.body.orders[0].id, first.body.orders[0].id);
    }
    const withoutKey = await pickupCheckout(server(), shop, cart, 'KL');
    assert.equal(withoutKey.status, 409, 'the cart is already checked out');
    const orders = await server().platform.ctx.db.selectFrom('orders').select('id').where('merchant_id', '=', shop.merchant.id).execute();
    assert.equal(orders.length, 1);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 10, reserved: 1 });
  });
}, { only: ['postgres'] });
