import { randomUUID } from 'node:crypto';
import { priceVariants } from '../catalog/pricing.ts';
import { findMerchant } from '../merchants/merchant.repository.ts';
import { Permission, requireAccess, type Actor } from '../platform/access.ts';
import { signToken, verifyToken } from '../platform/crypto.ts';
import type { Executor } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { evaluateCartCodes } from './cart-discounts.ts';
import * as repo from './cart.repository.ts';
import type { DeliveryAddress, Fulfilment } from './cart.table.ts';
import { computeTotals } from './totals.ts';

const CART_TOKEN_TTL = 90 * 24 * 3600;
export const MAX_CART_LINES = 100;
export const MAX_LINE_QUANTITY = 999;

/** Who is asking for a cart: the shopper, plus the guest's cart token when there is one. */
export interface CartCaller { actor: Actor; token?: string; secret: string }

export const issueCartToken = (secret: string, merchantId: string, cartId: string) => signToken({ t: 'cart', m: merchantId, c: cartId }, secret, CART_TOKEN_TTL);

/**
 * Who may use the cart whatever its owner: anyone holding its token, and staff at the counter. Otherwise
 * only the customer named by `ownerToMatch` (null when nobody else may).
 */
export function cartAccessWithoutOwner(caller: CartCaller, cartId: string): { open: true } | { open: false; ownerToMatch: string | null } {
  const claims = caller.token ? verifyToken<{ t: string; m: string; c: string }>(caller.token, caller.secret) : null;
  if (claims?.t === 'cart' && claims.m === caller.actor.merchantId && claims.c === cartId) return { open: true };
  if (caller.actor.kind === 'staff' || caller.actor.kind === 'apikey') return { open: true };
  return { open: false, ownerToMatch: caller.actor.kind === 'customer' ? caller.actor.customerId : null };
}

/** A cart is the customer's own, or anyone's who holds its token, or staff's at the counter. */
export function mayUseCart(caller: CartCaller, cartId: string, cartCustomerId: string | null): boolean {
  const access = cartAccessWithoutOwner(caller, cartId);
  return access.open || (access.ownerToMatch !== null && access.ownerToMatch === cartCustomerId);
}

/** The cart with its lines, for a caller who may use it; everyone else gets 404. */
export async function accessCart(db: Executor, caller: CartCaller, cartId: string) {
  requireAccess(caller.actor, Permission.CartUse);
  const cart = await repo.findCartWithLines(db, caller.actor.merchantId, cartId);
  if (!cart || !mayUseCart(caller, cartId, cart.customer_id)) throw notFound('Cart');
  return cart;
}

async function openCart(db: Executor, caller: CartCaller, cartId: string) {
  const cart = await accessCart(db, caller, cartId);
  if (cart.status !== 'open') throw new AppError('cart_closed', `This cart is ${cart.status}; start a new cart`, { cartStatus: cart.status });
  return cart;
}

export async function createCart(db: Executor, caller: CartCaller) {
  requireAccess(caller.actor, Permission.CartUse);
  const merchantId = caller.actor.merchantId;
  const customerId = caller.actor.kind === 'customer' ? caller.actor.customerId : null;
  if (customerId) {
    const existing = await repo.findOpenCartOfCustomer(db, merchantId, customerId);
    if (existing) return { ...(await cartView(db, merchantId, existing.id)), token: issueCartToken(caller.secret, merchantId, existing.id) };
  }
  const merchant = (await findMerchant(db, merchantId))!;
  const id = randomUUID();
  await db.insertInto('carts').values({
    merchant_id: merchantId, id, customer_id: customerId, currency: merchant.currency, store_id: null, delivery_address: null, updated_at: new Date(),
  }).execute();
  return { ...(await cartView(db, merchantId, id)), token: issueCartToken(caller.secret, merchantId, id) };
}

export async function getCart(db: Executor, caller: CartCaller, cartId: string) {
  await accessCart(db, caller, cartId);
  return cartView(db, caller.actor.merchantId, cartId);
}

