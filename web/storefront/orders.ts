import { api, shopPath, SHOP } from './shop.ts';

export interface Order {
  id: string; number: string; status: string; channel: string; fulfilment: string;
  store: { id: string; code: string; name: string; address: string; timezone: string } | null;
  currency: string;
  totals: { subtotalMinor: number; discountMinor: number; taxMinor: number; totalMinor: number };
  codes: string[];
  contact: { name: string; email: string | null; phone: string | null };
  lines: { lineNo: number; variantId: string; sku: string; name: string; quantity: number; unitPriceMinor: number; totalMinor: number; collectedQuantity: number; cancelledQuantity: number; returnedQuantity: number }[];
  payments: { id: string; method: string; status: string; amountMinor: number; cardLast4: string | null }[];
  pickup: { code: string | null; qrUrl: string | null; pickupBy: string | null; readyAt: string | null };
  history: { from: string | null; to: string; by: string; at: string }[];
  createdAt: string;
  accessToken?: string;
}

// A guest sees their orders again on this device with the order's access token.
const KEY = `footfall.orders.${SHOP}`;
export function rememberOrder(order: Order) {
  if (!order.accessToken) return;
  try {
    const all = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    all[order.id] = order.accessToken;
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch { /* not remembered */ }
}
export function orderToken(id: string): string | undefined {
  try { return JSON.parse(localStorage.getItem(KEY) ?? '{}')[id]; } catch { return undefined; }
}
export function guestOrderIds(): string[] {
  try { return Object.keys(JSON.parse(localStorage.getItem(KEY) ?? '{}')); } catch { return []; }
}

export function getOrder(id: string, signal?: AbortSignal) {
  const token = new URLSearchParams(location.search).get('token') ?? orderToken(id);
  return api.request<Order>('GET', shopPath(`/orders/${id}`), { headers: token ? { 'x-order-token': token } : undefined, signal });
}
export function myOrders(signal?: AbortSignal) {
  return api.request<{ items: Order[] }>('GET', shopPath('/orders'), { signal, query: { limit: 50 } }).then((r) => r.items);
}
export function cancelOrder(key: string, id: string) {
  const token = orderToken(id);
  return api.request<Order>('POST', shopPath(`/orders/${id}/cancel`), { body: {}, headers: token ? { 'x-order-token': token } : undefined, idempotencyKey: key });
}
