import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SAFE_ALPHABET } from '../../src/promotions/codes/code-format.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { activeCampaign, sharedCode } from './fixtures.ts';

describeEachBackend('codes: shared, bulk generated, imported, rendered', (server) => {
  it('generates unique codes in a background job with progress, from the safe alphabet', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken);
    const big = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-batches`, { token: m.ownerToken, body: { offerId, count: 12_000, prefix: 'xmas-', length: 8 } });
    assert.equal(big.status, 202, big.text);
    assert.equal(big.body.status, 'queued');
    await s.platform.workers.tick();
    const job = await s.request('GET', `/v1/admin/code-jobs/${big.body.id}`, { token: m.ownerToken });
    assert.deepEqual([job.body.status, job.body.done, job.body.progress], ['done', 12_000, 1]);
    const rows = await s.platform.ctx.db.selectFrom('codes').select('code').where('merchant_id', '=', m.id).where('batch_id', '=', big.body.batchId).execute();
    assert.equal(new Set(rows.map((r) => r.code)).size, 12_000);
    const shape = new RegExp(`^XMAS-[${SAFE_ALPHABET}]{8}$`);
    assert.ok(rows.every((r) => shape.test(r.code)), rows[0].code);
    const events = await s.platform.ctx.db.selectFrom('outbox_events').select('payload').where('merchant_id', '=', m.id).where('type', '=', 'code.batch_issued').execute();
    assert.equal(events.length, 1);
    const tooSmall = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-batches`, { token: m.ownerToken, body: { offerId, count: 1_000_000, length: 6 } });
    assert.equal(tooSmall.status, 400);
  });

  it('creates shared codes, refuses duplicates, renders QR and barcode images, imports CSV all or nothing', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const { campaignId, offerId } = await activeCampaign(s, m.ownerToken);
    const shared = await sharedCode(s, m.ownerToken, campaignId, offerId, 'spring25', { maxRedemptions: 500, perCustomerLimit: 1 });
    assert.deepEqual([shared.code, shared.kind, shared.maxRedemptions, shared.perCustomerLimit], ['SPRING25', 'shared', 500, 1]);
    const dup = await s.request('POST', `/v1/admin/campaigns/${campaignId}/codes`, { token: m.ownerToken, body: { code: 'SPRING25', offerId } });
    assert.equal(dup.status, 409);

    const png = await s.request('GET', '/v1/admin/codes/SPRING25/qr.png', { token: m.ownerToken });
    assert.equal(png.status, 200);
    assert.equal(png.headers.get('content-type'), 'image/png');
    const svg = await s.request('GET', '/v1/admin/codes/SPRING25/barcode.svg', { token: m.ownerToken });
    assert.equal(svg.status, 200);
    assert.match(svg.text, /<svg/);
    assert.equal((await s.request('GET', '/v1/admin/codes/NOPE99/qr.png', { token: m.ownerToken })).status, 404);

    const csv = 'code,note\nIMP-0001,a\nimp-0002,b\n';
    const imported = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-imports?offerId=${offerId}`, { token: m.ownerToken, raw: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(imported.status, 201, imported.text);
    assert.equal(imported.body.imported, 2);
    const clash = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-imports?offerId=${offerId}`, { token: m.ownerToken, raw: 'code\nIMP-0003\nIMP-0001\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(clash.status, 409);
    assert.deepEqual(clash.body.existing, ['IMP-0001']);
    const bad = await s.request('POST', `/v1/admin/campaigns/${campaignId}/code-imports?offerId=${offerId}`, { token: m.ownerToken, raw: 'code\nOK-1234\nbad code!\nOK-1234\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.line), [3, 4]);
    const codes = await s.platform.ctx.db.selectFrom('codes').select('code').where('merchant_id', '=', m.id).execute();
    assert.deepEqual(codes.map((c) => c.code).sort(), ['IMP-0001', 'IMP-0002', 'SPRING25']);
  });

  it('enforces the campaign lifecycle', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const c = await s.request('POST', '/v1/admin/campaigns', { token: m.ownerToken, body: { name: 'Empty', startsAt: new Date(Date.now() + 86_400_000).toISOString() } });
    const go = (to: string) => s.request('POST', `/v1/admin/campaigns/${c.body.id}/transition`, { token: m.ownerToken, body: { to } });
    assert.equal((await go('active')).status, 409, 'no offer yet');
    await s.request('POST', `/v1/admin/campaigns/${c.body.id}/offers`, { token: m.ownerToken, body: { name: 'x', kind: 'amount_off', params: { amountMinor: 100 } } });
    assert.equal((await go('active')).body.status, 'scheduled');
    assert.equal((await go('paused')).body.status, 'paused');
    assert.equal((await go('ended')).body.status, 'ended');
    assert.equal((await go('active')).status, 409);
    const badOffer = await s.request('POST', '/v1/admin/campaigns', { token: m.ownerToken, body: { name: 'x', holdoutBp: 20_000 } });
    assert.equal(badOffer.status, 400);
  });
});
