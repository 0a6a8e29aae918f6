import type { CartCaller } from '../carts/cart.service.ts';
import { Permission, requireAccess } from '../platform/access.ts';
import { coalesced } from '../platform/coalesce.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { holdTransactionally, type CartHold, type HoldRequest } from './cart-holds.ts';
import { freeUnitHints, holdAtOnce } from './hold-at-once.ts';

// Shoppers of one merchant racing for a hot item share one batch; a cart never rides twice in one batch.
// First holds of a store with room go at once (two statements); the rest, and any batch whose guards
// failed, go through one transaction.
const holdBatch = coalesced(
  async (db: Db, merchantId: string, requests: HoldRequest[]) => {
    const answers = await holdAtOnce(db, merchantId, requests);
    const rest = requests.filter((_, i) => answers[i] === undefined);
    if (rest.length === 0) return answers as (CartHold | AppError)[];
    const later = await holdTransactionally(db, merchantId, rest, freeUnitHints(db));
    let n = 0;
    return answers.map((a) => a ?? later[n++]);
  },
  { inFlight: 3, maxBatch: 128, retrySingly: true, distinctBy: (r) => r.cartId },
);

/**
 * Holds the cart's items at its chosen store for the merchant's hold time (15 minutes by default), so
 * they cannot sell out while the shopper pays. Holding again renews the hold for the cart as it is now.
 */
export async function holdCart(db: Db, caller: CartCaller, cartId: string): Promise<CartHold> {
  requireAccess(caller.actor, Permission.CartUse);
  const answer = await holdBatch(db, caller.actor.merchantId, { cartId, caller });
  if (answer instanceof AppError) throw answer;
  return answer;
}
