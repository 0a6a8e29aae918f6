import { sql } from 'kysely';
import { alignById, batchIds, coalesced } from '../platform/coalesce.ts';
import type { Executor } from '../platform/db.ts';

export const findOrder = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

/** An order by the number printed on its receipt and emails (FF-XXXX-XXXX). */
export const findOrderByNumber = (db: Executor, merchantId: string, number: string) =>
  db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId).where('number', '=', number).executeTakeFirst();

export const lockOrder = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const orderLines = (db: Executor, merchantId: string, orderId: string) =>
  db.selectFrom('order_lines').selectAll().where('merchant_id', '=', merchantId).where('order_id', '=', orderId).orderBy('line_no').execute();

export const orderTransitions = (db: Executor, merchantId: string, orderId: string) =>
  db.selectFrom('order_transitions').select(['from_status', 'to_status', 'actor', 'reason', 'created_at'])
    .where('merchant_id', '=', merchantId).where('order_id', '=', orderId).orderBy('id').execute();

export const orderPayments = (db: Executor, merchantId: string, orderId: string) =>
  db.selectFrom('payments').selectAll().where('merchant_id', '=', merchantId).where('order_id', '=', orderId).orderBy('created_at').execute();

const storesById = coalesced(async (db: Executor, merchantId: string, ids: string[]) => {
  const rows = await db.selectFrom('stores').select(['id', 'code', 'name', 'address_line1', 'city', 'postcode', 'phone', 'timezone', 'services', 'status', 'pickup_prep_minutes', 'opening_hours', 'lat', 'lng'])
    .where('merchant_id', '=', merchantId).where(sql<boolean>`id = any(${batchIds(ids)}::uuid[])`).execute();
  return alignById(ids, rows);
});

/** An order's store; concurrent checkouts share one query. */
export const storeOf = (db: Executor, merchantId: string, storeId: string) => storesById(db, merchantId, storeId);

export async function setLineQuantities(db: Executor, merchantId: string, orderId: string, lineNo: number, changes: { collected?: number; cancelled?: number; returned?: number }) {
  await db.updateTable('order_lines').set({
    ...(changes.collected !== undefined ? { collected_quantity: changes.collected } : {}),
    ...(changes.cancelled !== undefined ? { cancelled_quantity: changes.cancelled } : {}),
    ...(changes.returned !== undefined ? { returned_quantity: changes.returned } : {}),
  }).where('merchant_id', '=', merchantId).where('order_id', '=', orderId).where('line_no', '=', lineNo).execute();
}

export interface PlacedRows {
  orders: Record<string, unknown>[];
  lines: Record<string, unknown>[];
  transitions: { merchant_id: string; order_id: string; from_status: null; to_status: string; actor: string; reason: string }[];
  payments: Record<string, unknown>[];
  events: { merchant_id: string; id: string; type: string; payload: unknown }[];
  audits: { merchant_id: string; actor: string; action: string; subject_type: string; subject_id: string; data: unknown }[];
  convertedCartIds: string[];
}

/**
 * Everything a batch of checkouts writes besides stock, in ONE statement (data-modifying CTEs), so the
 * hot stock rows stay locked for as few round trips as possible. Foreign keys are checked at its end.
 */
export async function insertPlacedRows(db: Executor, merchantId: string, rows: PlacedRows): Promise<void> {
  const json = (v: unknown) => JSON.stringify(v);
  await sql`
    with o as (insert into orders select * from json_populate_recordset(null::orders, ${json(rows.orders)}::json)),
    l as (insert into order_lines select * from json_populate_recordset(null::order_lines, ${json(rows.lines)}::json)),
    t as (insert into order_transitions (merchant_id, order_id, from_status, to_status, actor, reason)
          select merchant_id, order_id, from_status, to_status, actor, reason from json_populate_recordset(null::order_transitions, ${json(rows.transitions)}::json)),
    p as (insert into payments select * from json_populate_recordset(null::payments, ${json(rows.payments)}::json)),
    e as (insert into outbox_events (merchant_id, id, type, payload)
          select merchant_id, id, type, payload from json_populate_recordset(null::outbox_events, ${json(rows.events)}::json)),
    a as (insert into audit_log (merchant_id, actor, action, subject_type, subject_id, data)
          select merchant_id, actor, action, subject_type, subject_id, data from json_populate_recordset(null::audit_log, ${json(rows.audits)}::json)),
    c as (update carts set status = 'converted', updated_at = now() where merchant_id = ${merchantId} and id = any(${rows.convertedCartIds}::uuid[]))
    select 1`.execute(db);
}
