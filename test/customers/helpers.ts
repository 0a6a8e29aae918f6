import { randomUUID } from 'node:crypto';
import { issueCustomerToken } from '../../src/platform/auth.ts';
import type { TestServer } from '../support/server.ts';
import type { TestMerchant } from '../support/fixtures.ts';

/** A store with a POS key, and variants with stock and cost, through the real admin API where one exists. */
export async function storeWithStock(server: TestServer, m: TestMerchant, skus: { sku: string; cost?: number; category?: string }[] = [{ sku: 'KETTLE-1', cost: 4000 }]) {
  const db = server.platform.ctx.db;
  const storeId = randomUUID();
  await db.insertInto('stores').values({ merchant_id: m.id, id: storeId, code: `S${storeId.slice(0, 5)}`, name: 'Mid Valley', country: 'MY', lat: 3.118, lng: 101.677, timezone: 'Asia/Kuala_Lumpur' }).execute();
  const variants: Record<string, string> = {};
  const categories: Record<string, string> = {};
  for (const s of skus) {
    let categoryId: string | null = null;
    if (s.category) {
      categoryId = categories[s.category] ??= randomUUID();
      await db.insertInto('categories').values({ merchant_id: m.id, id: categoryId, slug: s.category, parent_id: null, name: JSON.stringify({ en: s.category }) }).onConflict((oc) => oc.doNothing()).execute();
    }
    const productId = randomUUID();
    const variantId = randomUUID();
    await db.insertInto('products').values({ merchant_id: m.id, id: productId, handle: `p-${productId}`, name: JSON.stringify({ en: s.sku }), category_id: categoryId }).execute();
    await db.insertInto('variants').values({ merchant_id: m.id, id: variantId, product_id: productId, sku: s.sku, barcode: null, cost_minor: s.cost ?? null }).execute();
    await db.insertInto('stock_levels').values({ merchant_id: m.id, store_id: storeId, variant_id: variantId, on_hand: 100, low_stock_threshold: null }).execute();
    variants[s.sku] = variantId;
  }
  const key = await server.request('POST', '/v1/admin/api-keys', { token: m.ownerToken, body: { name: 'Till 1', role: 'pos', storeId } });
  if (key.status !== 201) throw new Error(key.text);
  return { storeId, variants, categories, posKey: key.body.key as string };
}

export function customerToken(server: TestServer, merchantId: string, customerId: string) {
  return issueCustomerToken(server.platform.ctx.config.secret, merchantId, customerId);
}

export async function onHand(server: TestServer, merchantId: string, storeId: string, variantId: string) {
  const row = await server.platform.ctx.db.selectFrom('stock_levels').select('on_hand')
    .where('merchant_id', '=', merchantId).where('store_id', '=', storeId).where('variant_id', '=', variantId).executeTakeFirstOrThrow();
  return row.on_hand;
}
