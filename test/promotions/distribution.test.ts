import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { activeCampaign, sharedCode, signedInCustomer, storeWithPosKey } from './fixtures.ts';

describeEachBackend('distribution: geo offers, wallet, tracking links', (server) => {
  it('finds geo offers near the shopper, claims one into the wallet with the intended store, and redeems it at that till', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const kl = await storeWithPosKey(s, m, { lat: 3.1390, lng: 101.6869 });
    const penang = await storeWithPosKey(s, m, { lat: 5.4141, lng: 100.3288 });
    const geo = await activeCampaign(s, m.ownerToken, { name: 'Walk-in week', channels: ['geo'], radiusM: 2_000, storeIds: [kl.storeId] }, { name: 'RM10 off', kind: 'amount_off', params: { amountMinor: 1_000 } });
    await activeCampaign(s, m.ownerToken, { name: 'Email only', channels: ['email'] });

    const near = await s.request('GET', `/v1/shop/${m.slug}/offers?lat=3.1400&lng=101.6880&locationConsent=true`);
    assert.equal(near.status, 200, near.text);
    assert.deepEqual(near.body.items.map((i: any) => i.name), ['Walk-in week']);
    assert.equal(near.body.items[0].stores[0].storeId, kl.storeId);
    assert.ok(near.body.items[0].stores[0].distanceM < 200);
    assert.ok(!near.body.items[0].stores.some((x: any) => x.storeId === penang.storeId));
    const noConsent = await s.request('GET', `/v1/shop/${m.slug}/offers?lat=3.1400&lng=101.6880`);
    assert.equal(noConsent.body.items.length, 0, 'without consent the location is ignored and geo offers need a place');
    const byStore = await s.request('GET', `/v1/shop/${m.slug}/offers?storeId=${penang.storeId}`);
    assert.equal(byStore.body.items.length, 0);

    const guest = await s.request('POST', `/v1/shop/${m.slug}/offers/${geo.campaignId}/claim`, { body: { storeId: kl.storeId } });
    assert.equal(guest.status, 401);
    const shopper = await signedInCustomer(s, m.id);
    const far = await s.request('POST', `/v1/shop/${m.slug}/offers/${geo.campaignId}/claim`, { token: shopper.token, body: { storeId: kl.storeId, location: { lat: 5.41, lng: 100.33 } } });
    assert.equal(far.status, 422);
    assert.equal(far.body.reason, 'too_far');
    const claim = await s.request('POST', `/v1/shop/${m.slug}/offers/${geo.campaignId}/claim`, { token: shopper.token, body: { storeId: kl.storeId, location: { lat: 3.14, lng: 101.688 }, channel: 'geo' } });
    assert.equal(claim.status, 201, claim.text);
    const again = await s.request('POST', `/v1/shop/${m.slug}/offers/${geo.campaignId}/claim`, { token: shopper.token, body: {} });
    assert.deepEqual([again.status, again.body.code], [200, claim.body.code]);
    const db = s.platform.ctx.db;
    const row = await db.selectFrom('code_claims').selectAll().where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.intended_store_id, row.customer_id, row.channel], [kl.storeId, shopper.id, 'geo']);

    const wallet = await s.request('GET', `/v1/shop/${m.slug}/wallet`, { token: shopper.token });
    assert.deepEqual(wallet.body.items.map((w: any) => [w.code, w.state]), [[claim.body.code, 'usable']]);
    const qr = await s.request('GET', `/v1/shop/${m.slug}/wallet/${claim.body.codeId}/qr.svg`, { token: shopper.token });
    assert.match(qr.text, /<svg/);
    const stranger = await signedInCustomer(s, m.id);
    assert.equal((await s.request('GET', `/v1/shop/${m.slug}/wallet/${claim.body.codeId}/qr.svg`, { token: stranger.token })).status, 404);

    const redeemed = await s.request('POST', '/v1/pos/redemptions', { token: kl.posKey, body: { code: claim.body.code, lines: [{ quantity: 1, unitPriceMinor: 5_000 }], customerId: shopper.id } });
    assert.equal(redeemed.status, 201, redeemed.text);
    const after = await s.request('GET', `/v1/shop/${m.slug}/wallet`, { token: shopper.token });
    assert.equal(after.body.items[0].state, 'used');
    const events = (await db.selectFrom('outbox_events').select('type').where('merchant_id', '=', m.id).execute()).map((e) => e.type);
    for (const t of ['code.issued', 'code.claimed', 'code.redeemed']) assert.ok(events.includes(t), t);
  });

  it('saves a shared code to the wallet and records tracking link clicks before redirecting to the offer page', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const c = await activeCampaign(s, m.ownerToken, { name: 'Spring', channels: ['social'] });
    await sharedCode(s, m.ownerToken, c.campaignId, c.offerId, 'SPRING25');
    const shopper = await signedInCustomer(s, m.id);
    const saved = await s.request('POST', `/v1/shop/${m.slug}/wallet`, { token: shopper.token, body: { code: 'spring25' } });
    assert.equal(saved.status, 201, saved.text);
    assert.equal((await s.request('POST', `/v1/shop/${m.slug}/wallet`, { token: shopper.token, body: { code: 'NOTACODE' } })).status, 404);

    const link = await s.request('POST', `/v1/admin/campaigns/${c.campaignId}/links`, { token: m.ownerToken, body: { channel: 'social', source: 'instagram', content: 'story-1' } });
    assert.equal(link.status, 201, link.text);
    assert.match(link.body.url, /\/l\/[a-z0-9]{8}$/);
    const res = await fetch(`${s.url}/l/${link.body.slug}?utm_term=sofa&fbclid=abc123`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location')!, 'http://x');
    assert.equal(location.pathname, `/offers/${c.campaignId}`);
    assert.deepEqual(
      ['shop', 'campaign', 'channel', 'utm_source', 'utm_medium', 'utm_content', 'utm_term', 'click_id'].map((k) => location.searchParams.get(k)),
      [m.slug, c.campaignId, 'social', 'instagram', 'social', 'story-1', 'sofa', 'abc123'],
    );
    const click = await s.platform.ctx.db.selectFrom('link_clicks').selectAll().where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.deepEqual([click.campaign_id, click.channel, click.source, click.click_id], [c.campaignId, 'social', 'instagram', 'abc123']);
    const links = await s.request('GET', `/v1/admin/campaigns/${c.campaignId}/links`, { token: m.ownerToken });
    assert.equal(links.body.items[0].clicks, 1);
    await s.platform.workers.tick();
    const touch = await s.platform.ctx.db.selectFrom('touchpoints').select(['type', 'campaign_id', 'channel', 'click_id']).where('merchant_id', '=', m.id).where('type', '=', 'link_click').execute();
    assert.deepEqual(touch, [{ type: 'link_click', campaign_id: c.campaignId, channel: 'social', click_id: 'abc123' }], 'the click reaches the analytics funnel');
    assert.equal((await fetch(`${s.url}/l/nosuchlink`, { redirect: 'manual' })).status, 404);
    const landing = await s.request('GET', `/v1/shop/${m.slug}/offers/${c.campaignId}`);
    assert.equal(landing.body.name, 'Spring');
  });
});
