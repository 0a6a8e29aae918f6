import { Permission, requireAccess, type Actor } from '../platform/access.ts';
import type { Db, Trx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit, emitEvent } from '../platform/outbox.ts';
import { settlePayments } from '../payments/settlement.ts';
import { randomUUID } from 'node:crypto';
import { lockOrder, orderLines } from './order.repository.ts';
import { notifyShopper, type NotifyContext } from './order-notify.ts';
import { merchantWithSettings } from './order-settings.ts';
import { handOverLines, outstanding, payableMinor, releaseLines, type OrderLine } from './order-stock.ts';
import { checkDeviceLimit, codesMatch, MAX_WRONG_CODES_PER_ORDER, newPickupCode, recordDeviceFailure } from './pickup-code.ts';
import { assertTransition, transition } from './transitions.ts';
import type { OrderStatus } from './order.table.ts';

export interface OpsContext extends NotifyContext { db: Db }

/** Locks the order (of this store, if given) for a change by this actor; 404 for another store's order id. */
async function lockedOrder(trx: Trx, actor: Actor, orderId: string, storeId: string | null) {
  const order = await lockOrder(trx, actor.merchantId, orderId);
  if (!order || (storeId && order.store_id !== storeId)) throw notFound('Order');
  return { order, lines: await orderLines(trx, actor.merchantId, orderId) };
}

/** A plain step of the store's work (accept, start picking, delivered): state change only. */
export async function advanceOrder(ctx: OpsContext, actor: Actor, storeId: string, orderId: string, to: Extract<OrderStatus, 'accepted' | 'picking' | 'delivered'>) {
  requireAccess(actor, Permission.OrderFulfil, { storeIds: [storeId] });
  await ctx.db.transaction().execute(async (trx) => {
    const { order } = await lockedOrder(trx, actor, orderId, storeId);
    await transition(trx, actor, order, to);
  });
}

/** Picked and bagged: the shopper gets the pickup code, its QR and the pick-up-by time. */
export async function markReady(ctx: OpsContext, actor: Actor, storeId: string, orderId: string) {
  requireAccess(actor, Permission.OrderFulfil, { storeIds: [storeId] });
  const { settings } = await merchantWithSettings(ctx.db, actor.merchantId);
  await ctx.db.transaction().execute(async (trx) => {
    const { order } = await lockedOrder(trx, actor, orderId, storeId);
    const now = new Date();
    // A reserve-and-pay order keeps the collection window it was promised, if that is later.
    const windowEnd = new Date(now.getTime() + settings.pickupWindowHours * 3600_000);
    const pickupBy = order.fulfilment === 'reserve_pay_in_store' && order.pickup_by && new Date(order.pickup_by) > windowEnd ? new Date(order.pickup_by) : windowEnd;
    const ready = await transition(trx, actor, order, 'ready_for_pickup', { set: { pickup_code: newPickupCode(), pickup_code_failures: 0, pickup_by: pickupBy, ready_at: now }, data: { pickupBy: pickupBy.toISOString() } });
    await notifyShopper(trx, ctx, ready, 'order.ready_for_pickup');
  });
}

export interface HandoverInput {
  code: string;
  /** Units the shopper takes per line; lines left out are not taken (cancelled and back on the shelf). Omitted: everything. */
  lines?: { lineNo: number; quantity: number }[];
  /** The till took payment for a reserve-and-pay-in-store order. */
  paidInStore?: { reference?: string };
  device: string;
}

function takenQuantities(lines: OrderLine[], requested?: { lineNo: number; quantity: number }[]): Map<number, number> {
  if (!requested) return new Map(lines.map((l) => [l.line_no, outstanding(l)]));
  const taken = new Map<number, number>();
  for (const r of requested) {
    const line = lines.find((l) => l.line_no === r.lineNo);
    if (!line) throw new AppError('validation', `Order has no line ${r.lineNo}`);
    if (!Number.isInteger(r.quantity) || r.quantity < 0 || r.quantity > outstanding(line)) throw new AppError('validation', `Line ${r.lineNo}: between 0 and ${outstanding(line)} units can be handed over`);
    taken.set(r.lineNo, r.quantity);
  }
  if ([...taken.values()].every((q) => q === 0)) throw new AppError('validation', 'Hand over at least one unit, or cancel the order instead');
  return taken;
}

/**
 * The handover at the counter: the code must match this order (single use; wrong codes are counted
 * per order and per device), the reserved units leave as a sale, untaken units go back on the shelf.
 */
