import type { Executor } from '../platform/db.ts';

export const findOrder = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const lockOrder = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const orderLines = (db: Executor, merchantId: string, orderId: string) =>
  db.selectFrom('order_lines').selectAll().where('merchant_id', '=', merchantId).where('order_id', '=', orderId).orderBy('line_no').execute();

export const orderTransitions = (db: Executor, merchantId: string, orderId: string) =>
  db.selectFrom('order_transitions').select(['from_status', 'to_status', 'actor', 'reason', 'created_at'])
    .where('merchant_id', '=', merchantId).where('order_id', '=', orderId).orderBy('id').execute();

export const orderPayments = (db: Executor, merchantId: string, orderId: string) =>
  db.selectFrom('payments').selectAll().where('merchant_id', '=', merchantId).where('order_id', '=', orderId).orderBy('created_at').execute();

export const storeOf = (db: Executor, merchantId: string, storeId: string) =>
  db.selectFrom('stores').select(['id', 'code', 'name', 'address_line1', 'city', 'postcode', 'phone', 'timezone', 'services', 'status', 'pickup_prep_minutes', 'opening_hours', 'lat', 'lng'])
    .where('merchant_id', '=', merchantId).where('id', '=', storeId).executeTakeFirst();

export async function setLineQuantities(db: Executor, merchantId: string, orderId: string, lineNo: number, changes: { collected?: number; cancelled?: number; returned?: number }) {
  await db.updateTable('order_lines').set({
    ...(changes.collected !== undefined ? { collected_quantity: changes.collected } : {}),
    ...(changes.cancelled !== undefined ? { cancelled_quantity: changes.cancelled } : {}),
    ...(changes.returned !== undefined ? { returned_quantity: changes.returned } : {}),
  }).where('merchant_id', '=', merchantId).where('order_id', '=', orderId).where('line_no', '=', lineNo).execute();
}
