import { randomInt, randomUUID } from 'node:crypto';
import { applyMovements, freeUnitsOf, levelKey, lockLevels } from '../inventory/movements.ts';
import { actorLabel } from '../platform/outbox.ts';
import type { Actor } from '../platform/access.ts';
import type { Db, Trx } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { DeliveryAddress, Fulfilment } from '../carts/cart.table.ts';
import type { PaymentTable } from '../payments/payment.table.ts';
import { coalesced } from '../platform/coalesce.ts';
import { allot, deleteHolds, lockCartsWithHolds, releasesOf, type LockedCart } from './cart-holds.ts';
import { insertPlacedRows } from './order.repository.ts';
import type { Insertable } from 'kysely';
import type { Order } from './transitions.ts';
import type { OrderLine } from './order-stock.ts';
import { redeemCodesForOrder, type BasketCodesInput } from '../promotions/basket.ts';

export interface DraftLine {
  lineNo: number; variantId: string; sku: string; name: string; quantity: number;
  unitPriceMinor: number; discountMinor: number; taxMinor: number; totalMinor: number; returnable: boolean;
}

export interface OrderDraft {
  id: string; number: string; cartId: string | null; customerId: string | null; channel: 'web' | 'store';
  fulfilment: Fulfilment; storeId: string; originStoreId: string | null; status: 'awaiting_payment' | 'placed';
  currency: string; taxMode: 'inclusive' | 'exclusive'; subtotalMinor: number; discountMinor: number; taxMinor: number; totalMinor: number;
  codes: string[]; contactName: string; email: string | null; phone: string | null; locale: string;
  deliveryAddress: DeliveryAddress | null; holdExpiresAt: Date | null; pickupBy: Date | null; splitGroup: string | null;
  lines: DraftLine[];
  payment: Insertable<PaymentTable> | null;
}

