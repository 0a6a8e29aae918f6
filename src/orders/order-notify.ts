import type { Executor } from '../platform/db.ts';
import { queueMessage } from '../notifications/notification.service.ts';
import { issueOrderToken, orderPageUrl, qrImageUrl } from './order-view.ts';
import { storeOf } from './order.repository.ts';
import type { Order } from './transitions.ts';

export interface NotifyContext { secret: string; publicUrl: string }

const formatInstant = (at: Date | string | null, locale: string, timeZone: string) => {
  if (!at) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
  } catch {
    return new Date(at).toISOString();
  }
};

/** Queues the shopper's email and/or SMS about an order, in the same transaction as the change. */
export async function notifyShopper(trx: Executor, ctx: NotifyContext, order: Order, template: string, extra: Record<string, unknown> = {}) {
  if (!order.email && !order.phone) return;
  const [store, merchant] = await Promise.all([
    storeOf(trx, order.merchant_id, order.store_id),
    trx.selectFrom('merchants').select(['slug']).where('id', '=', order.merchant_id).executeTakeFirstOrThrow(),
  ]);
  const token = issueOrderToken(ctx.secret, order.merchant_id, order.id);
  const data = {
    orderNumber: order.number, storeName: store?.name ?? '', storeAddress: [store?.address_line1, store?.city].filter(Boolean).join(', '),
    pickupCode: order.pickup_code, pickupBy: formatInstant(order.pickup_by, order.locale, store?.timezone ?? 'UTC'),
    orderUrl: orderPageUrl(ctx.publicUrl, merchant.slug, order.id, token),
    qrUrl: order.pickup_code ? qrImageUrl(ctx.publicUrl, merchant.slug, order.id, token) : null,
    ...extra,
  };
  const related = { type: 'order', id: order.id };
  if (order.email) await queueMessage(trx, order.merchant_id, { channel: 'email', to: order.email, template, locale: order.locale, data, related });
  if (order.phone) await queueMessage(trx, order.merchant_id, { channel: 'sms', to: order.phone, template, locale: order.locale, data, related });
}
