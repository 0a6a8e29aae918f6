import type { CartCaller } from '../carts/cart.service.ts';
import { Permission, requireAccess } from '../platform/access.ts';
import { coalesced } from '../platform/coalesce.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { holdTransactionally, type CartHold, type HoldRequest } from './cart-holds.ts';
import { freeUnitHints, holdAtOnce } from './hold-at-once.ts';
import { holdInOneStatement } from './hold-in-one-statement.ts';

type Answer = CartHold | AppError | undefined;

/** Runs `next` for the requests `answers` left unanswered, and fills their answers in. */
async function thenFor(requests: HoldRequest[], answers: Answer[], next: (rest: HoldRequest[]) => Promise<Answer[]>): Promise<Answer[]> {
  const rest = requests.filter((_, i) => answers[i] === undefined);
  if (rest.length === 0) return answers;
  const later = await next(rest);
  let n = 0;
  return answers.map((a) => a ?? later[n++]);
}

// Shoppers of one merchant racing for a hot item share one batch; a cart never rides twice in one batch.
// One batch in flight per merchant: a batch is one statement, so the next gathers everyone who arrived
// meanwhile, and batches never wait on each other's stock locks (measured against two: docs/benchmarks.md).
// First holds go in one statement; carts it left (refusals, renewals) and batches it found short read
// their carts first and go at once while the store has room (two statements), else through one transaction.
const holdBatch = coalesced(
  async (db: Db, merchantId: string, requests: HoldRequest[]) => {
    let answers: Answer[] = await holdInOneStatement(db, merchantId, requests);
    answers = await thenFor(requests, answers, (rest) => holdAtOnce(db, merchantId, rest));
    answers = await thenFor(requests, answers, (rest) => holdTransactionally(db, merchantId, rest, freeUnitHints(db)));
    return answers as (CartHold | AppError)[];
  },
  { inFlight: 1, maxBatch: 128, retrySingly: true, distinctBy: (r) => r.cartId },
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
