import type { Actor } from '../platform/access.ts';
import type { Trx } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { actorLabel, audit, emitEvent } from '../platform/outbox.ts';
import type { OrderStatus, OrderTable } from './order.table.ts';
import type { Selectable } from 'kysely';
import { voidRedemptionsForOrder } from '../promotions/basket.ts';

export type Order = Selectable<OrderTable>;

interface Rule {
  to: OrderStatus;
  /** Returns why the move is refused, or null when allowed. */
  guard?: (order: Order, actor: Actor) => string | null;
}

const atStore = (o: Order) => (o.fulfilment === 'delivery' ? 'A delivery order is shipped, not handed over at a store' : null);
const delivered = (o: Order) => (o.fulfilment !== 'delivery' ? 'Only delivery orders are shipped' : null);
// Shoppers may change their mind until the store starts picking; after that only the store cancels.
const storeOnly = (_o: Order, a: Actor) => (a.kind === 'customer' || a.kind === 'guest' ? 'The store is already preparing this order; ask the store to cancel it' : null);

// Only an order made and handed over at the same counter (an exchange) skips preparation.
const counterSale = (o: Order) => (o.channel === 'store' && o.origin_store_id === o.store_id && o.fulfilment === 'pickup' ? null : 'The store prepares this order before handing it over');

/** The order lifecycle, Vendure-style: the only moves there are, each with its guard. */
export const TRANSITIONS: Record<OrderStatus, Rule[]> = {
  awaiting_payment: [{ to: 'placed' }, { to: 'cancelled' }],
  placed: [{ to: 'accepted' }, { to: 'picked_up', guard: counterSale }, { to: 'cancelled' }, { to: 'no_show', guard: atStore }],
  accepted: [{ to: 'picking' }, { to: 'cancelled' }, { to: 'no_show', guard: atStore }],
  picking: [{ to: 'ready_for_pickup', guard: atStore }, { to: 'shipped', guard: delivered }, { to: 'cancelled', guard: storeOnly }, { to: 'no_show', guard: atStore }],
  ready_for_pickup: [{ to: 'picked_up' }, { to: 'no_show' }, { to: 'cancelled', guard: storeOnly }],
  shipped: [{ to: 'delivered' }],
  picked_up: [],
  delivered: [],
  cancelled: [],
  no_show: [],
};

export const OPEN_STATUSES: OrderStatus[] = ['awaiting_payment', 'placed', 'accepted', 'picking', 'ready_for_pickup'];
export const isClosed = (s: OrderStatus) => TRANSITIONS[s].length === 0;

/** Refuses a move that is not in the table or whose guard objects; nothing is written then. */
export function assertTransition(order: Order, to: OrderStatus, actor: Actor): void {
  const rule = TRANSITIONS[order.status].find((r) => r.to === to);
  if (!rule) {
    throw new AppError('invalid_transition', `An order that is ${order.status.replaceAll('_', ' ')} cannot become ${to.replaceAll('_', ' ')}`, { from: order.status, to });
  }
  const refusal = rule.guard?.(order, actor);
  if (refusal) throw new AppError('invalid_transition', refusal, { from: order.status, to });
}

/**
 * Moves the (locked) order to a new state in the caller's transaction, recording who and when in
 * order_transitions, the audit log and an `order.<state>` event.
 */
export async function transition(
  trx: Trx, actor: Actor, order: Order, to: OrderStatus,
  options: { reason?: string | null; data?: Record<string, unknown>; set?: Partial<Record<keyof OrderTable, unknown>> } = {},
): Promise<Order> {
  assertTransition(order, to, actor);
  const now = new Date();
  const closes = isClosed(to);
  await trx.updateTable('orders').set({ ...(options.set as object), status: to, updated_at: now, ...(closes ? { closed_at: now } : {}) })
    .where('merchant_id', '=', order.merchant_id).where('id', '=', order.id).execute();
  await trx.insertInto('order_transitions').values({
    merchant_id: order.merchant_id, order_id: order.id, from_status: order.status, to_status: to, actor: actorLabel(actor),
    reason: options.reason ?? null, data: JSON.stringify(options.data ?? {}),
  }).execute();
  // An order that ends without a sale gives its coupon codes back.
  if (to === 'cancelled' || to === 'no_show') await voidRedemptionsForOrder(trx, order.merchant_id, order.id, `order ${to.replace('_', '-')}`, actor);
  await audit(trx, actor, `order.${to}`, { type: 'order', id: order.id }, { from: order.status, reason: options.reason ?? null, ...options.data });
  await emitEvent(trx, order.merchant_id, `order.${to}`, {
    orderId: order.id, number: order.number, storeId: order.store_id, from: order.status, to, by: actorLabel(actor), at: now.toISOString(),
    reason: options.reason ?? null, customerId: order.customer_id, fulfilment: order.fulfilment, channel: order.channel, ...options.data,
  });
  return { ...order, ...(options.set as object), status: to, updated_at: now } as Order;
}
