import { Permission, requireAccess, isStaff, type Actor } from '../platform/access.ts';
import { signToken, verifyToken } from '../platform/crypto.ts';
import type { Executor } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { findOrder, orderLines, orderPayments, orderTransitions, storeOf } from './order.repository.ts';
import type { Order } from './transitions.ts';

const ORDER_TOKEN_TTL = 365 * 24 * 3600;

/** A guest's key to one order (order page, QR image): signed, so it needs no table. */
export const issueOrderToken = (secret: string, merchantId: string, orderId: string) => signToken({ t: 'order', m: merchantId, o: orderId }, secret, ORDER_TOKEN_TTL);

/** The shopper's own order: a customer's by account, a guest's by order token; anyone else gets 404. */
export async function shopperOrder(db: Executor, actor: Actor, secret: string, orderId: string, token?: string): Promise<Order> {
  requireAccess(actor, Permission.OrderReadOwn);
  const order = await findOrder(db, actor.merchantId, orderId);
  if (!order) throw notFound('Order');
  const claims = token ? verifyToken<{ t: string; m: string; o: string }>(token, secret) : null;
  const byToken = claims?.t === 'order' && claims.m === actor.merchantId && claims.o === orderId;
  const byCustomer = actor.kind === 'customer' && order.customer_id === actor.customerId;
  if (!byToken && !byCustomer) throw notFound('Order');
  return order;
}

/** A staff member's view of an order: any order of the merchant, if the order's store is theirs. */
export async function staffOrder(db: Executor, actor: Actor, orderId: string, storeId?: string): Promise<Order> {
  requireAccess(actor, Permission.OrderRead);
  const order = await findOrder(db, actor.merchantId, orderId);
  if (!order || (storeId && order.store_id !== storeId)) throw notFound('Order');
  requireAccess(actor, Permission.OrderRead, { storeIds: [order.store_id] });
  return order;
}

export const orderPageUrl = (publicUrl: string, slug: string, orderId: string, token: string) =>
  `${publicUrl}/orders/${orderId}?shop=${encodeURIComponent(slug)}&token=${encodeURIComponent(token)}`;
export const qrImageUrl = (publicUrl: string, slug: string, orderId: string, token: string) =>
  `${publicUrl}/v1/shop/${slug}/orders/${orderId}/qr.png?token=${encodeURIComponent(token)}`;

/**
 * The order as its audience sees it. The pickup code is shown only to the shopper, and only once
 * the order is ready: staff must get it from the shopper.
 */
export async function orderView(db: Executor, order: Order, audience: Audience) {
  const [lines, transitions, payments, store] = await Promise.all([
    orderLines(db, order.merchant_id, order.id), orderTransitions(db, order.merchant_id, order.id),
    orderPayments(db, order.merchant_id, order.id), storeOf(db, order.merchant_id, order.store_id),
  ]);
  return shapeOrder({ order, lines, transitions, payments, store }, audience);
}

type Audience = { actor: Actor; secret: string; publicUrl: string; slug?: string };
type Loaded<T extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<T>>;
export interface OrderParts {
  order: Order;
  lines: Loaded<typeof orderLines>;
  transitions: Loaded<typeof orderTransitions>;
  payments: Loaded<typeof orderPayments>;
  store: Loaded<typeof storeOf>;
}

/** The order's public shape, from its rows (read back, or just written by checkout). */
export function shapeOrder({ order, lines, transitions, payments, store }: OrderParts, audience: Audience) {
  const shopper = !isStaff(audience.actor);
  const token = issueOrderToken(audience.secret, order.merchant_id, order.id);
  const showCode = shopper && order.status === 'ready_for_pickup' && order.pickup_code !== null;
  return {
    id: order.id, number: order.number, status: order.status, channel: order.channel, fulfilment: order.fulfilment,
    store: store ? { id: store.id, code: store.code, name: store.name, address: [store.address_line1, store.city, store.postcode].filter(Boolean).join(', '), phone: store.phone, timezone: store.timezone } : null,
    originStoreId: order.origin_store_id, customerId: order.customer_id, splitGroup: order.split_group,
    currency: order.currency, taxMode: order.tax_mode,
    totals: { subtotalMinor: order.subtotal_minor, discountMinor: order.discount_minor, taxMinor: order.tax_minor, totalMinor: order.total_minor },
    codes: order.coupon_codes,
    contact: { name: order.contact_name, email: order.email, phone: order.phone },
    deliveryAddress: order.delivery_address,
    lines: lines.map((l) => ({
      lineNo: l.line_no, variantId: l.variant_id, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceMinor: l.unit_price_minor,
      discountMinor: l.discount_minor, taxMinor: l.tax_minor, totalMinor: l.total_minor, returnable: l.returnable,
      collectedQuantity: l.collected_quantity, cancelledQuantity: l.cancelled_quantity, returnedQuantity: l.returned_quantity,
    })),
    payments: payments.map((p) => ({ id: p.id, method: p.method, status: p.status, amountMinor: p.amount_minor, capturedMinor: p.captured_minor, refundedMinor: p.refunded_minor, cardLast4: p.card_last4 })),
    pickup: {
      code: showCode ? order.pickup_code : null,
      qrUrl: showCode && audience.slug ? qrImageUrl(audience.publicUrl, audience.slug, order.id, token) : null,
      pickupBy: order.pickup_by, readyAt: order.ready_at,
    },
    holdExpiresAt: order.hold_expires_at,
    history: transitions.map((t) => ({ from: t.from_status, to: t.to_status, by: t.actor, reason: t.reason, at: t.created_at })),
    createdAt: order.created_at, updatedAt: order.updated_at,
    ...(shopper ? { accessToken: token } : {}),
  };
}
