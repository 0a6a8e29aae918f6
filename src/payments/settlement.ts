import { sql } from 'kysely';
import type { Db } from '../platform/db.ts';
import { orderLines, orderPayments, findOrder } from '../orders/order.repository.ts';
import { payableMinor } from '../orders/order-stock.ts';
import { providerNamed } from './provider.ts';

/**
 * Brings an order's card payments in line with its state, after the state change committed:
 * a closed order without goods handed over voids or refunds; a collected or shipped order captures
 * what the shopper took and voids the rest. Safe to repeat: the reconcile job calls it after a crash.
 */
export async function settlePayments(db: Db, merchantId: string, orderId: string): Promise<void> {
  const order = await findOrder(db, merchantId, orderId);
  if (!order) return;
  const payments = (await orderPayments(db, merchantId, orderId)).filter((p) => p.method === 'card');
  if (payments.length === 0) return;
  const lines = await orderLines(db, merchantId, orderId);
  const takesGoods = order.status === 'picked_up' || order.status === 'shipped' || order.status === 'delivered';
  const dropsGoods = order.status === 'cancelled' || order.status === 'no_show';
  for (const p of payments) {
    if (!p.provider_ref) continue;
    const provider = providerNamed(p.provider);
    const mark = (changes: Record<string, unknown>) =>
      db.updateTable('payments').set({ ...changes, updated_at: new Date() }).where('merchant_id', '=', merchantId).where('id', '=', p.id).execute();
    if (dropsGoods && (p.status === 'authorized' || p.status === 'pending')) {
      await provider.void(db, p.provider_ref);
      await mark({ status: 'voided' });
    } else if (dropsGoods && p.status === 'captured' && p.captured_minor > p.refunded_minor) {
      await provider.refund(db, p.provider_ref, p.captured_minor - p.refunded_minor);
      await mark({ status: 'refunded', refunded_minor: p.captured_minor });
    } else if (takesGoods && p.status === 'authorized') {
      const amount = Math.min(p.amount_minor, order.status === 'picked_up' ? payableMinor(lines, 'collected') : payableMinor(lines, 'kept'));
      if (amount > 0) {
        await provider.capture(db, p.provider_ref, amount);
        await mark({ status: 'captured', captured_minor: amount });
      } else {
        await provider.void(db, p.provider_ref);
        await mark({ status: 'voided' });
      }
    }
  }
}

/** Orders whose card payments are out of step with their state (e.g. the process died after commit). */
export async function unsettledOrders(db: Db, limit = 200) {
  const r = await sql<{ merchant_id: string; order_id: string }>`
    select distinct p.merchant_id, p.order_id from payments p
    join orders o on o.merchant_id = p.merchant_id and o.id = p.order_id
    where p.method = 'card' and (
      (p.status in ('authorized', 'pending') and o.status in ('cancelled', 'no_show', 'picked_up', 'shipped', 'delivered'))
      or (p.status = 'captured' and p.refunded_minor < p.captured_minor and o.status in ('cancelled', 'no_show')))
    limit ${limit}`.execute(db);
  return r.rows;
}
