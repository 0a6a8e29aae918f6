import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluateCodes, redeemCodesForOrder, voidRedemptionsForOrder } from '../../src/promotions/basket.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { activeCampaign, customer, product, sharedCode, storeWithPosKey } from './fixtures.ts';

describeEachBackend('promotions basket API for orders', (server) => {
  it('evaluates codes with a discount or a reason, and redeems them once per order', async () => {
    const m = await createTestMerchant(server());
    const db = server().platform.ctx.db;
    const { storeId } = await storeWithPosKey(server(), m);
    const kettle = await product(server(), m.id, 10_000);
    const mug = await product(server(), m.id, 2_000);
    const shopper = await customer(server(), m.id);
    const pct = await activeCampaign(server(), m.ownerToken, {}, { kind: 'percent_off', params: { percentBp: 1500 }, conditions: { minSpendMinor: 5_000 } });
    await sharedCode(server(), m.ownerToken, pct.campaignId, pct.offerId, 'SPRING15');
    const pickup = await activeCampaign(server(), m.ownerToken, {}, { kind: 'pickup_discount', params: { amountMinor: 500 }, stackable: true, conditions: { categoryIds: [mug.categoryId] } });
    await sharedCode(server(), m.ownerToken, pickup.campaignId, pickup.offerId, 'PICKUP5');

    const base = { lines: [kettle.line(1), mug.line(2)], storeId, channel: 'online' as const, customerId: shopper, fulfilment: 'pickup', currency: 'MYR' };
    const result = await evaluateCodes(db, m.id, { ...base, codes: ['spring15', 'PICKUP5', 'NOPE123'] });
    assert.equal(result[0].applies, true);
    assert.equal(result[0].applies && result[0].discountMinor, 2_100);
    assert.equal(result[1].applies, false);
    assert.equal(!result[1].applies && result[1].reason, 'not_stackable');
    assert.equal(!result[2].applies && result[2].reason, 'unknown_code');

    const alone = await evaluateCodes(db, m.id, { ...base, codes: ['PICKUP5'], fulfilment: 'delivery' });
    assert.equal(!alone[0].applies && alone[0].reason, 'pickup_only');
    const small = await evaluateCodes(db, m.id, { ...base, codes: ['SPRING15'], lines: [mug.line(1)] });
    assert.equal(!small[0].applies && small[0].reason, 'min_spend_not_met');
    await assert.rejects(evaluateCodes(db, m.id, { ...base, codes: ['SPRİNG15'] }), (e: any) => e.code === 'malformed_code');

    const first = await db.transaction().execute((trx) => redeemCodesForOrder(trx, m.id, { ...base, codes: ['SPRING15'], orderRef: 'order-1' }));
    const again = await db.transaction().execute((trx) => redeemCodesForOrder(trx, m.id, { ...base, codes: ['SPRING15'], orderRef: 'order-1' }));
    assert.equal(first.length, 1);
    assert.equal(again[0].id, first[0].id);
    assert.equal(first[0].discountMinor, 2_100);
    const count = await db.selectFrom('code_redemptions').select((eb) => eb.fn.countAll<number>().as('n')).where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);

    await db.transaction().execute((trx) => voidRedemptionsForOrder(trx, m.id, 'order-1'));

    // First purchase: a purchase recorded in the same transaction as the order is not a previous one.
    const welcomeCampaign = await activeCampaign(server(), m.ownerToken, {}, { kind: 'amount_off', params: { amountMinor: 1_000 }, conditions: { firstPurchase: true } });
    await sharedCode(server(), m.ownerToken, welcomeCampaign.campaignId, welcomeCampaign.offerId, 'WELCOME10');
    const newcomer = await customer(server(), m.id);
    const welcome = { ...base, customerId: newcomer, codes: ['WELCOME10'] };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('customer_purchases').values({ merchant_id: m.id, channel: 'online', ref_id: 'order-2', customer_id: newcomer, store_id: null, total_minor: 14_000, occurred_at: new Date() }).execute();
      const r = await redeemCodesForOrder(trx, m.id, { ...welcome, orderRef: 'order-2' });
      assert.equal(r[0].discountMinor, 1_000);
    });
    const later = await evaluateCodes(db, m.id, welcome);
    assert.equal(!later[0].applies && later[0].reason, 'first_purchase_only');
    const events = await db.selectFrom('outbox_events').select('type').where('merchant_id', '=', m.id).execute();
    assert.ok(events.some((e) => e.type === 'code.redeemed'));
    assert.ok(events.some((e) => e.type === 'code.voided'));
  });
});
