import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { createStore } from './store-fixtures.ts';

describeEachBackend('stores', (server) => {
  it('creates stores and finds them by distance, by text, with open-now in local time', async () => {
    const m = await createTestMerchant(server());
    const pavilion = await createStore(server(), m.ownerToken, { code: 'PAV', name: 'Pavilion KL', lat: 3.1488, lng: 101.7133, address: { line1: '168 Jalan Bukit Bintang', city: 'Kuala Lumpur', postcode: '55100', country: 'MY' } });
    const klcc = await createStore(server(), m.ownerToken, { code: 'KLCC', name: 'Suria KLCC', lat: 3.1579, lng: 101.7116, address: { line1: 'Jalan Ampang', city: 'Kuala Lumpur', postcode: '50088', country: 'MY' } });
    await createStore(server(), m.ownerToken, { code: 'PEN', name: 'Gurney Plaza', lat: 5.4375, lng: 100.3096, address: { line1: '170 Persiaran Gurney', city: 'George Town', postcode: '10250', country: 'MY' } });
    const closed = await createStore(server(), m.ownerToken, { code: 'OLD', name: 'Old Klang Road', lat: 3.09, lng: 101.68, status: 'inactive' });

    const near = await server().request('GET', `/v1/shop/${m.slug}/stores?lat=3.1579&lng=101.7116&radiusKm=10`);
    assert.equal(near.status, 200, near.text);
    assert.deepEqual(near.body.items.map((s: any) => s.code), ['KLCC', 'PAV'], 'nearest first, Penang and inactive left out');
    assert.equal(near.body.items[0].distanceKm, 0);
    assert.ok(near.body.items[1].distanceKm > 0.9 && near.body.items[1].distanceKm < 1.2);
    assert.equal(typeof near.body.items[0].openNow, 'boolean');

    const byPostcode = await server().request('GET', `/v1/shop/${m.slug}/stores?q=10250`);
    assert.deepEqual(byPostcode.body.items.map((s: any) => s.code), ['PEN']);
    const byCity = await server().request('GET', `/v1/shop/${m.slug}/stores?q=${encodeURIComponent('kuala lumpur')}`);
    assert.deepEqual(byCity.body.items.map((s: any) => s.code).sort(), ['KLCC', 'PAV']);

    const adminList = await server().request('GET', '/v1/admin/stores', { token: m.ownerToken });
    assert.ok(adminList.body.items.some((s: any) => s.id === closed.id), 'admins see inactive stores');
    assert.equal((await server().request('GET', `/v1/shop/${m.slug}/stores/${closed.id}`)).status, 404);
    assert.equal((await server().request('GET', `/v1/shop/${m.slug}/stores/${pavilion.id}`)).body.code, 'PAV');
    assert.ok(klcc.id);
  });

  it('applies holidays and special hours to open-now and opens-at', async () => {
    const m = await createTestMerchant(server());
    const store = await createStore(server(), m.ownerToken);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const tz = 'Asia/Kuala_Lumpur';
    const localToday = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());
    for (const date of [today, tomorrow, localToday]) {
      const res = await server().request('PUT', `/v1/admin/stores/${store.id}/hours-exceptions/${date}`, { token: m.ownerToken, body: { closed: true, note: 'Holiday' } });
      assert.equal(res.status, 200, res.text);
    }
    const shown = await server().request('GET', `/v1/shop/${m.slug}/stores/${store.id}`);
    assert.equal(shown.body.openNow, false);
    assert.ok(shown.body.opensAt > new Date().toISOString());
    assert.ok(shown.body.exceptions.length >= 2);

    const special = await server().request('PUT', `/v1/admin/stores/${store.id}/hours-exceptions/${localToday}`, { token: m.ownerToken, body: { closed: false, intervals: [{ open: '00:00', close: '24:00' }] } });
    assert.equal(special.status, 200);
    const open = await server().request('GET', `/v1/shop/${m.slug}/stores/${store.id}`);
    assert.equal(open.body.openNow, true, 'special hours: open all day');
    assert.equal((await server().request('DELETE', `/v1/admin/stores/${store.id}/hours-exceptions/${localToday}`, { token: m.ownerToken })).status, 204);
  });

  it('refuses bad input with 4xx problems and writes nothing', async () => {
    const m = await createTestMerchant(server());
    const base = { code: 'X1', name: 'X', address: { country: 'MY' }, lat: 3.1, lng: 101.7, timezone: 'Asia/Kuala_Lumpur' };
    for (const body of [{ ...base, lat: 91 }, { ...base, lng: -181 }, { ...base, timezone: 'Mars/Olympus' }, { ...base, openingHours: { mon: [{ open: '25:00', close: '26:00' }] } }]) {
      const res = await server().request('POST', '/v1/admin/stores', { token: m.ownerToken, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }
    for (const q of ['lat=95&lng=101', 'lat=3&lng=200', 'lat=3']) {
      const res = await server().request('GET', `/v1/shop/${m.slug}/stores?${q}`);
      assert.equal(res.status, 400, q);
    }
    assert.equal((await server().request('GET', '/v1/admin/stores', { token: m.ownerToken })).body.items.length, 0);
    const created = await createStore(server(), m.ownerToken, { code: 'DUP' });
    assert.equal((await server().request('POST', '/v1/admin/stores', { token: m.ownerToken, body: { ...base, code: 'DUP' } })).status, 409);
    assert.equal((await server().request('PATCH', `/v1/admin/stores/${created.id}`, { token: m.ownerToken, body: { lat: -100 } })).status, 400);

    const other = await createTestMerchant(server());
    assert.equal((await server().request('PATCH', `/v1/admin/stores/${created.id}`, { token: other.ownerToken, body: { name: 'Hijack' } })).status, 404);
  });
});
