import { sql } from 'kysely';
import type { Db } from '../platform/db.ts';
import { orderLines, orderPayments, findOrder } from '../orders/order.repository.ts';
import { payableMinor } from '../orders/order-stock.ts';
import { providerNamed } from './provider.ts';

/**
 * Brings an order's payments in line with its state, after the state change committed: a closed
 * order without goods handed over voids or refunds; a collected or shipped order captures what the
 * shopper took and voids the rest; returns refunded to the original payment are paid back. Safe to
 * repeat: the reconcile job calls it after a crash.
 */
export async function settlePayments(db: Db, merchantId: string, orderId: string): Promise<void> {
  const order = await findOrder(db, merchantId, orderId);
  if (!order) return;
  const payments = await orderPayments(db, merchantId, orderId);
  if (payments.length === 0) return;
  const lines = await orderLines(db, merchantId, orderId);
  const takesGoods = order.status === 'picked_up' || order.status === 'shipped' || order.status === 'delivered';
  const dropsGoods = order.status === 'cancelled' || order.status === 'no_show';
  const mark = (id: string, changes: Record<string, unknown>) =>
    db.updateTable('payments').set({ ...changes, updated_at: new Date() }).where('merchant_id', '=', merchantId).where('id', '=', id).execute();
  for (const p of payments) {
    if (p.method === 'pay_in_store' && dropsGoods && p.status === 'captured' && p.captured_minor > p.refunded_minor) {
      // Paid at a till and never handed over: the money goes back at the till.
      await mark(p.id, { status: 'refunded', refunded_minor: p.captured_minor });
      continue;
    }
    if (p.method !== 'card' || !p.provider_ref) continue;
    const provider = providerNamed(p.provider);
    if (dropsGoods && (p.status === 'authorized' || p.status === 'pending')) {
      await provider.void(db, p.provider_ref);
      await mark(p.id, { status: 'voided' });
    } else if (dropsGoods && p.status === 'captured' && p.captured_minor > p.refunded_minor) {
      await provider.refund(db, p.provider_ref, p.captured_minor - p.refunded_minor);
      await mark(p.id, { status: 'refunded', refunded_minor: p.captured_minor });
    } else if (takesGoods && p.status === 'authorized') {
      const amount = Math.min(p.amount_minor, order.status === 'picked_up' ? payableMinor(lines, 'collected') : payableMinor(lines, 'kept'));
      if (amount > 0) {
        await provider.capture(db, p.provider_ref, amount);
        await mark(p.id, { status: 'captured', captured_minor: amount });
        p.status = 'captured';
        p.captured_minor = amount;
      } else {
        await provider.void(db, p.provider_ref);
        await mark(p.id, { status: 'voided' });
      }
    }
  }
  if (takesGoods) await refundReturns(db, merchantId, orderId, payments.filter((p) => p.status === 'captured'), mark);
}

/** Pays back returns refunded to the original payment: the card through its provider, a till payment at the till. */
async function refundReturns(
  db: Db, merchantId: string, orderId: string,
  captured: Awaited<ReturnType<typeof orderPayments>>, mark: (id: string, changes: Record<string, unknown>) => Promise<unknown>,
) {
  const owed = Number((await db.selectFrom('returns').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('refund_minor'), sql<number>`0`).as('n'))
    .where('merchant_id', '=', merchantId).where('order_id', '=', orderId).where('refund_method', '=', 'original').executeTakeFirstOrThrow()).n);
  let due = owed - captured.reduce((a, p) => a + p.refunded_minor, 0);
  for (const p of captured.sort((a, b) => (a.method === 'card' ? -1 : 0) - (b.method === 'card' ? -1 : 0))) {
    const amount = Math.min(due, p.captured_minor - p.refunded_minor);
    if (amount <= 0) continue;
    if (p.method === 'card' && p.provider_ref) await providerNamed(p.provider).refund(db, p.provider_ref, amount);
    await mark(p.id, { refunded_minor: p.refunded_minor + amount, ...(p.refunded_minor + amount === p.captured_minor ? { status: 'refunded' } : {}) });
    due -= amount;
  }
}

/** Orders whose payments are out of step with their state (e.g. the process died after commit). */
export async function unsettledOrders(db: Db, limit = 200) {
  const r = await sql<{ merchant_id: string; order_id: string }>`
    select distinct p.merchant_id, p.order_id from payments p
    join orders o on o.merchant_id = p.merchant_id and o.id = p.order_id
    where p.method = 'card' and (
      (p.status in ('authorized', 'pending') and o.status in ('cancelled', 'no_show', 'picked_up', 'shipped', 'delivered'))
      or (p.status = 'captured' and p.refunded_minor < p.captured_minor and o.status in ('cancelled', 'no_show')))
    union
    select r.merchant_id, r.order_id from returns r where r.refund_method = 'original'
    group by r.merchant_id, r.order_id
    having sum(r.refund_minor) > (select coalesce(sum(p.refunded_minor), 0) from payments p where p.merchant_id = r.merchant_id and p.order_id = r.order_id)
    limit ${limit}`.execute(db);
  return r.rows;
}
