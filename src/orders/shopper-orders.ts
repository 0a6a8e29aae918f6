import { Permission, requireAccess, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { orderView, shopperOrder } from './order-view.ts';
import { renderQr } from './pickup-code.ts';

interface ViewCtx { secret: string; publicUrl: string; slug: string }

/** The order page for its shopper. */
export async function shopperOrderView(db: Db, actor: Actor, orderId: string, token: string | undefined, ctx: ViewCtx) {
  const order = await shopperOrder(db, actor, ctx.secret, orderId, token);
  return orderView(db, order, { actor, ...ctx });
}

export async function customerOrders(db: Db, actor: Actor, ctx: ViewCtx, limit: number, offset: number) {
  requireAccess(actor, Permission.OrderReadOwn);
  if (actor.kind !== 'customer') throw new AppError('unauthenticated', 'Sign in to see your orders; guests use the link in their email');
  const orders = await db.selectFrom('orders').selectAll().where('merchant_id', '=', actor.merchantId).where('customer_id', '=', actor.customerId)
    .orderBy('created_at', 'desc').limit(limit).offset(offset).execute();
  return Promise.all(orders.map((o) => orderView(db, o, { actor, ...ctx })));
}

export async function shopperQr(db: Db, actor: Actor, secret: string, orderId: string, token: string | undefined, format: 'png' | 'svg') {
  const order = await shopperOrder(db, actor, secret, orderId, token);
  if (order.status !== 'ready_for_pickup' || !order.pickup_code) throw new AppError('not_found', 'The pickup QR exists once the order is ready for pickup');
  return renderQr(order.id, order.pickup_code, format);
}
