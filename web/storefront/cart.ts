import { useSyncExternalStore } from 'react';
import { ApiError } from '@shared/api.ts';
import { api, shopPath, SHOP } from './shop.ts';

export interface CartLine {
  variantId: string; sku: string; name: string; quantity: number; unitPriceMinor: number; listPriceMinor: number;
  compareAtMinor: number | null; sellable: boolean; grossMinor: number; discountMinor: number; taxMinor: number; totalMinor: number;
}
export interface Cart {
  id: string; status: string; currency: string; customerId: string | null; token?: string;
  fulfilment: { type: 'pickup' | 'reserve_pay_in_store' | 'delivery'; storeId: string | null; deliveryAddress: unknown };
  lines: CartLine[];
  codes: { code: string; applies: boolean; discountMinor: number; reason?: string }[];
  totals: { subtotalMinor: number; discountMinor: number; taxMinor: number; totalMinor: number; taxMode: string; taxRateBp: number; currency: string };
  /** Stock held for this cart at a store while the shopper pays. */
  hold?: { storeId: string; expiresAt: string; lines: { variantId: string; quantity: number }[] } | null;
}
export interface StoreChoice { storeId: string; code: string; name: string; city: string; distanceKm: number | null }
export interface FulfilmentOptions {
  pickup: StoreChoice[]; reservePayInStore: StoreChoice[]; delivery: StoreChoice[]; shortAt: StoreChoice | null;
  shortLines: { variantId: string; requested: number; available: number; nearestStore: StoreChoice | null }[];
  split: { storeId: string; lines: { variantId: string; quantity: number }[] }[] | null;
}

// The cart lives on the server; the browser keeps its id and the guest token that proves it.
const KEY = `footfall.cart.${SHOP}`;
interface Saved { id: string; token?: string; count: number }
function read(): Saved | null {
  try { return JSON.parse(localStorage.getItem(KEY) ?? 'null'); } catch { return null; }
}
let saved = read();
const listeners = new Set<() => void>();
function write(next: Saved | null) {
  saved = next;
  try {
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
  } catch { /* kept for this page only */ }
  listeners.forEach((l) => l());
}

export function useCartCount(): number {
  return useSyncExternalStore((l) => { listeners.add(l); return () => { listeners.delete(l); }; }, () => saved?.count ?? 0);
}

const headers = () => (saved?.token ? { 'x-cart-token': saved.token } : undefined);
const path = (p = '') => shopPath(`/carts/${saved!.id}${p}`);

function remember(cart: Cart): Cart {
  write({ id: cart.id, token: cart.token ?? saved?.token, count: cart.lines.reduce((n, l) => n + l.quantity, 0) });
  return cart;
}

export function forgetCart() {
  write(null);
}

async function ensureCart(key: string): Promise<void> {
  if (saved) return;
  remember(await api.post<Cart>(shopPath('/carts'), undefined, { idempotencyKey: `${key}-cart` }));
}

/** Runs a cart call; a cart that is gone (checked out, expired) is replaced by a new one once. */
async function withCart<T>(key: string, call: () => Promise<T>): Promise<T> {
  await ensureCart(key);
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 401 || err.code === 'cart_closed')) {
      write(null);
      await ensureCart(`${key}-again`);
      return call();
    }
    throw err;
  }
}

export async function loadCart(signal?: AbortSignal): Promise<Cart | null> {
  if (!saved) return null;
  try {
    return remember(await api.request<Cart>('GET', path(), { headers: headers(), signal }));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 401 || err.status === 403)) { write(null); return null; }
    throw err;
  }
}

export const addToCart = (key: string, variantId: string, quantity: number) =>
  withCart(key, async () => remember(await api.request<Cart>('POST', path('/lines'), { body: { variantId, quantity }, headers: headers(), idempotencyKey: key })));
export const setQuantity = async (variantId: string, quantity: number) =>
  remember(await api.request<Cart>('PATCH', path(`/lines/${variantId}`), { body: { quantity }, headers: headers() }));
export const setFulfilment = async (type: Cart['fulfilment']['type'], storeId?: string) =>
  remember(await api.request<Cart>('PUT', path('/fulfilment'), { body: { type, ...(storeId ? { storeId } : {}) }, headers: headers() }));
/** Holds the cart's items at its store for the shop's hold time, then answers the cart with its hold. */
export async function holdStock(key: string): Promise<Cart> {
  await api.request('POST', path('/hold'), { headers: headers(), idempotencyKey: key });
  return remember(await api.request<Cart>('GET', path(), { headers: headers() }));
}
export const addCode = async (key: string, code: string) =>
  remember(await api.request<Cart>('POST', path('/codes'), { body: { code }, headers: headers(), idempotencyKey: key }));
export const removeCode = async (code: string) =>
  remember(await api.request<Cart>('DELETE', path(`/codes/${encodeURIComponent(code)}`), { headers: headers() }));
export const fulfilmentOptions = (near: { lat: number; lng: number } | null, signal?: AbortSignal) =>
  api.request<FulfilmentOptions>('GET', path('/fulfilment-options'), { query: near ?? undefined, headers: headers(), signal });
export const cartToken = () => saved?.token;
export const cartId = () => saved?.id;