async function checkVariant(db: Executor, merchantId: string, currency: string, variantId: string) {
  const priced = (await priceVariants(db, merchantId, [variantId], { currency, fulfilment: 'delivery' })).get(variantId);
  if (!priced) throw new AppError('unknown_variant', `Variant ${variantId} does not exist`, { variantId });
  if (!priced.sellable) throw new AppError('not_sellable', `SKU ${priced.sku} is not for sale`, { variantId, sku: priced.sku });
}

/** Adds units of a variant (mode add) or sets its quantity (mode set); quantity 0 with set removes the line. */
export async function changeLine(db: Executor, caller: CartCaller, cartId: string, input: { variantId: string; quantity: number; mode: 'add' | 'set' }) {
  const cart = await openCart(db, caller, cartId);
  const merchantId = caller.actor.merchantId;
  if (!Number.isInteger(input.quantity) || input.quantity < (input.mode === 'add' ? 1 : 0) || input.quantity > MAX_LINE_QUANTITY) {
    throw new AppError('validation', `quantity must be a whole number from ${input.mode === 'add' ? 1 : 0} to ${MAX_LINE_QUANTITY}`);
  }
  if (input.mode === 'set' && input.quantity === 0) return removeLine(db, caller, cartId, input.variantId);
  await checkVariant(db, merchantId, cart.currency, input.variantId);
  const current = (await repo.cartLines(db, merchantId, cartId)).find((l) => l.variant_id === input.variantId);
  if (!current && input.mode === 'set') throw notFound('Cart line');
  if (!current && (await repo.countCartLines(db, merchantId, cartId)) >= MAX_CART_LINES) {
    throw new AppError('validation', `A cart holds at most ${MAX_CART_LINES} different items`);
  }
  const quantity = input.mode === 'add' ? (current?.quantity ?? 0) + input.quantity : input.quantity;
  if (quantity > MAX_LINE_QUANTITY) throw new AppError('validation', `At most ${MAX_LINE_QUANTITY} units of one item per order`);
  await db.insertInto('cart_lines').values({ merchant_id: merchantId, cart_id: cartId, variant_id: input.variantId, quantity })
    .onConflict((oc) => oc.columns(['merchant_id', 'cart_id', 'variant_id']).doUpdateSet({ quantity })).execute();
  await repo.touchCart(db, merchantId, cartId);
  return cartView(db, merchantId, cartId);
}

export async function removeLine(db: Executor, caller: CartCaller, cartId: string, variantId: string) {
  await openCart(db, caller, cartId);
  const merchantId = caller.actor.merchantId;
  const r = await db.deleteFrom('cart_lines').where('merchant_id', '=', merchantId).where('cart_id', '=', cartId).where('variant_id', '=', variantId).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound('Cart line');
  await repo.touchCart(db, merchantId, cartId);
  return cartView(db, merchantId, cartId);
}

export interface FulfilmentChoice { type: Fulfilment; storeId?: string | null; deliveryAddress?: DeliveryAddress | null }

export async function setFulfilment(db: Executor, caller: CartCaller, cartId: string, choice: FulfilmentChoice) {
  await openCart(db, caller, cartId);
  const merchantId = caller.actor.merchantId;
  if (choice.type !== 'delivery' && !choice.storeId) throw new AppError('validation', 'Choose the store for pickup: storeId');
  if (choice.type === 'delivery' && !choice.deliveryAddress) throw new AppError('validation', 'Home delivery needs a deliveryAddress');
  if (choice.storeId) {
    const store = await db.selectFrom('stores').select(['id', 'status', 'services', 'name']).where('merchant_id', '=', merchantId).where('id', '=', choice.storeId).executeTakeFirst();
    if (!store || store.status !== 'active') throw new AppError('unknown_store', 'That store does not exist or is closed');
    const service = choice.type === 'delivery' ? 'ship_from_store' : choice.type;
    if (!store.services.includes(service)) throw new AppError('service_not_offered', `${store.name} does not offer ${service.replaceAll('_', ' ')}`, { storeId: store.id, service });
  }
  await db.updateTable('carts').set({
    fulfilment: choice.type, store_id: choice.storeId ?? null,
    delivery_address: choice.deliveryAddress ? JSON.stringify(choice.deliveryAddress) : null, updated_at: new Date(),
  }).where('merchant_id', '=', merchantId).where('id', '=', cartId).execute();
  return cartView(db, merchantId, cartId);
}

