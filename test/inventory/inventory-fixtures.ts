import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { createKettle } from '../catalog/catalog-fixtures.ts';
import { createStore } from '../stores/store-fixtures.ts';
import { createTestMerchant, type TestMerchant } from '../support/fixtures.ts';

/** A staff user with a role scoped to some stores, signed in through the real login route. */
export async function signInStaff(server: TestServer, m: TestMerchant, role: 'manager' | 'associate', storeIds: string[]) {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@${m.slug}.example`;
  const created = await server.request('POST', '/v1/admin/staff', { token: m.ownerToken, body: { email, name: role, password: 'password-123', role, storeIds } });
  assert.equal(created.status, 201, created.text);
  const login = await server.request('POST', '/v1/auth/staff/login', { body: { email, password: 'password-123', merchant: m.slug } });
  return login.body.token as string;
}

/** A merchant with two Kuala Lumpur stores (Pavilion, KLCC) and one kettle with two variants. */
export async function stockScene(server: TestServer) {
  const m = await createTestMerchant(server);
  const pav = await createStore(server, m.ownerToken, { code: 'PAV', name: 'Pavilion KL', lat: 3.1488, lng: 101.7133 });
  const klcc = await createStore(server, m.ownerToken, { code: 'KLCC', name: 'Suria KLCC', lat: 3.1579, lng: 101.7116 });
  const kettle = await createKettle(server, m.ownerToken);
  const [black, white] = kettle.variants;
  return { m, pav, klcc, kettle, black, white };
}

export const post = (server: TestServer, token: string, movements: unknown[], headers: Record<string, string> = {}) =>
  server.request('POST', '/v1/staff/stock/movements', { token, body: { movements }, headers });
