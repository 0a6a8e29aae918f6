import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, storeScope, Permission, type Actor } from '../platform/access.ts';
import type { Db, Executor, Trx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel, audit, emitEvent } from '../platform/outbox.ts';
import { applyMovements, type MovementInput } from './movements.ts';
import type { TransferStatus } from './inventory.table.ts';

/** Transfer lifecycle: requested → shipped → received, or cancelled before it ships. */
const TRANSITIONS: Record<TransferStatus, TransferStatus[]> = {
  requested: ['shipped', 'cancelled'],
  shipped: ['received'],
  received: [],
  cancelled: [],
};

function checkTransition(from: TransferStatus, to: TransferStatus) {
  if (!TRANSITIONS[from].includes(to)) throw new AppError('invalid_transition', `A ${from} transfer cannot be ${to}`);
}

export async function transferView(db: Executor, merchantId: string, id: string) {
  const t = await db.selectFrom('stock_transfers as t')
    .innerJoin('stores as f', (j) => j.onRef('f.merchant_id', '=', 't.merchant_id').onRef('f.id', '=', 't.from_store_id'))
    .innerJoin('stores as d', (j) => j.onRef('d.merchant_id', '=', 't.merchant_id').onRef('d.id', '=', 't.to_store_id'))
    .selectAll('t').select(['f.code as from_code', 'd.code as to_code'])
    .where('t.merchant_id', '=', merchantId).where('t.id', '=', id).executeTakeFirst();
  if (!t) throw notFound('Transfer');
  const lines = await db.selectFrom('stock_transfer_lines as l')
    .innerJoin('variants as v', (j) => j.onRef('v.merchant_id', '=', 'l.merchant_id').onRef('v.id', '=', 'l.variant_id'))
    .select(['l.variant_id', 'v.sku', 'l.quantity', 'l.received_quantity'])
    .where('l.merchant_id', '=', merchantId).where('l.transfer_id', '=', id).orderBy('v.sku').execute();
  return {
    id: t.id, number: t.number, status: t.status, note: t.note,
    fromStore: { id: t.from_store_id, code: t.from_code }, toStore: { id: t.to_store_id, code: t.to_code },
    lines: lines.map((l) => ({ variantId: l.variant_id, sku: l.sku, quantity: l.quantity, receivedQuantity: l.received_quantity })),
    requestedBy: t.requested_by, createdAt: t.created_at, shippedAt: t.shipped_at, receivedAt: t.received_at, cancelledAt: t.cancelled_at,
  };
}

export interface TransferRequest { fromStoreId: string; toStoreId: string; lines: { variantId?: string; sku?: string; quantity: number }[]; note?: string }