export async function setCodes(db: Executor, caller: CartCaller, cartId: string, change: { add?: string; remove?: string }) {
  const cart = await openCart(db, caller, cartId);
  const normalized = (c: string) => c.trim().toUpperCase();
  let codes = cart.coupon_codes;
  if (change.add) {
    if (!/^[A-Z0-9_-]{3,40}$/.test(normalized(change.add))) throw new AppError('validation', 'A code is 3 to 40 letters, digits, - or _');
    if (codes.length >= 5 && !codes.includes(normalized(change.add))) throw new AppError('validation', 'At most 5 codes per cart');
    codes = [...new Set([...codes, normalized(change.add)])];
  }
  if (change.remove) {
    if (!codes.includes(normalized(change.remove))) throw notFound('Code on this cart');
    codes = codes.filter((c) => c !== normalized(change.remove!));
  }
  await db.updateTable('carts').set({ coupon_codes: codes, updated_at: new Date() }).where('merchant_id', '=', cart.merchant_id).where('id', '=', cartId).execute();
  return cartView(db, cart.merchant_id, cartId);
}

/** The cart as the shopper sees it: priced for its fulfilment, with codes and totals in minor units. */
export async function cartView(db: Executor, merchantId: string, cartId: string, locale = 'en') {
  const cart = (await repo.findCart(db, merchantId, cartId))!;
  const merchant = (await findMerchant(db, merchantId))!;
  const rows = await repo.cartLines(db, merchantId, cartId);
  const prices = await priceVariants(db, merchantId, rows.map((r) => r.variant_id), { currency: cart.currency, fulfilment: cart.fulfilment, locale });
  const lines = rows.map((r) => {
    const p = prices.get(r.variant_id)!;
    return { variantId: r.variant_id, sku: p.sku, name: p.name, quantity: r.quantity, unitPriceMinor: p.unitPriceMinor, listPriceMinor: p.listPriceMinor, compareAtMinor: p.compareAtMinor, sellable: p.sellable };
  });
  const sellable = lines.filter((l) => l.sellable);
  const codes = await evaluateCartCodes(db, merchantId, {
    codes: cart.coupon_codes, lines: sellable, storeId: cart.store_id, channel: 'web', customerId: cart.customer_id, fulfilment: cart.fulfilment, currency: cart.currency,
  });
  const holds = await db.selectFrom('cart_holds').select(['store_id', 'variant_id', 'quantity', 'expires_at']).where('merchant_id', '=', merchantId).where('cart_id', '=', cartId).execute();
  const tax = { taxMode: merchant.tax_mode, taxRateBp: merchant.tax_rate_bp };
  const totals = computeTotals(sellable, codes.reduce((a, c) => a + (c.applies ? c.discountMinor : 0), 0), tax);
  return {
    id: cart.id, status: cart.status, currency: cart.currency, customerId: cart.customer_id,
    fulfilment: { type: cart.fulfilment, storeId: cart.store_id, deliveryAddress: cart.delivery_address },
    lines: lines.map((l) => ({ ...l, ...(totals.lines.find((t) => t.variantId === l.variantId) ?? { grossMinor: 0, discountMinor: 0, taxMinor: 0, totalMinor: 0 }) })),
    codes,
    hold: holds.length ? { storeId: holds[0].store_id, expiresAt: new Date(holds[0].expires_at).toISOString(), lines: holds.map((h) => ({ variantId: h.variant_id, quantity: h.quantity })) } : null,
    totals: { subtotalMinor: totals.subtotalMinor, discountMinor: totals.discountMinor, taxMinor: totals.taxMinor, totalMinor: totals.totalMinor, taxMode: tax.taxMode, taxRateBp: tax.taxRateBp, currency: cart.currency },
  };
}
