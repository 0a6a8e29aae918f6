import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { onHand, storeWithStock } from '../customers/helpers.ts';

const now = () => new Date(Date.now() - 60_000).toISOString();

describeEachBackend('store sales and touchpoints under concurrent clients', (server) => {
  it('records a sale retried by two tills at once exactly once', async () => {
    const m = await createTestMerchant(server());
    const { storeId, variants, posKey } = await storeWithStock(server(), m);
    const sale = { clientSaleId: 'RACE-1', occurredAt: now(), paymentMethod: 'card', lines: [{ sku: 'KETTLE-1', quantity: 3, unitPriceMinor: 1000 }] };
    const results = await Promise.all(Array.from({ length: 6 }, () => server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [sale] } })));
    const statuses = results.map((r) => r.body.results[0].status).sort();
    assert.deepEqual(statuses, ['created', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    assert.equal(new Set(results.map((r) => r.body.results[0].saleId)).size, 1);
    assert.equal(await onHand(server(), m.id, storeId, variants['KETTLE-1']), 97);
  });

  it('never lets two tills spend the same points', async () => {
    const m = await createTestMerchant(server());
    const { posKey } = await storeWithStock(server(), m);
    const c = (await server().request('POST', '/v1/admin/customers', { token: m.ownerToken, body: { email: 'race@example.com', loyaltyCard: 'RACE-CARD' } })).body;
    await server().request('POST', `/v1/admin/customers/${c.id}/loyalty/adjust`, { token: m.ownerToken, body: { points: 1000, note: 'welcome' } });
    const spend = (i: number) => server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{
      clientSaleId: `SPEND-${i}`, occurredAt: now(), paymentMethod: 'card', customer: { loyaltyCard: 'RACE-CARD' }, pointsToRedeem: 800,
      lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 5000 }] }] } });
    const results = await Promise.all([spend(1), spend(2), spend(3)]);
    const outcome = results.map((r) => r.body.results[0].status === 'created' ? 'created' : r.body.results[0].error.code).sort();
    assert.deepEqual(outcome, ['created', 'insufficient_points', 'insufficient_points']);
    const db = server().platform.ctx.db;
    const sums = await sql<{ points: number }>`select sum(points)::int as points from loyalty_ledger where merchant_id = ${m.id} and customer_id = ${c.id}`.execute(db);
    const acct = await db.selectFrom('loyalty_accounts').select('balance').where('merchant_id', '=', m.id).where('customer_id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(acct.balance, sums.rows[0].points);
  });

  it('stores each touch once when the same batch arrives on several connections', async () => {
    const m = await createTestMerchant(server());
    const events = Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), type: 'page_view', occurredAt: now(), anonymousId: `dev-${i % 7}` }));
    const res = await Promise.all(Array.from({ length: 4 }, () => server().request('POST', `/v1/shop/${m.slug}/events`, { body: { events } })));
    assert.equal(res.reduce((n, r) => n + r.body.accepted, 0), 200);
    const db = server().platform.ctx.db;
    const stored = await sql<{ n: number; rolled: number }>`select (select count(*)::int from touchpoints where merchant_id = ${m.id}) as n,
      (select sum(events)::int from touch_daily where merchant_id = ${m.id}) as rolled`.execute(db);
    assert.deepEqual(stored.rows[0], { n: 200, rolled: 200 });
  });
}, { only: ['postgres'] });
