import { systemActor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { audit, emitEvent } from '../platform/outbox.ts';
import { lockOrder, orderLines } from '../orders/order.repository.ts';
import { releaseLines } from '../orders/order-stock.ts';
import { transition } from '../orders/transitions.ts';
import { settlePayments } from './settlement.ts';

/**
 * The bank's late answer for a pending card payment. Authorized in time: the held order is placed.
 * Failed: the order is cancelled and its stock released. Too late (the hold already lapsed): the
 * authorization is voided, so the shopper is not charged for stock that went to someone else.
 */
export async function confirmPayment(db: Db, providerName: string, ref: string, succeeded: boolean): Promise<'placed' | 'cancelled' | 'voided' | 'ignored'> {
  const payment = await db.selectFrom('payments').selectAll().where('provider', '=', providerName).where('provider_ref', '=', ref).executeTakeFirst();
  if (!payment) return 'ignored';
  const actor = systemActor(payment.merchant_id);
  const outcome = await db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, payment.merchant_id, payment.order_id);
    const current = await trx.selectFrom('payments').select('status').where('merchant_id', '=', payment.merchant_id).where('id', '=', payment.id).forUpdate().executeTakeFirstOrThrow();
    if (!order || current.status !== 'pending') return 'ignored' as const;
    const mark = (status: 'authorized' | 'failed' | 'voided', reason: string | null) =>
      trx.updateTable('payments').set({ status, failure_reason: reason, updated_at: new Date() }).where('merchant_id', '=', payment.merchant_id).where('id', '=', payment.id).execute();
    await emitEvent(trx, payment.merchant_id, succeeded ? 'payment.authorized' : 'payment.failed', { paymentId: payment.id, orderId: order.id, amountMinor: payment.amount_minor, currency: payment.currency });
    if (order.status !== 'awaiting_payment') {
      // Authorized after the hold lapsed: leave it authorized so settlement voids it against the closed order.
      await mark(succeeded ? 'authorized' : 'failed', succeeded ? null : 'declined by the bank');
      await audit(trx, actor, 'payment.late_confirmation', { type: 'payment', id: payment.id }, { orderStatus: order.status });
      return succeeded ? 'voided' as const : 'ignored' as const;
    }
    if (succeeded) {
      await mark('authorized', null);
      await transition(trx, actor, order, 'placed', { reason: 'payment confirmed', set: { hold_expires_at: null } });
      return 'placed' as const;
    }
    await mark('failed', 'declined by the bank');
    await releaseLines(trx, actor, order, await orderLines(trx, order.merchant_id, order.id));
    await transition(trx, actor, order, 'cancelled', { reason: 'payment declined', set: { hold_expires_at: null } });
    return 'cancelled' as const;
  });
  if (outcome === 'voided') await settlePayments(db, payment.merchant_id, payment.order_id);
  return outcome;
}
