import type { Executor } from '../platform/db.ts';

export const findCart = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('carts').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const lockCart = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('carts').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const findOpenCartOfCustomer = (db: Executor, merchantId: string, customerId: string) =>
  db.selectFrom('carts').selectAll().where('merchant_id', '=', merchantId).where('customer_id', '=', customerId)
    .where('status', '=', 'open').orderBy('created_at', 'desc').executeTakeFirst();

export const cartLines = (db: Executor, merchantId: string, cartId: string) =>
  db.selectFrom('cart_lines').select(['variant_id', 'quantity']).where('merchant_id', '=', merchantId).where('cart_id', '=', cartId)
    .orderBy('added_at').orderBy('variant_id').execute();

export const countCartLines = async (db: Executor, merchantId: string, cartId: string) =>
  Number((await db.selectFrom('cart_lines').select((eb) => eb.fn.countAll().as('n')).where('merchant_id', '=', merchantId).where('cart_id', '=', cartId).executeTakeFirstOrThrow()).n);

export const touchCart = (db: Executor, merchantId: string, id: string) =>
  db.updateTable('carts').set({ updated_at: new Date() }).where('merchant_id', '=', merchantId).where('id', '=', id).execute();

/** Active stores of a merchant with the stock of the given variants (missing level rows read as zero). */
export async function storeStock(db: Executor, merchantId: string, variantIds: string[]) {
  const [stores, levels] = await Promise.all([
    db.selectFrom('stores').select(['id', 'code', 'name', 'city', 'lat', 'lng', 'services', 'timezone', 'pickup_prep_minutes', 'opening_hours'])
      .where('merchant_id', '=', merchantId).where('status', '=', 'active').execute(),
    variantIds.length === 0 ? [] : db.selectFrom('stock_levels').select(['store_id', 'variant_id', 'on_hand', 'reserved', 'safety_stock'])
      .where('merchant_id', '=', merchantId).where('variant_id', 'in', variantIds).execute(),
  ]);
  return { stores, levels };
}