/** A store asks another for stock; either side's staff may request it. Nothing moves until it ships. */
export async function requestTransfer(db: Db, actor: Actor, input: TransferRequest) {
  requireAccess(actor, Permission.InventoryMove);
  const scope = storeScope(actor);
  if (scope && !scope.includes(input.fromStoreId) && !scope.includes(input.toStoreId)) throw new AppError('forbidden', 'This credential is limited to other stores');
  if (input.fromStoreId === input.toStoreId) throw new AppError('validation', 'A transfer goes between two different stores');
  const stores = await db.selectFrom('stores').select(['id', 'code']).where('merchant_id', '=', actor.merchantId).where('id', 'in', [input.fromStoreId, input.toStoreId]).execute();
  if (stores.length !== 2) throw new AppError('unprocessable', 'Unknown store in the transfer');
  const skus = input.lines.flatMap((l) => (l.sku ? [l.sku] : []));
  const ids = input.lines.flatMap((l) => (l.variantId ? [l.variantId] : []));
  const variants = await db.selectFrom('variants').select(['id', 'sku']).where('merchant_id', '=', actor.merchantId)
    .where((eb) => eb.or([eb('sku', 'in', skus.length ? skus : ['']), eb('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])])).execute();
  const quantities = new Map<string, number>();
  input.lines.forEach((l, i) => {
    const v = variants.find((x) => x.id === l.variantId || x.sku === l.sku);
    if (!v) throw new AppError('unprocessable', `line ${i + 1}: unknown SKU ${l.sku ?? l.variantId}`, { sku: l.sku ?? l.variantId });
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new AppError('validation', `line ${i + 1} (SKU ${v.sku}): quantity must be a positive whole number`, { sku: v.sku });
    quantities.set(v.id, (quantities.get(v.id) ?? 0) + l.quantity);
  });
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const seq = await sql<{ n: number }>`select count(*)::int + 1 as n from stock_transfers where merchant_id = ${actor.merchantId}`.execute(trx);
    const number = `TR-${String(seq.rows[0].n).padStart(6, '0')}-${id.slice(0, 4).toUpperCase()}`;
    await trx.insertInto('stock_transfers').values({
      merchant_id: actor.merchantId, id, number, from_store_id: input.fromStoreId, to_store_id: input.toStoreId, note: input.note ?? '', requested_by: actorLabel(actor),
    }).execute();
    await trx.insertInto('stock_transfer_lines').values([...quantities].map(([variantId, quantity]) => ({ merchant_id: actor.merchantId, transfer_id: id, variant_id: variantId, quantity }))).execute();
    await audit(trx, actor, 'transfer.requested', { type: 'stock_transfer', id }, { number, lines: quantities.size });
    await emitEvent(trx, actor.merchantId, 'transfer.requested', { transferId: id, number, fromStoreId: input.fromStoreId, toStoreId: input.toStoreId });
  });
  return transferView(db, actor.merchantId, id);
}

async function lockTransfer(trx: Trx, merchantId: string, id: string) {
  const t = await trx.selectFrom('stock_transfers').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!t) throw notFound('Transfer');
  const lines = await trx.selectFrom('stock_transfer_lines').selectAll().where('merchant_id', '=', merchantId).where('transfer_id', '=', id).execute();
  return { t, lines };
}

/** The sending store ships: units leave its shelf and show as incoming at the destination. */
export async function shipTransfer(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.InventoryMove);
  await db.transaction().execute(async (trx) => {
    const { t, lines } = await lockTransfer(trx, actor.merchantId, id);
    requireAccess(actor, Permission.InventoryMove, { storeIds: [t.from_store_id] });
    checkTransition(t.status, 'shipped');
    const ref = { refType: 'transfer', refId: t.number };
    const movements: MovementInput[] = lines.flatMap((l) => [
      { storeId: t.from_store_id, variantId: l.variant_id, type: 'transfer_out' as const, quantity: l.quantity, ...ref },
      { storeId: t.to_store_id, variantId: l.variant_id, type: 'in_transit' as const, quantity: l.quantity, ...ref },
    ]);
    await applyMovements(trx, actor.merchantId, movements, { actor: actorLabel(actor) });
    await trx.updateTable('stock_transfers').set({ status: 'shipped', shipped_at: new Date() }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await audit(trx, actor, 'transfer.shipped', { type: 'stock_transfer', id }, { number: t.number });
    await emitEvent(trx, actor.merchantId, 'transfer.shipped', { transferId: id, number: t.number });
  });
  return transferView(db, actor.merchantId, id);
}

/**
 * The destination receives: in-transit units go on its shelf. A short delivery is booked as received
 * and then adjusted out with the reason, so the ledger shows what was lost on the way.
 */
export async function receiveTransfer(db: Db, actor: Actor, id: string, received?: { variantId?: string; sku?: string; quantity: number }[]) {
  requireAccess(actor, Permission.InventoryMove);
  await db.transaction().execute(async (trx) => {
    const { t, lines } = await lockTransfer(trx, actor.merchantId, id);
    requireAccess(actor, Permission.InventoryMove, { storeIds: [t.to_store_id] });
    checkTransition(t.status, 'received');
    const skus = new Map((await trx.selectFrom('variants').select(['id', 'sku']).where('merchant_id', '=', actor.merchantId)
      .where('id', 'in', lines.map((l) => l.variant_id)).execute()).map((v) => [v.id, v.sku]));
    const got = new Map(lines.map((l) => [l.variant_id, l.quantity]));
    for (const r of received ?? []) {
      const line = lines.find((l) => l.variant_id === r.variantId || skus.get(l.variant_id) === r.sku);
      if (!line) throw new AppError('unprocessable', `SKU ${r.sku ?? r.variantId} is not in transfer ${t.number}`, { sku: r.sku ?? r.variantId });
      if (!Number.isInteger(r.quantity) || r.quantity < 0 || r.quantity > line.quantity) {
        throw new AppError('validation', `SKU ${skus.get(line.variant_id)}: received quantity must be a whole number from 0 to ${line.quantity}`, { sku: skus.get(line.variant_id) });
      }
      got.set(line.variant_id, r.quantity);
    }
    const ref = { refType: 'transfer', refId: t.number };
    const movements: MovementInput[] = lines.flatMap((l) => {
      const shortBy = l.quantity - got.get(l.variant_id)!;
      return [
        { storeId: t.to_store_id, variantId: l.variant_id, type: 'transfer_in' as const, quantity: l.quantity, ...ref },
        ...(shortBy > 0 ? [{ storeId: t.to_store_id, variantId: l.variant_id, type: 'adjustment' as const, quantity: -shortBy, reason: `short delivery on transfer ${t.number}`, ...ref }] : []),
      ];
    });
    await applyMovements(trx, actor.merchantId, movements, { actor: actorLabel(actor) });
    for (const l of lines) {
      await trx.updateTable('stock_transfer_lines').set({ received_quantity: got.get(l.variant_id)! })
        .where('merchant_id', '=', actor.merchantId).where('transfer_id', '=', id).where('variant_id', '=', l.variant_id).execute();
    }
    await trx.updateTable('stock_transfers').set({ status: 'received', received_at: new Date() }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await audit(trx, actor, 'transfer.received', { type: 'stock_transfer', id }, { number: t.number });
    await emitEvent(trx, actor.merchantId, 'transfer.received', { transferId: id, number: t.number });
  });
  return transferView(db, actor.merchantId, id);
}

export async function cancelTransfer(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.InventoryMove);
  await db.transaction().execute(async (trx) => {
    const { t } = await lockTransfer(trx, actor.merchantId, id);
    const scope = storeScope(actor);
    if (scope && !scope.includes(t.from_store_id) && !scope.includes(t.to_store_id)) throw new AppError('forbidden', 'This credential is limited to other stores');
    checkTransition(t.status, 'cancelled');
    await trx.updateTable('stock_transfers').set({ status: 'cancelled', cancelled_at: new Date() }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await audit(trx, actor, 'transfer.cancelled', { type: 'stock_transfer', id }, { number: t.number });
    await emitEvent(trx, actor.merchantId, 'transfer.cancelled', { transferId: id, number: t.number });
  });
  return transferView(db, actor.merchantId, id);
}

export async function listTransfers(db: Db, actor: Actor, f: { storeId?: string; status?: TransferStatus; limit?: number }) {
  requireAccess(actor, Permission.InventoryRead, { storeIds: f.storeId ? [f.storeId] : [] });
  const scope = f.storeId ? [f.storeId] : storeScope(actor);
  let q = db.selectFrom('stock_transfers').select('id').where('merchant_id', '=', actor.merchantId);
  if (scope) q = q.where((eb) => eb.or([eb('from_store_id', 'in', scope), eb('to_store_id', 'in', scope)]));
  if (f.status) q = q.where('status', '=', f.status);
  const rows = await q.orderBy('created_at', 'desc').limit(f.limit ?? 50).execute();
  return Promise.all(rows.map((r) => transferView(db, actor.merchantId, r.id)));
}

export async function getTransfer(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.InventoryRead);
  const view = await transferView(db, actor.merchantId, id);
  const scope = storeScope(actor);
  if (scope && !scope.includes(view.fromStore.id) && !scope.includes(view.toStore.id)) throw new AppError('forbidden', 'This credential is limited to other stores');
  return view;
}
