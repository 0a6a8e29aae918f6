import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { customerToken } from '../customers/helpers.ts';

const ev = (type: string, extra: Record<string, unknown> = {}) => ({ id: randomUUID(), type, occurredAt: new Date().toISOString(), anonymousId: 'anon-1', ...extra });

describeEachBackend('touchpoint events API', (server) => {
  it('accepts a batch, dedupes ids, rejects bad events one by one, and loses nothing accepted', async () => {
    const m = await createTestMerchant(server());
    const path = `/v1/shop/${m.slug}/events`;
    const dup = ev('page_view', { url: 'https://shop.example/?utm_source=news', utm: { source: 'newsletter', medium: 'email', campaign: 'spring' } });
    const res = await server().request('POST', path, {
      body: { events: [
        dup, dup,
        ev('link_click', { clickIds: { gclid: 'abc123' } }),
        ev('product_view', { campaignId: randomUUID() }),
        ev('page_view', { occurredAt: new Date(Date.now() + 3600_000).toISOString() }),
        ev('page_view', { occurredAt: '2020-01-01T00:00:00Z' }),
        ev('page_view', { consent: { analytics: false } }),
        ev('geo_checkin', { location: { lat: 3.1, lng: 101.6 } }),
        ev('geo_checkin', { location: { lat: 3.1, lng: 101.6 }, consent: { location: true } }),
        ev('store_locator_search', { query: 'kuala lumpur' }),
      ] },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.results.map((r: any) => r.error?.code ?? r.status),
      ['accepted', 'duplicate', 'accepted', 'unknown_campaign', 'clock_skew', 'clock_skew', 'consent_withheld', 'consent_withheld', 'accepted', 'accepted']);
    assert.equal(res.body.accepted, 4);
    const again = await server().request('POST', path, { body: { events: [dup] } });
    assert.equal(again.body.results[0].status, 'duplicate');

    const db = server().platform.ctx.db;
    const rows = await db.selectFrom('touchpoints').select(['type', 'channel', 'lat']).where('merchant_id', '=', m.id).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.type, r.channel]), [['page_view', 'email'], ['link_click', 'paid_search'], ['geo_checkin', 'geo'], ['store_locator_search', 'direct']]);
    assert.equal(rows[2].lat, 3.1);
    const rolled = await db.selectFrom('touch_daily').select((eb) => eb.fn.sum<number>('events').as('n')).where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.equal(Number(rolled.n), 4);
  });

  it('corrects a skewed client clock with sentAt and refuses oversized batches with 413', async () => {
    const m = await createTestMerchant(server());
    const path = `/v1/shop/${m.slug}/events`;
    const clientNow = Date.now() + 2 * 3600_000; // the device clock runs two hours fast
    const res = await server().request('POST', path, { body: { sentAt: new Date(clientNow).toISOString(), events: [ev('page_view', { occurredAt: new Date(clientNow - 5000).toISOString() })] } });
    assert.equal(res.body.results[0].status, 'accepted', res.text);
    const row = await server().platform.ctx.db.selectFrom('touchpoints').select('occurred_at').where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.ok(Math.abs(row.occurred_at.getTime() - (Date.now() - 5000)) < 60_000);

    const huge = await server().request('POST', path, { body: { events: Array.from({ length: 1001 }, () => ev('page_view')) } });
    assert.equal(huge.status, 413);
    assert.match(huge.body.detail, /1000/);
    assert.equal(huge.headers.get('content-type')?.includes('problem+json'), true);
    const empty = await server().request('POST', path, { body: { events: [] } });
    assert.equal(empty.status, 400);
    const count = await server().platform.ctx.db.selectFrom('touchpoints').select((eb) => eb.fn.countAll<number>().as('n')).where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  it('links a device to the signed-in shopper, honours withdrawn consent, serves the snippet and pixel', async () => {
    const m = await createTestMerchant(server());
    const path = `/v1/shop/${m.slug}/events`;
    await server().request('POST', path, { body: { events: [ev('product_view', { anonymousId: 'device-9' })] } });
    const c = (await server().request('POST', '/v1/admin/customers', { token: m.ownerToken, body: { email: 'p@example.com' } })).body;
    const token = customerToken(server(), m.id, c.id);
    const signedIn = await server().request('POST', path, { token, body: { events: [ev('page_view', { anonymousId: 'device-9' })] } });
    assert.equal(signedIn.body.accepted, 1);
    const linked = await server().platform.ctx.db.selectFrom('touchpoints').select('customer_id').where('merchant_id', '=', m.id).execute();
    assert.deepEqual(linked.map((r) => r.customer_id), [c.id, c.id]);

    await server().request('PUT', `/v1/shop/${m.slug}/me/consents`, { token, body: { consents: { analytics: false } } });
    const declined = await server().request('POST', path, { token, body: { events: [ev('page_view')] } });
    assert.equal(declined.body.results[0].error.code, 'consent_withheld');

    const preflight = await server().request('OPTIONS', path, { headers: { origin: 'https://retailer.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    const crossOrigin = await server().request('POST', path, { body: { events: [] } });
    assert.equal(crossOrigin.headers.get('access-control-allow-origin'), '*', 'errors are readable cross-origin too');
    const js = await server().request('GET', `/v1/shop/${m.slug}/snippet.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.ok(js.text.length < 8000 && js.text.includes('sendBeacon') === false && js.text.includes('/events'));
    const px = await server().request('GET', `/v1/shop/${m.slug}/events/open.gif?id=${randomUUID()}&u=device-1`);
    assert.equal(px.status, 200);
    assert.equal(px.headers.get('content-type'), 'image/gif');
  });
});
