import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { activeCampaign, product, sharedCode, storeWithPosKey } from './fixtures.ts';

describeEachBackend('POS code validation and redemption', (server) => {
  it('answers the discount or a distinct reason, redeems once, voids, and replays an offline queue', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const a = await storeWithPosKey(s, m);
    const b = await storeWithPosKey(s, m);
    const kettle = await product(s, m.id, 10_000);
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken, { storeIds: [a.storeId] }, { kind: 'amount_off', params: { amountMinor: 1_500 }, conditions: { minSpendMinor: 5_000 } });
    await sharedCode(s, m.ownerToken, campaignId, offerId, 'TWOUSES', { maxRedemptions: 2 });
    await sharedCode(s, m.ownerToken, campaignId, offerId, 'OLDCODE', { endsAt: new Date(Date.now() - 1000).toISOString() });
    await sharedCode(s, m.ownerToken, campaignId, offerId, 'FUTURE1', { startsAt: new Date(Date.now() + 86_400_000).toISOString() });
    const batch = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-batches`, { token: m.ownerToken, body: { offerId, count: 3, prefix: 'ST' } });
    assert.equal(batch.status, 202, batch.text);
    const codes = (await s.request('GET', `/v1/admin/campaigns/${campaignId}/codes?batchId=${batch.body.batchId}`, { token: m.ownerToken })).body.items.map((c: any) => c.code);
    assert.equal(codes.length, 3);

    const basket = { lines: [{ variantId: kettle.variantId, quantity: 1, unitPriceMinor: 10_000 }] };
    const validate = (key: string, code: string, extra: object = {}) => s.request('POST', '/v1/pos/codes/validate', { token: key, body: { code, ...basket, ...extra } });
    const ok = await validate(a.posKey, codes[0].toLowerCase());
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual([ok.body.valid, ok.body.discountMinor], [true, 1_500]);
    const reasons = {
      expired: (await validate(a.posKey, 'OLDCODE')).body.reason,
      notStarted: (await validate(a.posKey, 'FUTURE1')).body.reason,
      wrongStore: (await validate(b.posKey, codes[0])).body.reason,
      conditions: (await validate(a.posKey, codes[0], { lines: [{ variantId: kettle.variantId, quantity: 1, unitPriceMinor: 1_000 }] })).body.reason,
      unknown: (await validate(a.posKey, 'NOSUCHCODE')).body.reason,
    };
    assert.deepEqual(reasons, { expired: 'expired', notStarted: 'not_started', wrongStore: 'wrong_store', conditions: 'min_spend_not_met', unknown: 'unknown_code' });

    const redeem = (key: string, code: string, extra: object = {}) => s.request('POST', '/v1/pos/redemptions', { token: key, body: { code, ...basket, saleRef: 'R-1', ...extra } });
    const first = await redeem(a.posKey, codes[0], { clientRedemptionId: 'till1-0001' });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.redemption.discountMinor, 1_500);
    assert.equal(first.body.redemption.storeId, a.storeId);
    assert.match(first.body.redemption.actor, /^apikey:/);
    const retry = await redeem(a.posKey, codes[0], { clientRedemptionId: 'till1-0001' });
    assert.equal(retry.status, 200);
    assert.deepEqual([retry.body.replayed, retry.body.redemption.id], [true, first.body.redemption.id]);
    const twice = await redeem(a.posKey, codes[0]);
    assert.equal(twice.status, 409);
    assert.equal(twice.body.reason, 'already_redeemed');
    assert.equal(twice.body.conflict.redemptionId, first.body.redemption.id);

    assert.equal((await redeem(a.posKey, 'TWOUSES')).status, 201);
    assert.equal((await redeem(a.posKey, 'TWOUSES')).status, 201);
    const third = await redeem(a.posKey, 'TWOUSES');
    assert.deepEqual([third.status, third.body.reason], [409, 'limit_reached']);

    const otherStoreVoid = await s.request('POST', `/v1/pos/redemptions/${first.body.redemption.id}/void`, { token: b.posKey, body: { reason: 'cancel' } });
    assert.equal(otherStoreVoid.status, 403);
    const voided = await s.request('POST', `/v1/pos/redemptions/${first.body.redemption.id}/void`, { token: a.posKey, body: { reason: 'sale cancelled' } });
    assert.equal(voided.status, 200, voided.text);
    assert.ok(voided.body.voidedAt);
    assert.equal((await validate(a.posKey, codes[0])).body.valid, true);

    // Offline: the till queued two sales; meanwhile codes[1] was redeemed online... at another till of store A.
    const meanwhile = await redeem(a.posKey, codes[1], { clientRedemptionId: 'till2-0001' });
    assert.equal(meanwhile.status, 201);
    const earlier = new Date(Date.now() - 3_600_000).toISOString();
    const queue = [
      { code: codes[1], ...basket, clientRedemptionId: 'till1-off-1', redeemedAt: earlier, saleRef: 'OFF-1' },
      { code: codes[2], ...basket, clientRedemptionId: 'till1-off-2', redeemedAt: earlier, saleRef: 'OFF-2' },
    ];
    const replay = await s.request('POST', '/v1/pos/redemptions/offline', { token: a.posKey, body: { items: queue } });
    assert.equal(replay.status, 200, replay.text);
    assert.deepEqual(replay.body.results.map((r: any) => r.status), ['conflict', 'redeemed']);
    assert.equal(replay.body.results[0].reason, 'already_redeemed');
    assert.equal(replay.body.results[0].conflict.redemptionId, meanwhile.body.redemption.id);
    assert.equal(replay.body.results[1].redemption.redeemedAt, earlier);
    const again = await s.request('POST', '/v1/pos/redemptions/offline', { token: a.posKey, body: { items: queue } });
    assert.deepEqual(again.body.results.map((r: any) => r.status), ['conflict', 'already_recorded']);
    const live = await s.platform.ctx.db.selectFrom('code_redemptions').select('code').where('merchant_id', '=', m.id).where('voided_at', 'is', null).execute();
    assert.equal(live.filter((r) => r.code === codes[1]).length, 1);
    assert.equal(live.filter((r) => r.code === codes[2]).length, 1);
  });

  it('rejects bad input with a 4xx and changes nothing', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const a = await storeWithPosKey(s, m);
    const b = await storeWithPosKey(s, m);
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken);
    await sharedCode(s, m.ownerToken, campaignId, offerId, 'SAFE25');
    const line = { quantity: 1, unitPriceMinor: 5_000 };
    const redeem = (body: object, key = a.posKey) => s.request('POST', '/v1/pos/redemptions', { token: key, body: { code: 'SAFE25', lines: [line], ...body } });
    const cases = {
      malformed: await redeem({ code: 'SAFE 25!' }),
      cyrillic: await redeem({ code: 'SАFE25' }),
      dotless: await redeem({ code: 'safe25ı' }),
      empty: await redeem({ code: '' }),
      huge: await redeem({ code: 'A'.repeat(300) }),
      oversized: await redeem({ lines: Array.from({ length: 501 }, () => line) }),
      negativePrice: await redeem({ lines: [{ quantity: 1, unitPriceMinor: -100 }] }),
      negativeQty: await redeem({ lines: [{ quantity: -1, unitPriceMinor: 100 }] }),
      otherStore: await redeem({ storeId: a.storeId }, b.posKey),
      badTime: await redeem({ redeemedAt: new Date(Date.now() + 86_400_000).toISOString() }),
    };
    for (const [name, r] of Object.entries(cases)) {
      assert.ok(r.status >= 400 && r.status < 500, `${name}: ${r.status} ${r.text}`);
      assert.match(r.headers.get('content-type') ?? '', /problem\+json/);
    }
    assert.equal(cases.cyrillic.body.type, 'https://footfall.dev/problems/malformed_code');
    assert.equal(cases.otherStore.status, 403);
    const fullwidth = await s.request('POST', '/v1/pos/codes/validate', { token: a.posKey, body: { code: 'ＳＡＦＥ２５', lines: [line] } });
    assert.equal(fullwidth.body.valid, true, 'full-width forms fold to ASCII under NFKC');
    const count = await s.platform.ctx.db.selectFrom('code_redemptions').select('id').where('merchant_id', '=', m.id).execute();
    assert.equal(count.length, 0);
  });
});
