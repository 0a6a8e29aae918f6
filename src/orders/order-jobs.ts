import { sql } from 'kysely';
import { systemActor } from '../platform/access.ts';
import type { AppContext } from '../platform/context.ts';
import { emitEvent } from '../platform/outbox.ts';
import { settlePayments, unsettledOrders } from '../payments/settlement.ts';
import { lockOrder, orderLines } from './order.repository.ts';
import { notifyShopper } from './order-notify.ts';
import { merchantWithSettings } from './order-settings.ts';
import { releaseLines } from './order-stock.ts';
import { transition } from './transitions.ts';

const BATCH = 200;

/**
 * Card holds past their time: extended while the bank is still working (up to the merchant's maximum),
 * otherwise the order is cancelled, its stock released and the authorization voided.
 */
export async function expireHolds(ctx: AppContext): Promise<number> {
  const due = await ctx.db.selectFrom('orders').select(['merchant_id', 'id']).where('status', '=', 'awaiting_payment')
    .where('hold_expires_at', '<', new Date()).orderBy('hold_expires_at').limit(BATCH).execute();
  let done = 0;
  for (const { merchant_id: merchantId, id } of due) {
    const { settings } = await merchantWithSettings(ctx.db, merchantId);
    const actor = systemActor(merchantId);
    const released = await ctx.db.transaction().execute(async (trx) => {
      const order = await lockOrder(trx, merchantId, id);
      if (!order || order.status !== 'awaiting_payment' || !order.hold_expires_at || new Date(order.hold_expires_at) >= new Date()) return false;
      const pending = await trx.selectFrom('payments').select('id').where('merchant_id', '=', merchantId).where('order_id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      const deadline = new Date(order.created_at).getTime() + settings.maxHoldMinutes * 60_000;
      if (pending && Date.now() < deadline) {
        const until = new Date(Math.min(deadline, Date.now() + settings.holdMinutes * 60_000));
        await trx.updateTable('orders').set({ hold_expires_at: until, updated_at: new Date() }).where('merchant_id', '=', merchantId).where('id', '=', id).execute();
        await emitEvent(trx, merchantId, 'order.hold_extended', { orderId: id, number: order.number, until: until.toISOString() });
        return false;
      }
      await releaseLines(trx, actor, order, await orderLines(trx, merchantId, id));
      await transition(trx, actor, order, 'cancelled', { reason: 'payment hold expired', set: { hold_expires_at: null } });
      await emitEvent(trx, merchantId, 'order.hold_expired', { orderId: id, number: order.number, storeId: order.store_id });
      return true;
    });
    if (released) {
      await settlePayments(ctx.db, merchantId, id);
      done++;
    }
  }
  return done;
}

/**
 * Orders not collected by their pick-up-by time (ready pickup orders, and unpaid reserve-and-pay
 * orders past the collection window) become no-shows: stock back on the shelf, payment voided.
 */
export async function expireUncollected(ctx: AppContext): Promise<number> {
  const due = await ctx.db.selectFrom('orders').select(['merchant_id', 'id'])
    .where('status', 'in', ['placed', 'accepted', 'picking', 'ready_for_pickup']).where('fulfilment', '!=', 'delivery')
    .where('pickup_by', '<', new Date()).orderBy('pickup_by').limit(BATCH).execute();
  let done = 0;
  for (const { merchant_id: merchantId, id } of due) {
    const actor = systemActor(merchantId);
    const expired = await ctx.db.transaction().execute(async (trx) => {
      const order = await lockOrder(trx, merchantId, id);
      if (!order || !order.pickup_by || new Date(order.pickup_by) >= new Date() || !['placed', 'accepted', 'picking', 'ready_for_pickup'].includes(order.status)) return false;
      await releaseLines(trx, actor, order, await orderLines(trx, merchantId, id));
      const closed = await transition(trx, actor, order, 'no_show', { reason: 'not collected by the pick-up-by time', set: { pickup_code: null } });
      await notifyShopper(trx, { secret: ctx.config.secret, publicUrl: ctx.config.publicUrl }, closed, 'order.no_show');
      return true;
    });
    if (expired) {
      await settlePayments(ctx.db, merchantId, id);
      done++;
    }
  }
  return done;
}

/** Payments out of step with their orders (a process died between commit and the provider call). */
export async function reconcilePayments(ctx: AppContext): Promise<number> {
  const rows = await unsettledOrders(ctx.db, BATCH);
  for (const r of rows) await settlePayments(ctx.db, r.merchant_id, r.order_id);
  return rows.length;
}

/** Abandoned guest carts are closed after 30 days so the open-cart index stays small. */
export async function abandonStaleCarts(ctx: AppContext): Promise<number> {
  const r = await ctx.db.updateTable('carts').set({ status: 'abandoned', updated_at: new Date() })
    .where('status', '=', 'open').where('updated_at', '<', sql<Date>`now() - interval '30 days'`).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
