import { randomUUID } from 'node:crypto';
import { applyMovements, type MovementInput } from '../inventory/movements.ts';
import { Permission, requireAccess, type Actor } from '../platform/access.ts';
import type { Db, Trx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel, audit, emitEvent } from '../platform/outbox.ts';
import { settlePayments } from '../payments/settlement.ts';
import { lockOrder, orderLines, setLineQuantities, storeOf } from './order.repository.ts';
import { merchantWithSettings, type OrderSettings } from './order-settings.ts';
import type { OrderLine } from './order-stock.ts';
import type { Order } from './transitions.ts';

export type Disposition = 'restock' | 'transfer' | 'damaged';
export interface ReturnLineInput { lineNo: number; quantity: number; disposition: Disposition; transferToStoreId?: string }
export interface ReturnInput { orderId: string; lines: ReturnLineInput[]; refundTo: 'original' | 'store_credit'; reason?: string }

const DAY = 86_400_000;

/** Merchant policy: the return window from handover, non-returnable items, and never more than was taken. */
function checkPolicy(order: Order, lines: OrderLine[], input: ReturnLineInput[], settings: OrderSettings) {
  if (order.status !== 'picked_up' && order.status !== 'delivered') throw new AppError('return_not_allowed', 'Only collected or delivered orders can be returned', { status: order.status });
  const since = order.closed_at ?? order.updated_at;
  if (Date.now() - new Date(since).getTime() > settings.returnWindowDays * DAY) {
    throw new AppError('return_not_allowed', `The ${settings.returnWindowDays}-day return window for this order has closed`, { reason: 'window_closed' });
  }
  const seen = new Set<number>();
  return input.map((r) => {
    const line = lines.find((l) => l.line_no === r.lineNo);
    if (!line || seen.has(r.lineNo)) throw new AppError('validation', `Order has no line ${r.lineNo}, or it is listed twice`);
    seen.add(r.lineNo);
    if (!line.returnable || settings.nonReturnableSkus.includes(line.sku)) throw new AppError('return_not_allowed', `${line.sku} cannot be returned`, { reason: 'non_returnable', sku: line.sku });
    const left = line.collected_quantity - line.returned_quantity;
    if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > left) throw new AppError('validation', `Line ${r.lineNo}: between 1 and ${left} units can be returned`);
    if (r.disposition === 'transfer' && !r.transferToStoreId) throw new AppError('validation', `Line ${r.lineNo}: say which store to send it to (transferToStoreId)`);
    return { line, input: r, refundMinor: Math.round((line.total_minor * r.quantity) / line.quantity) };
  });
}

/** Units come back at this store; then stay, travel on to another store, or are written off. */
function returnMovements(order: Order, storeId: string, returnId: string, checked: ReturnType<typeof checkPolicy>): MovementInput[] {
  const ref = { refType: 'return', refId: returnId };
  return checked.flatMap(({ line, input }) => {
    const back: MovementInput = { storeId, variantId: line.variant_id, type: 'return', quantity: input.quantity, reason: `return of order ${order.number}`, ...ref };
    if (input.disposition === 'damaged') return [back, { storeId, variantId: line.variant_id, type: 'damage', quantity: input.quantity, reason: 'returned damaged', ...ref }];
    if (input.disposition === 'transfer') {
      return [back, { storeId, variantId: line.variant_id, type: 'transfer_out', quantity: input.quantity, reason: 'returned item sent on', ...ref },
        { storeId: input.transferToStoreId!, variantId: line.variant_id, type: 'in_transit', quantity: input.quantity, reason: 'returned item on its way', ...ref }];
    }
    return [back];
  });
}

export async function creditStore(trx: Trx, actor: Actor, order: Order, amountMinor: number, ref: { type: string; id: string }) {
  if (!order.customer_id) throw new AppError('return_not_allowed', 'Store credit needs a customer account; refund to the original payment instead', { reason: 'guest_order' });
  await trx.insertInto('store_credit_entries').values({
    merchant_id: order.merchant_id, customer_id: order.customer_id, amount_minor: amountMinor, currency: order.currency,
    reason: `refund for order ${order.number}`, ref_type: ref.type, ref_id: ref.id, actor: actorLabel(actor),
  }).execute();
  await emitEvent(trx, order.merchant_id, 'store_credit.issued', { customerId: order.customer_id, amountMinor, currency: order.currency, orderId: order.id });
}

