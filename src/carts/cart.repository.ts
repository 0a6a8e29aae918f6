import { sql } from 'kysely';
import { alignById, batchIds, coalesced } from '../platform/coalesce.ts';
import type { Executor } from '../platform/db.ts';

export const findCart = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('carts').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

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

const cartsWithLines = coalesced(async (db: Executor, merchantId: string, ids: string[]) => {
  const rows = await db.selectFrom('carts').selectAll()
    .select(sql<{ variant_id: string; quantity: number }[]>`coalesce((select json_agg(json_build_object('variant_id', l.variant_id, 'quantity', l.quantity) order by l.added_at, l.variant_id)
      from cart_lines l where l.merchant_id = carts.merchant_id and l.cart_id = carts.id), '[]'::json)`.as('lines'))
    .where('merchant_id', '=', merchantId).where(sql<boolean>`id = any(${batchIds(ids)}::uuid[])`).execute();
  return alignById(ids, rows);
});

/** The cart and its lines in one round trip, shared with the other checkouts in flight (checkout's hot path). */
export const findCartWithLines = (db: Executor, merchantId: string, id: string) => cartsWithLines(db, merchantId, id);
