import { Permission, requireAccess, type Actor } from '../platform/access.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { findOrderByNumber } from './order.repository.ts';
import { orderView, staffOrder } from './order-view.ts';
import { checkDeviceLimit, codesMatch, normalizeCode, parseQrPayload, recordDeviceFailure } from './pickup-code.ts';

export async function staffOrderView(ctx: AppContext, actor: Actor, storeId: string, orderId: string) {
  requireAccess(actor, Permission.OrderRead, { storeIds: [storeId] });
  const order = await staffOrder(ctx.db, actor, orderId, storeId);
  return orderView(ctx.db, order, { actor, secret: ctx.config.secret, publicUrl: ctx.config.publicUrl });
}

/**
 * A return's first step: the online order by the number on the shopper's receipt or email, whichever
 * store it came from, since it may be returned at any store. Only staff who take returns here may look.
 */
export async function orderForReturn(ctx: AppContext, actor: Actor, storeId: string, number: string) {
  requireAccess(actor, Permission.ReturnProcess, { storeIds: [storeId] });
  const order = await findOrderByNumber(ctx.db, actor.merchantId, number.trim().toUpperCase());
  if (!order) throw notFound('Order');
  return orderView(ctx.db, order, { actor, secret: ctx.config.secret, publicUrl: ctx.config.publicUrl });
}

/** The counter's first step: a typed code or scanned QR finds the ready order at this store. */
export async function lookupPickup(ctx: AppContext, actor: Actor, storeId: string, input: { code?: string; qr?: string }, device: string) {
  requireAccess(actor, Permission.OrderFulfil, { storeIds: [storeId] });
  checkDeviceLimit(device);
  const scanned = input.qr ? parseQrPayload(input.qr) : null;
  if (input.qr && !scanned) throw new AppError('validation', 'That QR code is not a Footfall pickup code');
  const code = scanned?.code ?? input.code;
  if (!code) throw new AppError('validation', 'Give the pickup code or the scanned QR');
  let q = ctx.db.selectFrom('orders').select(['id', 'pickup_code']).where('merchant_id', '=', actor.merchantId).where('store_id', '=', storeId)
    .where('status', '=', 'ready_for_pickup').where('pickup_code', '=', normalizeCode(code));
  if (scanned) q = q.where('id', '=', scanned.orderId);
  const found = await q.executeTakeFirst();
  if (!found || !codesMatch(found.pickup_code, code)) {
    recordDeviceFailure(device);
    throw new AppError('wrong_pickup_code', 'No order ready at this store has that pickup code');
  }
  return staffOrderView(ctx, actor, storeId, found.id);
}
