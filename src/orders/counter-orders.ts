import { randomUUID } from 'node:crypto';
import { cardProvider, type CardDetails } from '../payments/provider.ts';
import { settlePayments } from '../payments/settlement.ts';
import { Permission, requireAccess, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel } from '../platform/outbox.ts';
import type { DeliveryAddress } from '../carts/cart.table.ts';
import { placedParts } from './checkout.ts';
import { requireStoreService } from './store-service.ts';
import { buildDrafts } from './drafts.ts';
import { findOrder, orderLines, storeOf } from './order.repository.ts';
import { merchantWithSettings } from './order-settings.ts';
import { handOverLines } from './order-stock.ts';
import { orderRowOf, placeInTransaction, placeOrders, type OrderDraft } from './placement.ts';
import { creditStore, recordReturn, type ReturnLineInput } from './returns.ts';
import { transition } from './transitions.ts';

const noDiscount = async () => ({ codes: [], discountMinor: 0 });
const tillPayment = (merchantId: string, d: OrderDraft, amount: number, reference?: string) => ({
  merchant_id: merchantId, id: randomUUID(), order_id: d.id, provider: 'till', method: 'pay_in_store' as const, status: 'captured' as const,
  amount_minor: amount, captured_minor: amount, currency: d.currency, provider_ref: null, card_last4: null, failure_reason: reference ?? null,
});

export interface EndlessAisleInput {
  lines: { variantId: string; quantity: number }[];
  fulfilment: 'pickup' | 'delivery';
  /** The store whose stock fills the order: any store of the shop. */
  fulfilFromStoreId: string;
  deliveryAddress?: DeliveryAddress;
  customer: { customerId?: string; name?: string; email?: string; phone?: string; locale?: string };
  payment: { method: 'card'; card: CardDetails } | { method: 'pay_in_store'; reference?: string };
}

/**
 * Endless aisle: an associate sells to the shopper in front of them from any store's stock, for home
 * delivery or pickup elsewhere. The order remembers the selling store (origin) for attribution.
 */
export async function createEndlessAisleOrder(db: Db, actor: Actor, storeId: string, input: EndlessAisleInput) {
  requireAccess(actor, Permission.OrderPlace, { storeIds: [storeId] });
  const merchantId = actor.merchantId;
  if (!(await storeOf(db, merchantId, storeId))) throw notFound('Store');
  const from = requireStoreService(await storeOf(db, merchantId, input.fulfilFromStoreId), input.fulfilFromStoreId, input.fulfilment);
  if (input.fulfilment === 'delivery' && !input.deliveryAddress) throw new AppError('validation', 'Home delivery needs a deliveryAddress');
  const customer = input.customer.customerId
    ? await db.selectFrom('customers').select(['id', 'name', 'email', 'phone', 'locale']).where('merchant_id', '=', merchantId).where('id', '=', input.customer.customerId).executeTakeFirst()
    : undefined;
  if (input.customer.customerId && !customer) throw new AppError('validation', 'Unknown customerId');
  const contact = { name: input.customer.name ?? customer?.name ?? '', email: input.customer.email ?? customer?.email ?? null, phone: input.customer.phone ?? customer?.phone ?? null };
  if (!contact.email && !contact.phone) throw new AppError('validation', 'Give the shopper\'s email or phone so they hear when the order is ready');
  const merged = new Map<string, number>();
  for (const l of input.lines) merged.set(l.variantId, (merged.get(l.variantId) ?? 0) + l.quantity);
  const lines = [...merged].map(([variantId, quantity]) => ({ variantId, quantity }));
  const { merchant } = await merchantWithSettings(db, merchantId);
  const [draft] = await buildDrafts(db, {
    merchant, lines, parts: [{ storeId: from.id, lines }], fulfilment: input.fulfilment, channel: 'store', customerId: customer?.id ?? null, cartId: null,
    contact, locale: input.customer.locale ?? customer?.locale ?? merchant.default_locale, deliveryAddress: input.deliveryAddress ?? null, originStoreId: storeId,
    discount: noDiscount,
  });
  if (input.payment.method === 'pay_in_store') {
    draft.payment = tillPayment(merchantId, draft, draft.totalMinor, input.payment.reference);
  } else {
    const paymentId = randomUUID();
    const result = await cardProvider().authorize(db, { merchantId, paymentId, amountMinor: draft.totalMinor, currency: draft.currency, card: input.payment.card });
    if (result.status !== 'authorized') {
      if (result.status === 'pending') await cardProvider().void(db, result.ref);
      throw new AppError('payment_declined', result.status === 'declined' ? `The card was declined (${result.reason.replaceAll('_', ' ')})` : 'Use a card that authorizes at once at the counter', { reason: result.status === 'declined' ? result.reason : 'needs_confirmation' });
    }
    draft.payment = { merchant_id: merchantId, id: paymentId, order_id: draft.id, provider: cardProvider().name, method: 'card', status: 'authorized', amount_minor: draft.totalMinor, currency: draft.currency, provider_ref: result.ref, card_last4: result.last4, failure_reason: null };
  }
  try {
    await placeOrders(db, { merchantId, actor, cartId: null, drafts: [draft] });
  } catch (err) {
    if (draft.payment.provider_ref) await cardProvider().void(db, draft.payment.provider_ref);
    throw err;
  }
  return (await placedParts(db, merchantId, [draft], actorLabel(actor), from))[0];
}