export async function handOver(ctx: OpsContext, actor: Actor, storeId: string, orderId: string, input: HandoverInput) {
  requireAccess(actor, Permission.OrderFulfil, { storeIds: [storeId] });
  checkDeviceLimit(input.device);
  const wrong = await ctx.db.transaction().execute(async (trx) => {
    const { order, lines } = await lockedOrder(trx, actor, orderId, storeId);
    assertTransition(order, 'picked_up', actor);
    if (order.pickup_code_failures >= MAX_WRONG_CODES_PER_ORDER) {
      throw new AppError('pickup_code_locked', 'Too many wrong codes for this order; a manager must check the shopper\'s identity and reset it');
    }
    if (!codesMatch(order.pickup_code, input.code)) return order;
    if (order.fulfilment === 'reserve_pay_in_store' && !input.paidInStore) throw new AppError('validation', 'This order is paid at the till: record the payment (paidInStore) with the handover');
    const taken = takenQuantities(lines, input.lines);
    await handOverLines(trx, actor, order, lines, taken);
    const after = await orderLines(trx, actor.merchantId, orderId);
    const released = await releaseLines(trx, actor, order, after);
    const collected = await orderLines(trx, actor.merchantId, orderId);
    if (input.paidInStore) {
      await trx.insertInto('payments').values({
        merchant_id: actor.merchantId, id: randomUUID(), order_id: orderId, provider: 'till', method: 'pay_in_store', status: 'captured',
        amount_minor: payableMinor(collected, 'collected'), captured_minor: payableMinor(collected, 'collected'), currency: order.currency,
        provider_ref: null, card_last4: null, failure_reason: input.paidInStore.reference ?? null,
      }).execute();
    }
    await transition(trx, actor, order, 'picked_up', {
      set: { pickup_code: null }, reason: released > 0 ? 'partial pickup' : null,
      data: { taken: Object.fromEntries(taken), returnedToShelf: released, amountMinor: payableMinor(collected, 'collected') },
    });
    return null;
  });
  if (wrong) {
    // Counted in its own transaction so the attempt is remembered although the handover is refused.
    await ctx.db.updateTable('orders').set((eb) => ({ pickup_code_failures: eb('pickup_code_failures', '+', 1) }))
      .where('merchant_id', '=', actor.merchantId).where('id', '=', orderId).execute();
    recordDeviceFailure(input.device);
    await audit(ctx.db, actor, 'order.pickup_code_rejected', { type: 'order', id: orderId });
    throw new AppError('wrong_pickup_code', 'That pickup code does not belong to this order', { attemptsLeft: Math.max(0, MAX_WRONG_CODES_PER_ORDER - wrong.pickup_code_failures - 1) });
  }
  await settlePayments(ctx.db, actor.merchantId, orderId);
}

/** A manager who has checked the shopper's identity unlocks an order locked by wrong codes. */
export async function resetPickupCode(ctx: OpsContext, actor: Actor, storeId: string, orderId: string) {
  requireAccess(actor, Permission.OrderManage, { storeIds: [storeId] });
  await ctx.db.transaction().execute(async (trx) => {
    const { order } = await lockedOrder(trx, actor, orderId, storeId);
    if (order.status !== 'ready_for_pickup') throw new AppError('invalid_transition', 'Only a ready order has a pickup code');
    const fresh = { ...order, pickup_code: newPickupCode(), pickup_code_failures: 0 };
    await trx.updateTable('orders').set({ pickup_code: fresh.pickup_code, pickup_code_failures: 0, updated_at: new Date() }).where('merchant_id', '=', actor.merchantId).where('id', '=', orderId).execute();
    await audit(trx, actor, 'order.pickup_code_reset', { type: 'order', id: orderId });
    await notifyShopper(trx, ctx, fresh, 'order.ready_for_pickup');
  });
}

/** A delivery order leaves the store: its reserved units go out as a sale and the card is captured. */
export async function shipOrder(ctx: OpsContext, actor: Actor, storeId: string, orderId: string, input: { carrier?: string; trackingNumber?: string }) {
  requireAccess(actor, Permission.OrderFulfil, { storeIds: [storeId] });
  await ctx.db.transaction().execute(async (trx) => {
    const { order, lines } = await lockedOrder(trx, actor, orderId, storeId);
    assertTransition(order, 'shipped', actor);
    await handOverLines(trx, actor, order, lines, new Map(lines.map((l) => [l.line_no, outstanding(l)])));
    await transition(trx, actor, order, 'shipped', { data: { carrier: input.carrier ?? null, trackingNumber: input.trackingNumber ?? null } });
  });
  await settlePayments(ctx.db, actor.merchantId, orderId);
}

export interface CancelInput { reason?: string; lines?: { lineNo: number; quantity: number }[] }

/**
 * Cancels some units or the whole order, by the shopper (before picking) or the store. Cancelled units
 * go back on the shelf at once; the card is charged only for what the shopper takes.
 */
export async function cancelOrder(ctx: OpsContext, actor: Actor, orderId: string, input: CancelInput, scope: { storeId?: string } = {}) {
  if (scope.storeId) requireAccess(actor, Permission.OrderFulfil, { storeIds: [scope.storeId] });
  else requireAccess(actor, actor.kind === 'customer' || actor.kind === 'guest' ? Permission.OrderPlace : Permission.OrderManage);
  await ctx.db.transaction().execute(async (trx) => {
    const { order, lines } = await lockedOrder(trx, actor, orderId, scope.storeId ?? null);
    assertTransition(order, 'cancelled', actor);
    const partial = input.lines ? takenQuantities(lines, input.lines) : undefined;
    const remainingAfter = lines.reduce((a, l) => a + outstanding(l) - (partial ? partial.get(l.line_no) ?? 0 : outstanding(l)), 0);
    const released = await releaseLines(trx, actor, order, lines, partial ?? new Map(lines.map((l) => [l.line_no, outstanding(l)])));
    if (remainingAfter > 0) {
      await audit(trx, actor, 'order.lines_cancelled', { type: 'order', id: orderId }, { lines: input.lines, reason: input.reason ?? null });
      await emitEvent(trx, actor.merchantId, 'order.lines_cancelled', { orderId, number: order.number, storeId: order.store_id, lines: input.lines, units: released, reason: input.reason ?? null });
      return;
    }
    const cancelled = await transition(trx, actor, order, 'cancelled', { reason: input.reason ?? (actor.kind === 'customer' || actor.kind === 'guest' ? 'cancelled by shopper' : 'cancelled by store') });
    await notifyShopper(trx, ctx, cancelled, 'order.cancelled', { reason: input.reason ?? '' });
  });
  await settlePayments(ctx.db, actor.merchantId, orderId);
}
