import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { agent, concurrently, post } from '../support/concurrent-http.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { FAILURES_ALLOWED } from '../../src/promotions/pos/guess-throttle.ts';
import { startServerProcess } from '../support/process-server.ts';
import { activeCampaign, sharedCode, storeWithPosKey } from './fixtures.ts';

const line = { quantity: 1, unitPriceMinor: 10_000 };

describeEachBackend('POS redemption under concurrency', (server) => {
  after(() => agent.destroy());

  it('redeems one unique code exactly once when 2 stores try it 50 times at once', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const tills = [await storeWithPosKey(s, m), await storeWithPosKey(s, m)];
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken);
    const batch = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-batches`, { token: m.ownerToken, body: { offerId, count: 1 } });
    const [code] = (await s.request('GET', `/v1/admin/campaigns/${campaignId}/codes?batchId=${batch.body.batchId}`, { token: m.ownerToken })).body.items;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => s.request('POST', '/v1/pos/redemptions', {
      token: tills[i % 2].posKey, body: { code: code.code, lines: [line], saleRef: `S${i}` },
    })));
    assert.equal(results.filter((r) => r.status === 201).length, 1);
    assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.body.reason === 'already_redeemed')), results.map((r) => r.status).join());
    const rows = await s.platform.ctx.db.selectFrom('code_redemptions').select('id').where('merchant_id', '=', m.id).execute();
    assert.equal(rows.length, 1);
  });

  it('gives exactly 100 redemptions of a shared code limited to 100 under 1,000 concurrent attempts', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const till = await storeWithPosKey(s, m);
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken);
    await sharedCode(s, m.ownerToken, campaignId, offerId, 'HUNDRED', { maxRedemptions: 100 });
    const results = await concurrently(1000, 64, (i) => post(s.url, '/v1/pos/redemptions', till.posKey,
      { code: 'HUNDRED', lines: [line], saleRef: `S${i}`, clientRedemptionId: `client-${i}` }));
    assert.equal(results.filter((r) => r.status === 201).length, 100);
    assert.equal(results.filter((r) => r.status === 409 && r.body.reason === 'limit_reached').length, 900);
    const db = s.platform.ctx.db;
    const rows = await db.selectFrom('code_redemptions').select('id').where('merchant_id', '=', m.id).execute();
    const code = await db.selectFrom('codes').select('redemptions_count').where('merchant_id', '=', m.id).where('code', '=', 'HUNDRED').executeTakeFirstOrThrow();
    assert.deepEqual([rows.length, code.redemptions_count], [100, 100]);
  });

  it('never overspends a campaign budget', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const till = await storeWithPosKey(s, m);
    // 1,000 off per sale, budget 25,500: at most 25 sales fit, and 300 tries race for them.
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken, { budgetMinor: 25_500 }, { kind: 'amount_off', params: { amountMinor: 1_000 } });
    await sharedCode(s, m.ownerToken, campaignId, offerId, 'BUDGET');
    const results = await concurrently(300, 60, (i) => s.request('POST', '/v1/pos/redemptions', {
      token: till.posKey, body: { code: 'BUDGET', lines: [line], saleRef: `B${i}` },
    }));
    assert.equal(results.filter((r) => r.status === 201).length, 25);
    assert.ok(results.filter((r) => r.status !== 201).every((r) => r.body.reason === 'budget_exhausted'));
    const db = s.platform.ctx.db;
    const c = await db.selectFrom('campaigns').select(['spent_minor', 'budget_minor']).where('merchant_id', '=', m.id).where('id', '=', campaignId).executeTakeFirstOrThrow();
    const given = await db.selectFrom('code_redemptions').select((eb) => eb.fn.sum<number>('discount_minor').as('sum')).where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.equal(Number(given.sum), 25_000);
    assert.equal(c.spent_minor, 25_000);
    const exhausted = await db.selectFrom('outbox_events').select('type').where('merchant_id', '=', m.id).where('type', '=', 'campaign.budget_exhausted').execute();
    assert.ok(exhausted.length <= 1);
  });

  it('throttles 10,000 guessed codes from one key, and none succeed', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const till = await storeWithPosKey(s, m);
    const other = await storeWithPosKey(s, m);
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken);
    const batch = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-batches`, { token: m.ownerToken, body: { offerId, count: 200, length: 6, alphabet: '0123456789' } });
    assert.equal(batch.status, 400, 'a pattern this small for 200 codes is refused as guessable');
    await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-batches`, { token: m.ownerToken, body: { offerId, count: 200 } });
    const guesses = Array.from({ length: 10_000 }, (_, i) => `GUESS${String(i).padStart(6, '0')}`);
    const results = await concurrently(guesses.length, 32, (i) => post(s.url, '/v1/pos/redemptions', till.posKey, { code: guesses[i], lines: [line] }));
    const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    assert.equal(byStatus[201] ?? 0, 0);
    assert.ok((byStatus[404] ?? 0) <= FAILURES_ALLOWED + 50, JSON.stringify(byStatus));
    assert.ok(byStatus[429] >= 10_000 - FAILURES_ALLOWED - 50, JSON.stringify(byStatus));
    // A real code from the throttled key is refused too; another till is unaffected.
    const real = (await s.request('GET', `/v1/admin/campaigns/${campaignId}/codes?limit=1`, { token: m.ownerToken })).body.items[0].code;
    assert.equal((await s.request('POST', '/v1/pos/redemptions', { token: till.posKey, body: { code: real, lines: [line] } })).status, 429);
    assert.equal((await s.request('POST', '/v1/pos/redemptions', { token: other.posKey, body: { code: real, lines: [line] } })).status, 201);
    const rows = await s.platform.ctx.db.selectFrom('code_redemptions').select('id').where('merchant_id', '=', m.id).execute();
    assert.equal(rows.length, 1);
  });

  it('shares one guessing allowance between server processes on the same database', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const till = await storeWithPosKey(s, m);
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken);
    await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-batches`, { token: m.ownerToken, body: { offerId, count: 5 } });
    const second = await startServerProcess(s.databaseUrl!);
    try {
      const bases = [s.url, second.base];
      // One key guesses through two processes in turn, as a till behind a load balancer would.
      const statuses: number[] = [];
      for (let i = 0; i < 3 * FAILURES_ALLOWED; i++) {
        statuses.push((await post(bases[i % 2], '/v1/pos/redemptions', till.posKey, { code: `GUESS${String(i).padStart(6, '0')}`, lines: [line] })).status);
      }
      const unknown = statuses.filter((x) => x === 404).length;
      assert.ok(unknown <= FAILURES_ALLOWED + 1, `at most the one allowance (plus one learning guess) across both processes: ${statuses.join()}`);
      assert.equal(statuses.slice(-10).filter((x) => x === 429).length, 10, statuses.join());
      // Both processes now refuse the key, even for a real code.
      const real = (await s.request('GET', `/v1/admin/campaigns/${campaignId}/codes?limit=1`, { token: m.ownerToken })).body.items[0].code;
      for (const base of bases) assert.equal((await post(base, '/v1/pos/redemptions', till.posKey, { code: real, lines: [line] })).status, 429);
    } finally {
      await second.stop();
    }
  });
}, { only: ['postgres'] });
