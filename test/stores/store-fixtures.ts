import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';

const allWeek = (open: string, close: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open, close }]]));

/** Creates a store through the admin API; defaults to a Kuala Lumpur store open 10:00-22:00 daily. */
export async function createStore(server: TestServer, token: string, overrides: Record<string, unknown> = {}) {
  const code = (overrides.code as string) ?? `KL-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const res = await server.request('POST', '/v1/admin/stores', {
    token,
    body: {
      code, name: `Store ${code}`, address: { line1: '168 Jalan Bukit Bintang', city: 'Kuala Lumpur', postcode: '55100', country: 'MY' },
      lat: 3.1490, lng: 101.7132, timezone: 'Asia/Kuala_Lumpur', services: ['pickup', 'returns', 'reserve_pay_in_store'],
      pickupPrepMinutes: 30, openingHours: allWeek('10:00', '22:00'), ...overrides,
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; code: string; name: string };
}