export interface ExchangeInput {
  orderId: string;
  returnLines: ReturnLineInput[];
  newLines: { variantId: string; quantity: number }[];
  /** Where a negative difference goes. */
  refundTo?: 'original' | 'store_credit';
  /** The till took the positive difference. */
  paidInStore?: { reference?: string };
  reason?: string;
}

/**
 * An exchange at the counter: the returned units come back (restocked, sent on or written off) and the
 * new ones leave this store's shelf in one transaction; the shopper pays or gets back the difference.
 */
export async function exchangeAtCounter(db: Db, actor: Actor, storeId: string, input: ExchangeInput) {
  requireAccess(actor, Permission.ReturnProcess, { storeIds: [storeId] });
  const merchantId = actor.merchantId;
  const original = await findOrder(db, merchantId, input.orderId);
  if (!original) throw notFound('Order');
  const { merchant, settings } = await merchantWithSettings(db, merchantId);
  const store = await storeOf(db, merchantId, storeId);
  if (!store) throw notFound('Store');
  const [draft] = await buildDrafts(db, {
    merchant, lines: input.newLines, parts: [{ storeId, lines: input.newLines }], fulfilment: 'pickup', channel: 'store', customerId: original.customer_id,
    cartId: null, contact: { name: original.contact_name, email: original.email, phone: original.phone }, locale: original.locale, deliveryAddress: null,
    originStoreId: storeId, discount: noDiscount,
  });
  let difference = 0;
  const result = await db.transaction().execute(async (trx) => {
    const ret = await recordReturn(trx, actor, storeId, {
      orderId: input.orderId, lines: input.returnLines, refundTo: input.refundTo ?? 'original', reason: input.reason ?? 'exchange', refundMethod: 'exchange',
      exchangeOrderId: draft.id,
      refundOf: (value) => {
        difference = draft.totalMinor - value;
        return difference >= 0 ? { method: 'exchange', minor: 0 } : { method: input.refundTo ?? 'original', minor: -difference };
      },
    }, settings);
    if (difference > 0 && !input.paidInStore) throw new AppError('validation', `The new items cost ${difference} more: take the difference at the till and send paidInStore`, { differenceMinor: difference });
    if (difference > 0) draft.payment = tillPayment(merchantId, draft, difference, input.paidInStore?.reference);
    const [failure] = await placeInTransaction(trx, merchantId, [{ merchantId, actor, cartId: null, drafts: [draft] }]);
    if (failure) throw failure;
    const row = orderRowOf(merchantId, draft, actorLabel(actor), new Date());
    const lines = await orderLines(trx, merchantId, draft.id);
    await handOverLines(trx, actor, row, lines, new Map(lines.map((l) => [l.line_no, l.quantity])));
    await transition(trx, actor, row, 'picked_up', { reason: 'exchange at the counter', data: { returnId: ret.returnId, exchangeFor: input.orderId } });
    if (difference < 0 && input.refundTo === 'store_credit') await creditStore(trx, actor, ret.order, -difference, { type: 'return', id: ret.returnId });
    return ret;
  });
  if (difference < 0 && (input.refundTo ?? 'original') === 'original') await settlePayments(db, merchantId, input.orderId);
  return { returnId: result.returnId, exchangeOrderId: draft.id, returnedValueMinor: result.valueMinor, newItemsMinor: draft.totalMinor, differenceMinor: difference, currency: draft.currency };
}
