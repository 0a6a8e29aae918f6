import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { expirePoints } from '../../src/loyalty/points.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { customerToken, storeWithStock } from '../customers/helpers.ts';
import type { TestServer } from '../support/server.ts';

const now = () => new Date(Date.now() - 60_000).toISOString();

async function ledgerBalances(server: TestServer, merchantId: string, customerId: string) {
  const db = server.platform.ctx.db;
  const sums = await sql<{ points: number; remaining: number }>`select coalesce(sum(points),0)::int as points, coalesce(sum(remaining),0)::int as remaining
    from loyalty_ledger where merchant_id = ${merchantId} and customer_id = ${customerId}`.execute(db);
  const acct = await db.selectFrom('loyalty_accounts').select('balance').where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  return { balance: acct.balance, ledger: sums.rows[0].points, remaining: sums.rows[0].remaining };
}

describeEachBackend('loyalty points', (server) => {
  it('earns by rules and tiers, spends at the till, reverses on return, expires, and always balances', async () => {
    const m = await createTestMerchant(server());
    const { posKey, categories } = await storeWithStock(server(), m, [{ sku: 'TV-55', cost: 100000, category: 'tv' }, { sku: 'CABLE', cost: 100 }]);
    const t = m.ownerToken;
    assert.equal((await server().request('PUT', '/v1/admin/loyalty/settings', { token: t, body: { pointsPerUnit: 1, pointValueMinor: 1, expiryDays: 365, maxRedeemBp: 5000 } })).status, 200);
    assert.equal((await server().request('POST', '/v1/admin/loyalty/tiers', { token: t, body: { name: 'Gold', thresholdPoints: 2000, earnMultiplierBp: 15000, benefits: ['Free delivery'] } })).status, 201);
    assert.equal((await server().request('POST', '/v1/admin/loyalty/rules', { token: t, body: { kind: 'category', categoryId: categories.tv, multiplierBp: 20000 } })).status, 201);
    const badRule = await server().request('POST', '/v1/admin/loyalty/rules', { token: t, body: { kind: 'category', multiplierBp: 20000 } });
    assert.equal(badRule.status, 400);
    const member = (await server().request('POST', '/v1/admin/customers', { token: t, body: { name: 'Nok', phone: '+66811111111', loyaltyCard: 'NOK-CARD-1' } })).body;

    // RM 1,000 TV (double points in its category) + RM 10 cable = 2000 + 10 points.
    const sale = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{
      clientSaleId: 'L1', occurredAt: now(), paymentMethod: 'card', customer: { loyaltyCard: 'nok card 1' },
      lines: [{ sku: 'TV-55', quantity: 1, unitPriceMinor: 100000 }, { sku: 'CABLE', quantity: 1, unitPriceMinor: 1000 }],
    }] } });
    assert.equal(sale.body.results[0].customerId, member.id, sale.text);
    assert.equal(sale.body.results[0].pointsEarned, 2010);
    const acct = await server().request('GET', `/v1/admin/customers/${member.id}/loyalty`, { token: t });
    assert.equal(acct.body.balance, 2010);
    assert.equal(acct.body.tier, 'Gold');

    const lookup = await server().request('GET', '/v1/pos/loyalty/lookup?card=NOK-CARD-1&basketMinor=1000', { token: posKey });
    assert.equal(lookup.body.redeemablePoints, 500);
    const tooMany = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'L2', occurredAt: now(), paymentMethod: 'card', customer: { loyaltyCard: 'NOK-CARD-1' }, pointsToRedeem: 600, lines: [{ sku: 'CABLE', quantity: 1, unitPriceMinor: 1000 }] }] } });
    assert.equal(tooMany.body.results[0].error.code, 'loyalty_limit');
    const spend = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'L3', occurredAt: now(), paymentMethod: 'card', customer: { loyaltyCard: 'NOK-CARD-1' }, pointsToRedeem: 500, lines: [{ sku: 'CABLE', quantity: 1, unitPriceMinor: 1000 }] }] } });
    assert.equal(spend.body.results[0].totalMinor, 500, spend.text);
    // Gold earns 1.5x: RM 5 paid -> 7 points.
    assert.equal(spend.body.results[0].pointsEarned, 7);

    const ret = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'R1', kind: 'return', originalClientSaleId: 'L1', occurredAt: now(), paymentMethod: 'card', lines: [{ sku: 'CABLE', quantity: 1, unitPriceMinor: 1000 }] }] } });
    assert.equal(ret.body.results[0].status, 'created', ret.text);

    // Age the oldest lot past its expiry and run the job.
    await server().platform.ctx.db.updateTable('loyalty_ledger').set({ expires_at: new Date(Date.now() - 1000) }).where('merchant_id', '=', m.id).where('kind', '=', 'earn').where('points', '=', 2010).execute();
    assert.ok(await expirePoints(server().platform.ctx.db, m.id) > 0);
    const after = await server().request('GET', `/v1/shop/${m.slug}/me/loyalty`, { token: customerToken(server(), m.id, member.id) });
    assert.equal(after.status, 200);
    assert.deepEqual(after.body.ledger.map((l: any) => l.kind).reverse(), ['earn', 'spend', 'earn', 'reverse', 'expire']);
    const b = await ledgerBalances(server(), m.id, member.id);
    assert.equal(b.balance, b.ledger);
    assert.equal(b.balance, b.remaining);
    assert.equal(b.balance, after.body.balance);

    const adjust = await server().request('POST', `/v1/admin/customers/${member.id}/loyalty/adjust`, { token: t, body: { points: -100000, note: 'too much' } });
    assert.equal(adjust.status, 409);
  });
});
