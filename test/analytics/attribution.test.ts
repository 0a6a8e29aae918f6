import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { checkRollups } from '../../src/analytics/check-rollups.ts';
import { runAnalyticsFeed } from '../../src/analytics/feed.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { activeCampaign, sharedCode } from '../promotions/fixtures.ts';
import { customerToken, storeWithStock } from '../customers/helpers.ts';

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describeEachBackend('closed-loop attribution and reports', (server) => {
  it('attributes a till sale with a redeemed code to its campaign, and touches by every model', async () => {
    const m = await createTestMerchant(server());
    const db = server().platform.ctx.db;
    const t = m.ownerToken;
    const { storeId, posKey } = await storeWithStock(server(), m, [{ sku: 'KETTLE-1', cost: 4000 }]);
    const { campaignId, offerId } = await activeCampaign(server(), t, { costMinor: 5000 });
    await sharedCode(server(), t, campaignId, offerId, 'SPRING10');
    const aisha = (await server().request('POST', '/v1/admin/customers', { token: t, body: { name: 'Aisha', email: 'Aisha.B@example.com', consents: { marketing_email: true } } })).body;
    const wei = (await server().request('POST', '/v1/admin/customers', { token: t, body: { name: 'Wei', email: 'wei@example.com' } })).body;
    const ben = (await server().request('POST', '/v1/admin/customers', { token: t, body: { name: 'Ben', email: 'ben@example.com' } })).body;
    await db.insertInto('campaign_audience').values([
      { merchant_id: m.id, campaign_id: campaignId, customer_id: aisha.id, grp: 'treatment' },
      { merchant_id: m.id, campaign_id: campaignId, customer_id: wei.id, grp: 'treatment' },
      { merchant_id: m.id, campaign_id: campaignId, customer_id: ben.id, grp: 'holdout' },
    ] as any).execute();

    // Wei clicked the campaign's email two days ago, then looked at a product.
    const events = await server().request('POST', `/v1/shop/${m.slug}/events`, {
      token: customerToken(server(), m.id, wei.id),
      body: { events: [
        { id: randomUUID(), type: 'email_click', occurredAt: ago(2 * 86400_000), campaignId, anonymousId: 'wei-phone' },
        { id: randomUUID(), type: 'product_view', occurredAt: ago(86400_000), anonymousId: 'wei-phone' },
      ] },
    });
    assert.equal(events.body.accepted, 2, events.text);

    const rule = await server().request('POST', '/v1/admin/loyalty/rules', { token: t, body: { kind: 'campaign', campaignId, multiplierBp: 20000 } });
    assert.equal(rule.status, 201, rule.text);
    // Aisha redeems SPRING10 at the till, then the till reports the sale with the code.
    const redeem = await server().request('POST', '/v1/pos/redemptions', { token: posKey, body: { code: 'SPRING10', saleRef: 'T-100', customerId: aisha.id, lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 10000 }] } });
    assert.equal(redeem.status, 201, redeem.text);
    const discount = redeem.body.redemption.discountMinor;
    const sales = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [
      { clientSaleId: 'T-100', occurredAt: ago(60_000), paymentMethod: 'card', customer: { email: 'aisha.b@example.com' }, codes: [{ code: 'spring10', discountMinor: discount }], lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 10000 }] },
      { clientSaleId: 'T-101', occurredAt: ago(30_000), paymentMethod: 'cash', customer: { email: 'wei@example.com' }, lines: [{ sku: 'KETTLE-1', quantity: 2, unitPriceMinor: 10000 }] },
      { clientSaleId: 'T-102', occurredAt: ago(20_000), paymentMethod: 'cash', lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 10000 }] },
    ] } });
    assert.deepEqual(sales.body.results.map((r: any) => r.status), ['created', 'created', 'created'], sales.text);
    assert.equal(sales.body.results[0].pointsEarned, Math.floor(((10000 - discount) / 100) * 2), 'campaign multiplier doubles points');
    assert.equal(sales.body.results[1].pointsEarned, 200);
    await runAnalyticsFeed({ db });

    const report = await server().request('GET', `/v1/admin/analytics/campaigns/${campaignId}`, { token: t });
    assert.equal(report.status, 200, report.text);
    const r = report.body;
    assert.equal(r.byModel.code.conversions, 1);
    assert.equal(r.byModel.code.revenueMinor, 10000 - discount);
    assert.equal(r.byModel.last_touch.conversions, 1);
    assert.equal(r.byModel.last_touch.revenueMinor, 20000);
    assert.equal(r.byModel.blended.revenueMinor, 10000 - discount + 20000);
    assert.equal(r.byModel.blended.marginMinor, 10000 - discount - 4000 + 20000 - 8000);
    assert.equal(r.funnel.clicks, 1);
    assert.equal(r.funnel.reach, 1);
    assert.equal(r.funnel.redemptions, 1);
    assert.equal(r.funnel.storeVisits, 2);
    assert.equal(r.roi, (r.attributedMarginMinor - 5000) / 5000);
    assert.deepEqual([r.lift.treatment.converters, r.lift.holdout.converters], [2, 0]);
    assert.equal(r.lift.result.treatmentRate, 1);
    assert.ok(r.lift.result.confidence95.low <= r.lift.result.absoluteLift && r.lift.result.absoluteLift <= r.lift.result.confidence95.high);
    assert.deepEqual(r.byStore.map((s: any) => s.storeId), [storeId]);
    assert.ok(r.byChannel.some((c: any) => c.channel === 'coupon') && r.byChannel.some((c: any) => c.channel === 'email'));

    const overview = await server().request('GET', '/v1/admin/analytics/overview', { token: t });
    assert.equal(overview.body.store.sales, 3);
    assert.equal(overview.body.store.identified, 2);
    assert.equal(overview.body.store.ropo, 1); // Wei researched online before buying in the store
    const byDay = await server().request('GET', `/v1/admin/analytics/attribution?by=day&model=linear&format=csv`, { token: t });
    assert.match(byDay.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(byDay.text, /^key,conversions,revenueMinor,marginMinor/);
    const csv = await server().request('GET', `/v1/admin/analytics/campaigns/${campaignId}?format=csv`, { token: t });
    assert.match(csv.text, /^day,reach,clicks,claims,redemptions,conversions,revenue/);

    const google = await server().request('GET', '/v1/admin/analytics/exports/google-store-sales', { token: t });
    const lines = google.text.trim().split('\n');
    assert.match(lines[0], /^Parameters:TimeZone=\+0000;LoyaltyRate=0\.6667;TransactionUploadRate=0\.5000$/);
    assert.equal(lines[1], 'Email,Phone,Conversion Name,Transaction Time,Transaction Amount,Transaction Currency');
    assert.equal(lines.length, 3); // only Aisha consented to marketing
    assert.ok(lines[2].startsWith(createHash('sha256').update('aisha.b@example.com').digest('hex')));

    const checks = await checkRollups(db, m.id);
    assert.deepEqual(checks.filter((c) => !c.ok), []);
  });

  it('takes attribution back on a return and answers 4xx for bad report requests', async () => {
    const m = await createTestMerchant(server());
    const t = m.ownerToken;
    const { posKey } = await storeWithStock(server(), m);
    const { campaignId, offerId } = await activeCampaign(server(), t);
    await sharedCode(server(), t, campaignId, offerId, 'AUTUMN');
    await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'A1', occurredAt: ago(60_000), paymentMethod: 'card', codes: [{ code: 'AUTUMN' }], lines: [{ sku: 'KETTLE-1', quantity: 2, unitPriceMinor: 5000 }] }] } });
    await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'A2', kind: 'return', originalClientSaleId: 'A1', occurredAt: ago(30_000), paymentMethod: 'card', lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 5000 }] }] } });
    const r = await server().request('GET', `/v1/admin/analytics/campaigns/${campaignId}`, { token: t });
    assert.equal(r.body.byModel.code.revenueMinor, 5000);
    assert.equal(r.body.byModel.code.conversions, 0.5);
    // A till that redeemed the code for a known shopper, then reports the sale without naming them: still identified.
    const shopper = (await server().request('POST', '/v1/admin/customers', { token: t, body: { email: 'claimer@example.com' } })).body;
    const red = await server().request('POST', '/v1/pos/redemptions', { token: posKey, body: { code: 'AUTUMN', saleRef: 'A3', customerId: shopper.id, lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 5000 }] } });
    assert.equal(red.status, 201, red.text);
    const a3 = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'A3', occurredAt: ago(10_000), paymentMethod: 'card', codes: [{ code: 'AUTUMN' }], lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 5000 }] }] } });
    assert.equal(a3.body.results[0].customerId, shopper.id);
    assert.equal((await server().request('GET', `/v1/admin/analytics/campaigns/${randomUUID()}`, { token: t })).status, 404);
    assert.equal((await server().request('GET', `/v1/admin/analytics/overview?from=2026-05-01&to=2026-01-01`, { token: t })).status, 400);
    assert.equal((await server().request('GET', `/v1/admin/analytics/overview?model=magic`, { token: t })).status, 400);
    assert.equal((await server().request('GET', `/v1/admin/analytics/overview`, { token: posKey })).status, 403);
    await runAnalyticsFeed({ db: server().platform.ctx.db });
    assert.deepEqual((await checkRollups(server().platform.ctx.db, m.id)).filter((c) => !c.ok), []);
  });
});
