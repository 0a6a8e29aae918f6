import { Permission, requireAccess, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { storeOf } from './order.repository.ts';
import { OPEN_STATUSES } from './transitions.ts';

export type QueueBucket = 'new' | 'picking' | 'ready' | 'overdue';

/**
 * The store's pickup queue: new (placed, accepted), picking, ready, and overdue: not ready by the
 * promised preparation time, or ready but past the pick-up-by time.
 */
export async function pickupQueue(db: Db, actor: Actor, storeId: string, filter: { bucket?: QueueBucket; limit: number }) {
  requireAccess(actor, Permission.OrderRead, { storeIds: [storeId] });
  const store = await storeOf(db, actor.merchantId, storeId);
  if (!store) throw notFound('Store');
  const rows = await db.selectFrom('orders')
    .select(['id', 'number', 'status', 'fulfilment', 'channel', 'contact_name', 'total_minor', 'currency', 'pickup_by', 'ready_at', 'created_at', 'hold_expires_at'])
    .select((eb) => eb.selectFrom('order_lines').select((e) => e.fn.sum<number>('quantity').as('n'))
      .whereRef('order_lines.merchant_id', '=', 'orders.merchant_id').whereRef('order_lines.order_id', '=', 'orders.id').as('units'))
    .where('merchant_id', '=', actor.merchantId).where('store_id', '=', storeId)
    .where('status', 'in', OPEN_STATUSES.filter((s) => s !== 'awaiting_payment'))
    .orderBy('created_at').limit(2000).execute();
  const now = Date.now();
  const bucketOf = (o: (typeof rows)[number]): QueueBucket => {
    if (o.status === 'ready_for_pickup') return o.pickup_by && new Date(o.pickup_by).getTime() < now ? 'overdue' : 'ready';
    const promised = new Date(o.created_at).getTime() + store.pickup_prep_minutes * 60_000;
    if (promised < now) return 'overdue';
    return o.status === 'picking' ? 'picking' : 'new';
  };
  const all = rows.map((o) => ({
    id: o.id, number: o.number, status: o.status, bucket: bucketOf(o), fulfilment: o.fulfilment, channel: o.channel,
    customerName: o.contact_name, units: Number(o.units ?? 0), totalMinor: o.total_minor, currency: o.currency,
    pickupBy: o.pickup_by, readyAt: o.ready_at, placedAt: o.created_at,
    readyDueAt: new Date(new Date(o.created_at).getTime() + store.pickup_prep_minutes * 60_000),
  }));
  const counts = { new: 0, picking: 0, ready: 0, overdue: 0 };
  for (const o of all) counts[o.bucket]++;
  return { storeId, counts, items: all.filter((o) => !filter.bucket || o.bucket === filter.bucket).slice(0, filter.limit) };
}

/** What to fetch from the shelves: units per SKU over the given orders (or all accepted and picking ones). */
export async function pickList(db: Db, actor: Actor, storeId: string, orderIds?: string[]) {
  requireAccess(actor, Permission.OrderRead, { storeIds: [storeId] });
  let q = db.selectFrom('order_lines as l')
    .innerJoin('orders as o', (j) => j.onRef('o.merchant_id', '=', 'l.merchant_id').onRef('o.id', '=', 'l.order_id'))
    .select(['o.id as order_id', 'o.number', 'l.line_no', 'l.variant_id', 'l.sku', 'l.name', 'l.quantity', 'l.cancelled_quantity', 'l.collected_quantity'])
    .where('o.merchant_id', '=', actor.merchantId).where('o.store_id', '=', storeId);
  q = orderIds?.length ? q.where('o.id', 'in', orderIds) : q.where('o.status', 'in', ['accepted', 'picking']);
  const rows = await q.orderBy('l.sku').orderBy('o.created_at').execute();
  const bySku = new Map<string, { variantId: string; sku: string; name: string; units: number; orders: { orderId: string; number: string; lineNo: number; units: number }[] }>();
  for (const r of rows) {
    const units = r.quantity - r.cancelled_quantity - r.collected_quantity;
    if (units <= 0) continue;
    const item = bySku.get(r.sku) ?? { variantId: r.variant_id, sku: r.sku, name: r.name, units: 0, orders: [] };
    item.units += units;
    item.orders.push({ orderId: r.order_id, number: r.number, lineNo: r.line_no, units });
    bySku.set(r.sku, item);
  }
  return { storeId, items: [...bySku.values()] };
}
