import { api } from './session.ts';

export interface QueueItem {
  id: string; number: string; status: string; bucket: 'new' | 'picking' | 'ready' | 'overdue'; fulfilment: string; channel: string;
  customerName: string; units: number; totalMinor: number; currency: string; pickupBy: string | null; readyAt: string | null; placedAt: string;
}
export interface Queue { storeId: string; counts: Record<'new' | 'picking' | 'ready' | 'overdue', number>; items: QueueItem[] }
export interface PickList { items: { variantId: string; sku: string; name: string; units: number; orders: { orderId: string; number: string; lineNo: number; units: number }[] }[] }
export interface StaffOrder {
  id: string; number: string; status: string; fulfilment: string; currency: string; channel: string;
  store: { id: string; name: string } | null;
  contact: { name: string; email: string | null; phone: string | null };
  totals: { totalMinor: number; discountMinor: number; taxMinor: number; subtotalMinor: number };
  lines: { lineNo: number; variantId: string; sku: string; name: string; quantity: number; unitPriceMinor: number; totalMinor: number; collectedQuantity: number; cancelledQuantity: number; returnedQuantity: number; returnable: boolean }[];
  payments: { id: string; method: string; status: string; amountMinor: number; cardLast4: string | null }[];
  pickup: { code: string | null; pickupBy: string | null; readyAt: string | null };
  history: { from: string | null; to: string; by: string; at: string }[];
  createdAt: string;
}

const base = (storeId: string) => `/v1/staff/stores/${storeId}`;
export const getQueue = (storeId: string, signal?: AbortSignal) => api.request<Queue>('GET', `${base(storeId)}/pickup-queue`, { signal });
export const getPickList = (storeId: string, orderIds: string[], signal?: AbortSignal) =>
  api.request<PickList>('GET', `${base(storeId)}/pick-list${orderIds.length ? `?${orderIds.map((id) => `orderId=${id}`).join('&')}` : ''}`, { signal });
export const getOrder = (storeId: string, id: string, signal?: AbortSignal) => api.request<StaffOrder>('GET', `${base(storeId)}/orders/${id}`, { signal });
export const orderStep = (key: string, storeId: string, id: string, step: 'accept' | 'start-picking' | 'ready' | 'cancel', body?: unknown) =>
  api.post<StaffOrder>(`${base(storeId)}/orders/${id}/${step}`, body, { idempotencyKey: key });
export const lookupPickup = (key: string, storeId: string, input: { code?: string; qr?: string }) =>
  api.post<StaffOrder>(`${base(storeId)}/pickups/lookup`, input, { idempotencyKey: key });
export const handOver = (key: string, storeId: string, id: string, body: { code: string; lines?: { lineNo: number; quantity: number }[]; paidInStore?: { reference?: string } }) =>
  api.post<StaffOrder>(`${base(storeId)}/orders/${id}/handover`, body, { idempotencyKey: key });
