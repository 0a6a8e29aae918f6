import { randomUUID } from 'node:crypto';
import type { TestServer } from '../support/server.ts';

/** A store with a POS key, through the real admin routes. */
export async function storeWithPosKey(server: TestServer, m: { id: string; ownerToken: string }, options: { lat?: number; lng?: number; timezone?: string } = {}) {
  const db = server.platform.ctx.db;
  const storeId = randomUUID();
  await db.insertInto('stores').values({
    merchant_id: m.id, id: storeId, code: `S-${storeId.slice(0, 6)}`, name: `Store ${storeId.slice(0, 4)}`, country: 'MY',
    lat: options.lat ?? 3.139, lng: options.lng ?? 101.687, timezone: options.timezone ?? 'Asia/Kuala_Lumpur',
  }).execute();
  const key = await server.request('POST', '/v1/admin/api-keys', { token: m.ownerToken, body: { name: 'till', role: 'pos', storeId } });
  if (key.status !== 201) throw new Error(key.text);
  return { storeId, posKey: key.body.key as string };
}

/** A product in a category, for basket lines. */
export async function product(server: TestServer, merchantId: string, priceMinor: number) {
  const db = server.platform.ctx.db;
  const categoryId = randomUUID();
  const productId = randomUUID();
  const variantId = randomUUID();
  await db.insertInto('categories').values({ merchant_id: merchantId, id: categoryId, slug: `c-${categoryId.slice(0, 8)}`, parent_id: null, name: JSON.stringify({ en: 'Cat' }) }).execute();
  await db.insertInto('products').values({ merchant_id: merchantId, id: productId, handle: `p-${productId}`, name: JSON.stringify({ en: 'Thing' }), category_id: categoryId }).execute();
  await db.insertInto('variants').values({ merchant_id: merchantId, id: variantId, product_id: productId, sku: `SKU-${variantId.slice(0, 8)}`, barcode: null, cost_minor: null }).execute();
  return { categoryId, productId, variantId, line: (quantity = 1) => ({ variantId, productId, categoryId, quantity, unitPriceMinor: priceMinor }) };
}

export const customer = async (server: TestServer, merchantId: string) => {
  const id = randomUUID();
  await server.platform.ctx.db.insertInto('customers').values({ merchant_id: merchantId, id, email: `${id}@example.com`, phone: null, password_hash: null }).execute();
  return id;
};

/** An active campaign with one offer, through the admin routes. */
export async function activeCampaign(server: TestServer, token: string, campaign: Record<string, unknown> = {}, offer: Record<string, unknown> = {}) {
  const c = await server.request('POST', '/v1/admin/campaigns', { token, body: { name: 'Spring', channels: ['email'], ...campaign } });
  if (c.status !== 201) throw new Error(c.text);
  const o = await server.request('POST', `/v1/admin/campaigns/${c.body.id}/offers`, { token, body: { name: '10% off', kind: 'percent_off', params: { percentBp: 1000 }, ...offer } });
  if (o.status !== 201) throw new Error(o.text);
  const a = await server.request('POST', `/v1/admin/campaigns/${c.body.id}/transition`, { token, body: { to: 'active' } });
  if (a.status !== 200) throw new Error(a.text);
  return { campaignId: c.body.id as string, offerId: o.body.id as string };
}

export async function sharedCode(server: TestServer, token: string, campaignId: string, offerId: string, code: string, limits: Record<string, unknown> = {}) {
  const r = await server.request('POST', `/v1/admin/campaigns/${campaignId}/codes`, { token, body: { code, offerId, ...limits } });
  if (r.status !== 201) throw new Error(r.text);
  return r.body;
}

/** A customer with a session token, as the customers domain would issue it. */
export async function signedInCustomer(server: TestServer, merchantId: string) {
  const { issueCustomerToken } = await import('../../src/platform/auth.ts');
  const id = await customer(server, merchantId);
  return { id, token: issueCustomerToken(server.platform.ctx.config.secret, merchantId, id) };
}