/** One shopper's checkout: all of its orders are placed, or none. */
export interface PlacementRequest {
  merchantId: string; actor: Actor; cartId: string | null; drafts: OrderDraft[];
  /** Coupon codes to redeem with the order, in the same transaction (once, whatever the split). */
  basket?: BasketCodesInput | null;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const randomCode = (length: number) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
export const newOrderNumber = () => `FF-${randomCode(4)}-${randomCode(4)}`;

/**
 * Places many checkouts in ONE transaction (group commit): carts and stock levels are locked once in a
 * fixed order, stock is allotted in arrival order, and each checkout gets its own orders, reservations
 * and payment rows, or its own error. The order and its reservation commit together or not at all.
 */
export async function placeInTransaction(trx: Trx, merchantId: string, requests: PlacementRequest[]): Promise<(AppError | null)[]> {
  const results: (AppError | null)[] = requests.map(() => null);
  const cartIds = requests.map((r) => r.cartId).filter((c): c is string => c !== null);
  const carts = cartIds.length ? await lockCartsWithHolds(trx, merchantId, cartIds) : new Map<string, LockedCart>();
  const seen = new Set<string>();
  requests.forEach((r, i) => {
    if (!r.cartId) return;
    if (carts.get(r.cartId)?.status !== 'open' || seen.has(r.cartId)) results[i] = new AppError('cart_closed', 'This cart has already been checked out', { cartId: r.cartId });
    seen.add(r.cartId);
  });

  const ownHolds = (r: PlacementRequest) => (r.cartId ? carts.get(r.cartId)?.holds ?? [] : []);
  const levels = await lockLevels(trx, merchantId, requests.flatMap((r) => [
    ...r.drafts.flatMap((d) => d.lines.map((l) => ({ storeId: d.storeId, variantId: l.variantId }))),
    ...ownHolds(r),
  ]));
  const free = freeUnitsOf(levels);

  requests.forEach((r, i) => {
    if (results[i]) return;
    const need = new Map<string, number>();
    for (const d of r.drafts) for (const l of d.lines) need.set(levelKey(d.storeId, l.variantId), (need.get(levelKey(d.storeId, l.variantId)) ?? 0) + l.quantity);
    // The cart's own hold is the stock it is entitled to: it turns into the order's reservation.
    const short = allot(free, ownHolds(r), need);
    if (!short) return;
    const line = r.drafts.flatMap((d) => d.lines.map((l) => ({ d, l }))).find(({ d, l }) => levelKey(d.storeId, l.variantId) === short.key)!;
    results[i] = new AppError('out_of_stock', `Not enough stock of SKU ${line.l.sku} at the chosen store: ${short.have} available, ${short.need} needed`,
      { sku: line.l.sku, variantId: line.l.variantId, storeId: line.d.storeId, available: short.have, requested: line.l.quantity });
  });

  const placed = requests.filter((_, i) => !results[i]);
  if (placed.length === 0) return results;
  const drafts = placed.flatMap((r) => r.drafts.map((d) => ({ d, r })));
  const now = new Date();
  await insertPlacedRows(trx, merchantId, {
    orders: drafts.map(({ d, r }) => orderRowOf(merchantId, d, actorLabel(r.actor), now)),
    lines: drafts.flatMap(({ d }) => lineRowsOf(merchantId, d)),
    transitions: drafts.map(({ d, r }) => ({ merchant_id: merchantId, order_id: d.id, from_status: null, to_status: d.status, actor: actorLabel(r.actor), reason: 'checkout' })),
    payments: drafts.flatMap(({ d }) => (d.payment ? [{ captured_minor: 0, refunded_minor: 0, provider_ref: null, card_last4: null, failure_reason: null, created_at: now, updated_at: now, ...d.payment }] : [])),
    // The same rows emitEvent and audit would write, for the whole batch at once.
    events: drafts.map(({ d, r }) => ({
      merchant_id: merchantId, id: randomUUID(), type: `order.${d.status}`,
      payload: { orderId: d.id, number: d.number, storeId: d.storeId, from: null, to: d.status, by: actorLabel(r.actor), at: now.toISOString(),
        customerId: d.customerId, fulfilment: d.fulfilment, channel: d.channel, totalMinor: d.totalMinor, currency: d.currency, codes: d.codes, cartId: d.cartId,
        lines: d.lines.map((l) => ({ variantId: l.variantId, sku: l.sku, quantity: l.quantity, totalMinor: l.totalMinor })) },
    })),
    audits: drafts.map(({ d, r }) => ({ merchant_id: merchantId, actor: actorLabel(r.actor), action: `order.${d.status}`, subject_type: 'order', subject_id: d.id, data: { storeId: d.storeId, totalMinor: d.totalMinor } })),
    convertedCartIds: placed.map((r) => r.cartId).filter((c): c is string => c !== null),
  });
  const heldBefore = placed.filter((r) => ownHolds(r).length > 0);
  if (heldBefore.length) await deleteHolds(trx, merchantId, heldBefore.map((r) => r.cartId!));
  await applyMovements(trx, merchantId, [
    ...heldBefore.flatMap((r) => releasesOf(r.cartId!, ownHolds(r))),
    ...drafts.flatMap(({ d }) => d.lines.map((l) => ({
      storeId: d.storeId, variantId: l.variantId, type: 'reservation' as const, quantity: l.quantity, refType: 'order', refId: d.id,
    }))),
  ], { actor: placed.length === 1 ? actorLabel(placed[0].actor) : 'checkout', locked: levels });
  for (const r of placed) {
    if (r.basket?.codes.length) await redeemCodesForOrder(trx, merchantId, { ...r.basket, orderRef: r.drafts[0].id, actor: r.actor });
  }
  return results;
}

/** The order row a draft becomes, as the database will hold it. */
export function orderRowOf(merchantId: string, d: OrderDraft, createdBy: string, now: Date): Order {
  return {
    merchant_id: merchantId, id: d.id, number: d.number, cart_id: d.cartId, customer_id: d.customerId, channel: d.channel,
    fulfilment: d.fulfilment, store_id: d.storeId, origin_store_id: d.originStoreId, status: d.status, currency: d.currency, tax_mode: d.taxMode,
    subtotal_minor: d.subtotalMinor, discount_minor: d.discountMinor, tax_minor: d.taxMinor, total_minor: d.totalMinor, coupon_codes: d.codes,
    contact_name: d.contactName, email: d.email, phone: d.phone, locale: d.locale, delivery_address: d.deliveryAddress, pickup_code: null,
    pickup_code_failures: 0, pickup_by: d.pickupBy, hold_expires_at: d.holdExpiresAt, ready_at: null, closed_at: null, split_group: d.splitGroup,
    created_by: createdBy, created_at: now, updated_at: now,
  };
}

export function lineRowsOf(merchantId: string, d: OrderDraft): OrderLine[] {
  return d.lines.map((l) => ({
    merchant_id: merchantId, order_id: d.id, line_no: l.lineNo, variant_id: l.variantId, sku: l.sku, name: l.name, quantity: l.quantity,
    unit_price_minor: l.unitPriceMinor, discount_minor: l.discountMinor, tax_minor: l.taxMinor, total_minor: l.totalMinor, returnable: l.returnable,
    collected_quantity: 0, cancelled_quantity: 0, returned_quantity: 0,
  }));
}

// Batches of one merchant overlap their round trips; they lock carts, then stock, each in key order, so
// two batches wanting the same rows queue on them instead of deadlocking. Each checkout's answer is its
// refusal or null; one checkout's unexpected failure is retried alone so it never fails its neighbours.
const placeBatch = coalesced(
  (db: Db, merchantId: string, requests: PlacementRequest[]) => db.transaction().execute((trx) => placeInTransaction(trx, merchantId, requests)),
  { inFlight: 3, maxBatch: 128, retrySingly: true },
);

/**
 * Places a checkout, batched with the other checkouts of the same merchant waiting in this process
 * (group commit), so a hot stock row is locked once per batch instead of once per order, and a busy
 * shop pays for one transaction per batch.
 */
export async function placeOrders(db: Db, request: PlacementRequest): Promise<void> {
  const refused = await placeBatch(db, request.merchantId, request);
  if (refused) throw refused;
}
