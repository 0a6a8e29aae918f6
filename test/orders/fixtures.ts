import { randomUUID } from 'node:crypto';
import { applyMovements } from '../../src/inventory/movements.ts';
import type { StoreService } from '../../src/stores/store.table.ts';
import type { TestServer } from '../support/server.ts';
import { createTestMerchant, type TestMerchant } from '../support/fixtures.ts';

export const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };
export const card = (number: string) => ({ ...CARD, number });

export interface Shop {
  merchant: TestMerchant;
  stores: Record<string, string>;
  variants: Record<string, string>;
}

/** A merchant with stores (code → services, location) and priced variants, stock received through the ledger. */
export async function createShop(server: TestServer, options: {
  stores?: Record<string, { services?: StoreService[]; lat?: number; lng?: number }>;
  variants?: Record<string, { price: number; pickupPrice?: number; returnable?: boolean }>;
  stock?: { store: string; variant: string; quantity: number }[];
  taxMode?: 'inclusive' | 'exclusive'; taxRateBp?: number; settings?: Record<string, unknown>;
} = {}): Promise<Shop> {
  const merchant = await createTestMerchant(server);
  const db = server.platform.ctx.db;
  await db.updateTable('merchants').set({ tax_mode: options.taxMode ?? 'inclusive', tax_rate_bp: options.taxRateBp ?? 0, settings: JSON.stringify(options.settings ?? {}) }).where('id', '=', merchant.id).execute();
  const stores: Record<string, string> = {};
  const storeDefs = options.stores ?? { KL: { services: ['pickup', 'returns', 'reserve_pay_in_store', 'ship_from_store'] } };
  for (const [code, def] of Object.entries(storeDefs)) {
    const id = randomUUID();
    stores[code] = id;
    await db.insertInto('stores').values({
      merchant_id: merchant.id, id, code, name: `Store ${code}`, country: 'MY', lat: def.lat ?? 3.15, lng: def.lng ?? 101.7, timezone: 'Asia/Kuala_Lumpur',
      services: def.services ?? ['pickup', 'returns'], address_line1: `1 Jalan ${code}`, city: 'Kuala Lumpur', phone: null, email: null,
    }).execute();
  }
  const variants: Record<string, string> = {};
  const productId = randomUUID();
  await db.insertInto('products').values({ merchant_id: merchant.id, id: productId, handle: `p-${productId}`, status: 'active', name: JSON.stringify({ en: 'Kettle', ms: 'Cerek' }), category_id: null }).execute();
  for (const [sku, def] of Object.entries(options.variants ?? { KETTLE: { price: 10_000, pickupPrice: 9_000 } })) {
    const id = randomUUID();
    variants[sku] = id;
    await db.insertInto('variants').values({ merchant_id: merchant.id, id, product_id: productId, sku: `${sku}-${id.slice(0, 6)}`, barcode: null, cost_minor: null, returnable: def.returnable ?? true }).execute();
    await db.insertInto('variant_prices').values({ merchant_id: merchant.id, variant_id: id, currency: 'MYR', price_minor: def.price, pickup_price_minor: def.pickupPrice ?? null, compare_at_minor: null }).execute();
  }
  const stock = options.stock ?? Object.keys(stores).flatMap((s) => Object.keys(variants).map((v) => ({ store: s, variant: v, quantity: 10 })));
  await db.transaction().execute((trx) => applyMovements(trx, merchant.id, stock.map((s) => ({ storeId: stores[s.store], variantId: variants[s.variant], type: 'receive' as const, quantity: s.quantity })), { actor: 'test' }));
  return { merchant, stores, variants };
}

/** A guest cart with the given lines; returns its id and the token headers. */
export async function guestCart(server: TestServer, shop: Shop, lines: { variant: string; quantity: number }[]) {
  const created = await server.request('POST', `/v1/shop/${shop.merchant.slug}/carts`);
  if (created.status !== 201) throw new Error(created.text);
  const headers = { 'x-cart-token': created.body.token };
  for (const l of lines) {
    const r = await server.request('POST', `/v1/shop/${shop.merchant.slug}/carts/${created.body.id}/lines`, { headers, body: { variantId: shop.variants[l.variant], quantity: l.quantity } });
    if (r.status !== 200) throw new Error(r.text);
  }
  return { id: created.body.id as string, headers };
}

export async function level(server: TestServer, shop: Shop, store: string, variant: string) {
  const l = await server.platform.ctx.db.selectFrom('stock_levels').select(['on_hand', 'reserved']).where('merchant_id', '=', shop.merchant.id)
    .where('store_id', '=', shop.stores[store]).where('variant_id', '=', shop.variants[variant]).executeTakeFirst();
  return { onHand: l?.on_hand ?? 0, reserved: l?.reserved ?? 0 };
}

export async function pickupCheckout(server: TestServer, shop: Shop, cart: { id: string; headers: Record<string, string> }, store: string, extra: Record<string, unknown> = {}) {
  return server.request('POST', `/v1/shop/${shop.merchant.slug}/carts/${cart.id}/checkout`, {
    headers: cart.headers,
    body: { fulfilment: 'pickup', storeId: shop.stores[store], contact: { email: 'shopper@example.com', name: 'Aisha' }, payment: { method: 'card', card: CARD }, ...extra },
  });
}