/** Records a return inside a transaction; the caller decides what the refund becomes. */
export async function recordReturn(
  trx: Trx, actor: Actor, storeId: string,
  input: ReturnInput & { refundMethod: 'original' | 'store_credit' | 'exchange'; exchangeOrderId?: string | null; refundOf?: (valueMinor: number) => { method: 'original' | 'store_credit' | 'exchange'; minor: number } },
  settings: OrderSettings,
) {
  const order = await lockOrder(trx, actor.merchantId, input.orderId);
  if (!order) throw notFound('Order');
  const lines = await orderLines(trx, actor.merchantId, order.id);
  const checked = checkPolicy(order, lines, input.lines, settings);
  for (const t of input.lines.filter((l) => l.transferToStoreId)) {
    const dest = await storeOf(trx, actor.merchantId, t.transferToStoreId!);
    if (!dest || t.transferToStoreId === storeId) throw new AppError('validation', 'transferToStoreId must be another store of this shop');
  }
  const returnId = randomUUID();
  const valueMinor = checked.reduce((a, c) => a + c.refundMinor, 0);
  // The money paid out: the goods' value for a plain return, only the difference for an exchange.
  const refund = input.refundOf ? input.refundOf(valueMinor) : { method: input.refundMethod, minor: valueMinor };
  const refundMinor = refund.minor;
  await trx.insertInto('returns').values({
    merchant_id: actor.merchantId, id: returnId, order_id: order.id, store_id: storeId, refund_method: refund.method, refund_minor: refundMinor,
    exchange_order_id: input.exchangeOrderId ?? null, reason: input.reason ?? '', actor: actorLabel(actor),
  }).execute();
  await trx.insertInto('return_lines').values(checked.map((c) => ({
    merchant_id: actor.merchantId, return_id: returnId, line_no: c.line.line_no, quantity: c.input.quantity, disposition: c.input.disposition,
    transfer_to_store_id: c.input.transferToStoreId ?? null, refund_minor: c.refundMinor,
  }))).execute();
  for (const c of checked) await setLineQuantities(trx, actor.merchantId, order.id, c.line.line_no, { returned: c.line.returned_quantity + c.input.quantity });
  await applyMovements(trx, actor.merchantId, returnMovements(order, storeId, returnId, checked), { actor: actorLabel(actor) });
  await audit(trx, actor, 'order.returned', { type: 'order', id: order.id }, { returnId, storeId, refundMinor, refundMethod: refund.method });
  await emitEvent(trx, actor.merchantId, 'order.returned', {
    orderId: order.id, number: order.number, returnId, storeId, orderStoreId: order.store_id, refundMinor, currency: order.currency, refundMethod: refund.method,
    lines: checked.map((c) => ({ sku: c.line.sku, variantId: c.line.variant_id, quantity: c.input.quantity, disposition: c.input.disposition })),
  });
  return { order, returnId, refundMinor, valueMinor };
}

/**
 * A return at any store, whether or not it stocks the item: the units are restocked here, sent to
 * another store or written off, and the money goes back to the original payment or to store credit.
 */
export async function returnOrder(db: Db, actor: Actor, storeId: string, input: ReturnInput) {
  requireAccess(actor, Permission.ReturnProcess, { storeIds: [storeId] });
  const store = await storeOf(db, actor.merchantId, storeId);
  if (!store || store.status !== 'active') throw notFound('Store');
  const { settings } = await merchantWithSettings(db, actor.merchantId);
  const result = await db.transaction().execute(async (trx) => {
    const r = await recordReturn(trx, actor, storeId, { ...input, refundMethod: input.refundTo }, settings);
    if (input.refundTo === 'store_credit') await creditStore(trx, actor, r.order, r.refundMinor, { type: 'return', id: r.returnId });
    return r;
  });
  if (input.refundTo === 'original') await settlePayments(db, actor.merchantId, input.orderId);
  return { returnId: result.returnId, orderId: input.orderId, refundMinor: result.refundMinor, currency: result.order.currency, refundTo: input.refundTo };
}

/** A customer's store credit: staff may look anyone up, a customer only themselves. */
export async function storeCreditBalance(db: Db, actor: Actor, customerId: string) {
  if (actor.kind === 'customer') {
    requireAccess(actor, Permission.CustomerSelf);
    if (actor.customerId !== customerId) throw notFound('Customer');
  } else requireAccess(actor, Permission.CustomerRead);
  const merchantId = actor.merchantId;
  const rows = await db.selectFrom('store_credit_entries').select(['currency', (eb) => eb.fn.sum<number>('amount_minor').as('balance')])
    .where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).groupBy('currency').execute();
  return rows.map((r) => ({ currency: r.currency, balanceMinor: Number(r.balance) }));
}
