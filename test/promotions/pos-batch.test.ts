import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { agent, concurrently, post } from '../support/concurrent-http.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { activeCampaign, storeWithPosKey } from './fixtures.ts';

// Many tills at once share evaluation and commit (redeem-batch.ts); each must still see its own answer.
const line = { quantity: 2, unitPriceMinor: 5_000 };

after(() => agent.destroy());

describeEachBackend('POS redemptions of many codes at once', (server) => {
  async function uniqueCodes(count: number) {
    const s = server();
    const m = await createTestMerchant(s);
    const till = await storeWithPosKey(s, m);
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken);
    const batch = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-batches`, { token: m.ownerToken, body: { offerId, count } });
    assert.equal(batch.status, 202, batch.text);
    await s.platform.workers.tick();
    const codes = (await s.platform.ctx.db.selectFrom('codes').select('code').where('merchant_id', '=', m.id).orderBy('code').execute()).map((c) => c.code);
    assert.equal(codes.length, count);
    const redeem = (code: string, i: number) => post(s.url, '/v1/pos/redemptions', till.posKey, { code, lines: [line], saleRef: `S${i}` });
    return { s, m, till, codes, redeem };
  }

  it('redeems 200 different codes sent at once, each exactly once, each with its event', async () => {
    const { s, m, till, codes, redeem } = await uniqueCodes(200);
    const results = await concurrently(200, 200, (i) => redeem(codes[i], i));
    assert.deepEqual(results.map((r) => r.status), codes.map(() => 201));
    results.forEach((r, i) => {
      assert.equal(r.body.redemption.code, codes[i]);
      assert.equal(r.body.redemption.saleRef, `S${i}`);
      assert.equal(r.body.redemption.storeId, till.storeId);
      assert.equal(r.body.redemption.discountMinor, 1_000);
    });
    const db = s.platform.ctx.db;
    const rows = await db.selectFrom('code_redemptions').select(['id', 'code', 'sale_ref']).where('merchant_id', '=', m.id).execute();
    assert.equal(rows.length, 200);
    assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(results.map((r) => r.body.redemption.id)));
    const events = await db.selectFrom('outbox_events').select('payload').where('merchant_id', '=', m.id).where('type', '=', 'code.redeemed').execute();
    assert.equal(events.length, 200);
    assert.deepEqual(new Set(events.map((e) => (e.payload as { redemptionId: string }).redemptionId)), new Set(rows.map((r) => r.id)));
    const counts = await db.selectFrom('codes').select('redemptions_count').where('merchant_id', '=', m.id).execute();
    assert.ok(counts.every((c) => c.redemptions_count === 1), JSON.stringify(counts));
  });

  it('tells each till of a mixed rush whether its code was still free, and who took it if not', async () => {
    const { s, m, codes, redeem } = await uniqueCodes(100);
    const used = codes.slice(0, 40);
    const earlier = await concurrently(40, 40, (i) => redeem(used[i], i));
    assert.ok(earlier.every((r) => r.status === 201));
    // 40 used codes, 60 free ones, and 10 of the free ones sent twice in the same rush.
    const rush = [...codes, ...codes.slice(40, 50)];
    const results = await concurrently(rush.length, rush.length, (i) => redeem(rush[i], 1_000 + i));
    results.slice(0, 40).forEach((r, i) => {
      assert.equal(r.status, 409);
      assert.equal(r.body.reason, 'already_redeemed');
      assert.equal(r.body.conflict.redemptionId, earlier[i].body.redemption.id);
      assert.equal(r.body.conflict.storeId, earlier[i].body.redemption.storeId);
    });
    assert.ok(results.slice(50, 100).every((r) => r.status === 201));
    for (let i = 40; i < 50; i++) {
      const pair = [results[i], results[60 + i]];
      assert.deepEqual(pair.map((r) => r.status).sort(), [201, 409], JSON.stringify(pair.map((r) => r.body)));
      const won = pair.find((r) => r.status === 201)!;
      assert.equal(pair.find((r) => r.status === 409)!.body.conflict.redemptionId, won.body.redemption.id);
    }
    const db = s.platform.ctx.db;
    const rows = await db.selectFrom('code_redemptions').select('code').where('merchant_id', '=', m.id).execute();
    assert.equal(rows.length, 100);
    assert.equal(new Set(rows.map((r) => r.code)).size, 100);
    const events = await db.selectFrom('outbox_events').select('id').where('merchant_id', '=', m.id).where('type', '=', 'code.redeemed').execute();
    assert.equal(events.length, 100);
  });

  it('fails only the till that reuses a clientRedemptionId for another code, not its neighbours', async () => {
    const { s, m, till, codes } = await uniqueCodes(30);
    const clientId = (i: number) => (i < 2 ? 'same-sale' : `sale-000${i}`);
    const results = await concurrently(30, 30, (i) => post(s.url, '/v1/pos/redemptions', till.posKey, { code: codes[i], lines: [line], clientRedemptionId: clientId(i) }));
    assert.deepEqual(results.slice(0, 2).map((r) => r.status).sort(), [201, 409]);
    assert.ok(results.slice(2).every((r) => r.status === 201), JSON.stringify(results.map((r) => r.status)));
    const retry = await concurrently(30, 30, (i) => post(s.url, '/v1/pos/redemptions', till.posKey, { code: codes[i], lines: [line], clientRedemptionId: clientId(i) }));
    assert.ok(retry.slice(2).every((r, i) => r.status === 200 && r.body.replayed && r.body.redemption.id === results[i + 2].body.redemption.id));
    const rows = await s.platform.ctx.db.selectFrom('code_redemptions').select('id').where('merchant_id', '=', m.id).execute();
    assert.equal(rows.length, 29);
  });
});
