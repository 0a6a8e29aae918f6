import type { Executor } from '../platform/db.ts';

export const findSaleByClientId = (db: Executor, merchantId: string, storeId: string, clientSaleId: string) =>
  db.selectFrom('store_sales').selectAll().where('merchant_id', '=', merchantId).where('store_id', '=', storeId).where('client_sale_id', '=', clientSaleId).executeTakeFirst();

export const findSale = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('store_sales').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const linesOf = (db: Executor, merchantId: string, saleId: string) =>
  db.selectFrom('store_sale_lines').selectAll().where('merchant_id', '=', merchantId).where('sale_id', '=', saleId).orderBy('line_no').execute();

export const codesOf = (db: Executor, merchantId: string, saleId: string) =>
  db.selectFrom('store_sale_codes').selectAll().where('merchant_id', '=', merchantId).where('sale_id', '=', saleId).execute();

/** Variants by SKU or barcode (tills scan either), with the category for loyalty rules and cost for margin. */
export const variantsBySku = (db: Executor, merchantId: string, skus: string[]) =>
  db.selectFrom('variants').innerJoin('products', (j) => j.onRef('products.merchant_id', '=', 'variants.merchant_id').onRef('products.id', '=', 'variants.product_id'))
    .select(['variants.id', 'variants.sku', 'variants.barcode', 'variants.cost_minor', 'products.category_id'])
    .where('variants.merchant_id', '=', merchantId)
    .where((eb) => eb.or([eb('variants.sku', 'in', skus), eb('variants.barcode', 'in', skus)]))
    .execute();

export interface SaleListQuery { storeId?: string; from?: Date; to?: Date; customerId?: string; limit: number; offset: number }

export function listSales(db: Executor, merchantId: string, q: SaleListQuery) {
  let query = db.selectFrom('store_sales').selectAll().where('merchant_id', '=', merchantId);
  if (q.storeId) query = query.where('store_id', '=', q.storeId);
  if (q.customerId) query = query.where('customer_id', '=', q.customerId);
  if (q.from) query = query.where('occurred_at', '>=', q.from);
  if (q.to) query = query.where('occurred_at', '<', q.to);
  return query.orderBy('occurred_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute();
}
