import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { activeCampaign, customer } from './fixtures.ts';

describeEachBackend('sending codes to an audience with a holdout', (server) => {
  it('holds out a random share, issues codes to the rest, and messages only those who consented', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const db = s.platform.ctx.db;
    const c = await activeCampaign(s, m.ownerToken, { name: 'Win-back', channels: ['email'], holdoutBp: 5_000 });
    const segmentId = randomUUID();
    await db.insertInto('segments').values({ merchant_id: m.id, id: segmentId, name: 'Lapsed', rules: JSON.stringify([]), refreshed_at: null }).execute();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = await customer(s, m.id);
      ids.push(id);
      await db.insertInto('segment_members').values({ merchant_id: m.id, segment_id: segmentId, customer_id: id }).execute();
      if (i % 2 === 0) await db.insertInto('customer_consents').values({ merchant_id: m.id, customer_id: id, purpose: 'marketing_email', granted: true }).execute();
    }
    const sent = await s.request('POST', `/v1/admin/campaigns/${c.campaignId}/sends`, { token: m.ownerToken, body: { segmentId, channel: 'email' } });
    assert.equal(sent.status, 200, sent.text);
    const r = sent.body;
    assert.equal(r.targeted, 40);
    assert.equal(r.treatment + r.holdout, 40);
    assert.ok(r.holdout > 0 && r.treatment > 0, JSON.stringify(r));
    assert.equal(r.issued, r.treatment);
    assert.equal(r.sent + r.skippedNoConsent, r.treatment);

    const audience = await db.selectFrom('campaign_audience').selectAll().where('merchant_id', '=', m.id).where('campaign_id', '=', c.campaignId).execute();
    assert.equal(audience.length, 40);
    const held = audience.filter((a) => a.grp === 'holdout');
    assert.ok(held.every((a) => a.code_id === null));
    const heldIds = held.map((a) => a.customer_id);
    const heldClaims = await db.selectFrom('code_claims').select('id').where('merchant_id', '=', m.id).where('customer_id', 'in', heldIds).execute();
    assert.equal(heldClaims.length, 0, 'the holdout receives nothing');
    const messages = await db.selectFrom('messages').select(['recipient']).where('merchant_id', '=', m.id).where('template', '=', 'promotions.code_sent').execute();
    assert.equal(messages.length, r.sent);
    const consenting = new Set(ids.filter((_, i) => i % 2 === 0).map((id) => `${id}@example.com`));
    assert.ok(messages.every((x) => consenting.has(x.recipient)), 'only customers who consented are messaged');

    const again = await s.request('POST', `/v1/admin/campaigns/${c.campaignId}/sends`, { token: m.ownerToken, body: { segmentId, channel: 'email' } });
    assert.deepEqual([again.body.newlyAssigned, again.body.issued, again.body.sent], [0, 0, 0]);
    const report = await s.request('GET', `/v1/admin/campaigns/${c.campaignId}/report`, { token: m.ownerToken });
    assert.deepEqual(report.body.audience, { treatment: r.treatment, holdout: r.holdout });
  });
});
