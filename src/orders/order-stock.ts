import { applyMovements } from '../inventory/movements.ts';
import { actorLabel } from '../platform/outbox.ts';
import type { Actor } from '../platform/access.ts';
import type { Trx } from '../platform/db.ts';
import type { OrderLineTable } from './order.table.ts';
import type { Selectable } from 'kysely';
import { setLineQuantities } from './order.repository.ts';
import type { Order } from './transitions.ts';

export type OrderLine = Selectable<OrderLineTable>;
/** Units of a line still held for the shopper: neither handed over nor cancelled. */
export const outstanding = (l: OrderLine) => l.quantity - l.collected_quantity - l.cancelled_quantity;

/** Cancels units of lines (all outstanding units when no quantities are given) and releases their reservation. */
export async function releaseLines(trx: Trx, actor: Actor, order: Order, lines: OrderLine[], quantities?: Map<number, number>): Promise<number> {
  const moves = lines
    .map((l) => ({ line: l, q: Math.min(quantities ? quantities.get(l.line_no) ?? 0 : outstanding(l), outstanding(l)) }))
    .filter((x) => x.q > 0);
  for (const { line, q } of moves) await setLineQuantities(trx, order.merchant_id, order.id, line.line_no, { cancelled: line.cancelled_quantity + q });
  await applyMovements(trx, order.merchant_id, moves.map(({ line, q }) => ({
    storeId: order.store_id, variantId: line.variant_id, type: 'release' as const, quantity: q, refType: 'order', refId: order.id,
  })), { actor: actorLabel(actor) });
  return moves.reduce((a, m) => a + m.q, 0);
}

/** Hands units over to the shopper: reserved stock leaves the store as a sale. */
export async function handOverLines(trx: Trx, actor: Actor, order: Order, lines: OrderLine[], quantities: Map<number, number>): Promise<void> {
  const moves = lines.map((l) => ({ line: l, q: quantities.get(l.line_no) ?? 0 })).filter((x) => x.q > 0);
  for (const { line, q } of moves) await setLineQuantities(trx, order.merchant_id, order.id, line.line_no, { collected: line.collected_quantity + q });
  await applyMovements(trx, order.merchant_id, moves.map(({ line, q }) => ({
    storeId: order.store_id, variantId: line.variant_id, type: 'sale' as const, quantity: q, fromReservation: true, refType: 'order', refId: order.id,
  })), { actor: actorLabel(actor) });
}

/** What the shopper owes for the units they took (or will take): each line's total pro rata. */
export function payableMinor(lines: OrderLine[], which: 'collected' | 'kept'): number {
  return lines.reduce((sum, l) => {
    const units = which === 'collected' ? l.collected_quantity : l.quantity - l.cancelled_quantity;
    return sum + Math.round((l.total_minor * units) / l.quantity);
  }, 0);
}
