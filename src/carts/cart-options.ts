import type { Executor } from '../platform/db.ts';
import { accessCart, type CartCaller } from './cart.service.ts';
import { cartLines } from './cart.repository.ts';
import { fulfilmentChoices, storesForLines, type GeoPoint } from './fulfilment-options.ts';

/** Where this cart can be collected or shipped from, nearest first when the shopper shares a location. */
export async function cartFulfilmentOptions(db: Executor, caller: CartCaller, cartId: string, near: GeoPoint | null) {
  const cart = await accessCart(db, caller, cartId);
  const lines = (await cartLines(db, cart.merchant_id, cartId)).map((l) => ({ variantId: l.variant_id, quantity: l.quantity }));
  // Without the shopper's location, distances are measured from the store they chose.
  const chosen = !near && cart.store_id
    ? await db.selectFrom('stores').select(['lat', 'lng']).where('merchant_id', '=', cart.merchant_id).where('id', '=', cart.store_id).executeTakeFirst()
    : undefined;
  const options = await storesForLines(db, cart.merchant_id, lines, near ?? chosen ?? null);
  return fulfilmentChoices(options, lines, cart.store_id);
}
