import { sql } from 'kysely';
import { accessCart, mayUseCart, type CartCaller } from '../carts/cart.service.ts';
import type { Fulfilment } from '../carts/cart.table.ts';
import { applyMovements, freeUnitsOf, levelKey, lockLevels, type MovementInput } from '../inventory/movements.ts';
import { applyMovementsGuarded, retryUnderLock } from '../inventory/movements-guarded.ts';
import type { StoreService } from '../stores/store.table.ts';
import { systemActor } from '../platform/access.ts';
import { PLANNED_EACH_RUN } from '../platform/prepared-pool.ts';
import type { AppContext } from '../platform/context.ts';
import type { Db, Executor, Trx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel, emitEvent } from '../platform/outbox.ts';
import { orderSettingsOf } from './order-settings.ts';
import { requireStoreService } from './store-service.ts';

export interface HeldUnits { storeId: string; variantId: string; quantity: number }
export interface LockedCart { status: string; holds: HeldUnits[]; holdExpiresAt: Date | null }
export interface CartHold { cartId: string; storeId: string; expiresAt: string; lines: { variantId: string; quantity: number }[] }

type HoldRow = { store_id: string; variant_id: string; quantity: number; expires_at: string };

/**
 * The units the cart `c` of a query holds, as a JSON array (null when none). Statements using it are planned
 * on each run: a plan cached while `cart_holds` was small scans all of it per cart once a sale fills it.
 */
const holdsOfCart = sql<HoldRow[] | null>`(select json_agg(json_build_object('store_id', h.store_id, 'variant_id', h.variant_id, 'quantity', h.quantity, 'expires_at', h.expires_at))
  from cart_holds h where h.merchant_id = c.merchant_id and h.cart_id = c.id)`;

const heldUnits = (rows: HoldRow[] | null | undefined): HeldUnits[] =>
  (rows ?? []).map((h) => ({ storeId: h.store_id, variantId: h.variant_id, quantity: h.quantity }));

/** Carts locked in id order (every change to a cart's hold starts here), each with the units it holds. */
export async function lockCartsWithHolds(trx: Executor, merchantId: string, cartIds: string[]): Promise<Map<string, LockedCart>> {
  const ids = [...new Set(cartIds)].sort();
  const rows = await sql<{ id: string; status: string; holds: HoldRow[] | null }>`${sql.raw(PLANNED_EACH_RUN)}
    select c.id, c.status, ${holdsOfCart} as holds
    from carts c where c.merchant_id = ${merchantId} and c.id = any(${ids}::uuid[]) order by c.id for update of c`.execute(trx);
  return new Map(rows.rows.map((r) => [r.id, {
    status: r.status,
    holds: heldUnits(r.holds),
    holdExpiresAt: r.holds?.length ? new Date(r.holds[0].expires_at) : null,
  }]));
}

/** The movements that give a cart's held units back to the shelf. */
export const releasesOf = (cartId: string, holds: HeldUnits[]): MovementInput[] =>
  holds.map((h) => ({ storeId: h.storeId, variantId: h.variantId, type: 'release' as const, quantity: h.quantity, refType: 'cart', refId: cartId }));

/**
 * Allots stock to one request, in arrival order. The cart's own held units count as free for it, since
 * they are released in the same transaction. On success `free` loses what the request takes; when a
 * line is short, `free` is unchanged (the cart keeps what it held) and the short line is answered.
 */
export function allot(free: Map<string, number>, own: HeldUnits[], need: Map<string, number>): { key: string; have: number; need: number } | null {
  const pool = new Map<string, number>();
  const poolOf = (k: string) => pool.get(k) ?? free.get(k) ?? 0;
  for (const h of own) pool.set(levelKey(h.storeId, h.variantId), poolOf(levelKey(h.storeId, h.variantId)) + h.quantity);
  for (const [k, n] of need) {
    const have = Math.max(0, poolOf(k));
    if (have < n) return { key: k, have, need: n };
  }
  for (const [k, n] of need) pool.set(k, poolOf(k) - n);
  for (const [k, v] of pool) free.set(k, v);
  return null;
}

/** Removes the holds of these carts (placing or releasing them); their release movements are the caller's. */
export const deleteHolds = (trx: Executor, merchantId: string, cartIds: string[]) => sql`
  with gone as (delete from cart_holds where merchant_id = ${merchantId} and cart_id = any(${cartIds}::uuid[]))
  update carts set held_until = null where merchant_id = ${merchantId} and id = any(${cartIds}::uuid[]) and held_until is not null`.execute(trx);

/** Marks carts as holding stock until their holds expire (carts.held_until mirrors their cart_holds rows). */
const markHeld = (trx: Executor, merchantId: string, held: CartHold[]) => sql`
  update carts c set held_until = t.e
  from unnest(${held.map((h) => h.cartId)}::uuid[], ${held.map((h) => h.expiresAt)}::timestamptz[]) as t(id, e)
  where c.merchant_id = ${merchantId} and c.id = t.id`.execute(trx);

export interface HoldRequest { cartId: string; caller: CartCaller }

/** A cart as holding reads it: lines, store and merchant policy. */
export interface CartForHold {
  id: string; status: string; customer_id: string | null; fulfilment: Fulfilment; store_id: string | null;
  store: { status: string; services: StoreService[]; name: string } | null;
  lines: { variant_id: string; quantity: number }[];
  settings: Record<string, unknown> | null;
}

interface CartToHold extends CartForHold { holds: HoldRow[] | null }

/** The columns of a CartForHold, for a query over `carts c left join stores s` (the cart's store). */
export const cartForHoldColumns = sql`c.id, c.status, c.customer_id, c.fulfilment, c.store_id,
  case when s.id is null then null else json_build_object('status', s.status, 'services', s.services, 'name', s.name) end as store,
  coalesce((select json_agg(json_build_object('variant_id', l.variant_id, 'quantity', l.quantity)) from cart_lines l
            where l.merchant_id = c.merchant_id and l.cart_id = c.id), '[]'::json) as lines,
  (select m.settings from merchants m where m.id = c.merchant_id) as settings`;

/** Errors after which a hold statement wrote nothing and its batch may go another way: a failed guard, a concurrent first hold, a deadlock. */
export const holdStatementUndone = (err: unknown) => ['FF409', '23505', '40P01'].includes((err as { code?: string } | null)?.code ?? '');

/** The carts to hold, locked in id order, with what holding needs: lines, current holds, store and merchant policy. */
async function lockCartsToHold(trx: Trx, merchantId: string, cartIds: string[]): Promise<Map<string, CartToHold>> {
  const rows = await sql<CartToHold>`${sql.raw(PLANNED_EACH_RUN)}
    select ${cartForHoldColumns}, ${holdsOfCart} as holds
    from carts c left join stores s on s.merchant_id = c.merchant_id and s.id = c.store_id
    where c.merchant_id = ${merchantId} and c.id = any(${[...new Set(cartIds)].sort()}::uuid[]) order by c.id for update of c`.execute(trx);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

/** Why this cart cannot be held, checked in the order a shopper would fix things; null when it can. */
export function refusalOf(cart: CartForHold | undefined, r: HoldRequest): AppError | null {
  if (!cart || !mayUseCart(r.caller, r.cartId, cart.customer_id)) return notFound('Cart');
  if (cart.status !== 'open') return new AppError('cart_closed', 'This cart has already been checked out', { cartId: r.cartId });
  if (cart.lines.length === 0) return new AppError('cart_empty', 'Add something to the cart first');
  if (cart.fulfilment === 'delivery' || !cart.store_id) {
    return new AppError('validation', 'Choose pickup or reserve-and-pay-in-store at a store first: stock is held at one store');
  }
  try {
    requireStoreService(cart.store, cart.store_id, cart.fulfilment);
  } catch (err) {
    return err as AppError;
  }
  return null;
}

const heldOf = (cart: CartToHold | undefined): HeldUnits[] => heldUnits(cart?.holds);

/**
 * Holds many carts' stock in ONE transaction (group commit): the carts are read under lock with all that
 * holding needs, and the hot stock row is locked once per batch, not once per shopper. A cart already
 * holding stock gives it back and takes the new hold in the same step; a cart that cannot be served
 * keeps what it held and gets its own refusal.
 */
export async function holdInTransaction(
  trx: Trx, merchantId: string, requests: HoldRequest[], mode: 'guarded' | 'locked',
  /** Filled with the free units each level had left after this batch, as the batch saw them. */ freeAfter?: Map<string, number>,
): Promise<(CartHold | AppError)[]> {
  const carts = await lockCartsToHold(trx, merchantId, requests.map((r) => r.cartId));
  const answers: (CartHold | AppError)[] = requests.map((r) => refusalOf(carts.get(r.cartId), r) ?? { cartId: r.cartId, storeId: '', expiresAt: '', lines: [] });
  const wanted = requests.filter((_, i) => !(answers[i] instanceof AppError));
  // Guarded: allotted on levels read without a lock, which the write then checks again (see applyMovementsGuarded).
  const levels = await lockLevels(trx, merchantId, wanted.flatMap((r) => {
    const cart = carts.get(r.cartId)!;
    return [...cart.lines.map((l) => ({ storeId: cart.store_id!, variantId: l.variant_id })), ...heldOf(cart)];
  }), { lock: mode === 'locked' });
  const free = freeUnitsOf(levels);
  const now = Date.now();
  requests.forEach((r, i) => {
    if (answers[i] instanceof AppError) return;
    const cart = carts.get(r.cartId)!;
    const storeId = cart.store_id!;
    const need = new Map<string, number>();
    for (const l of cart.lines) need.set(levelKey(storeId, l.variant_id), (need.get(levelKey(storeId, l.variant_id)) ?? 0) + l.quantity);
    const short = allot(free, heldOf(cart), need);
    const sku = short && levels.find((l) => levelKey(l.store_id, l.variant_id) === short.key)?.sku;
    answers[i] = short
      ? new AppError('out_of_stock', `Not enough stock${sku ? ` of SKU ${sku}` : ''} at the chosen store to hold this cart: ${short.have} available, ${short.need} needed`,
        { variantId: short.key.split('|')[1], storeId, available: short.have, requested: short.need })
      : {
        cartId: r.cartId, storeId, expiresAt: new Date(now + orderSettingsOf(cart.settings).holdMinutes * 60_000).toISOString(),
        lines: cart.lines.map((l) => ({ variantId: l.variant_id, quantity: l.quantity })),
      };
  });
  for (const [k, n] of free) freeAfter?.set(k, n);
  const held = answers.filter((a): a is CartHold => !(a instanceof AppError));
  if (held.length === 0) return answers;
  const rows = held.flatMap((h) => h.lines.map((l) => ({ cart: h.cartId, store: h.storeId, variant: l.variantId, quantity: l.quantity, expires: h.expiresAt })));
  const insert = sql`
    insert into cart_holds (merchant_id, cart_id, store_id, variant_id, quantity, expires_at)
    select ${merchantId}::uuid, c, s, v, q, e
    from unnest(${rows.map((r) => r.cart)}::uuid[], ${rows.map((r) => r.store)}::uuid[], ${rows.map((r) => r.variant)}::uuid[],
                ${rows.map((r) => r.quantity)}::int[], ${rows.map((r) => r.expires)}::timestamptz[]) as t(c, s, v, q, e)
    on conflict (merchant_id, cart_id, store_id, variant_id) do update set quantity = excluded.quantity, expires_at = excluded.expires_at, created_at = now()`;
  const renewed = held.filter((h) => heldOf(carts.get(h.cartId)).length > 0).map((h) => h.cartId);
  // First holds only: their rows ride in the guarded write's statement, one round trip less per batch.
  const alsoWrite = mode === 'guarded' && renewed.length === 0 ? insert : undefined;
  if (renewed.length > 0) {
    // A renewed hold is updated in place, and whatever its cart held besides is removed.
    await sql`
      with fresh as (${insert} returning cart_id, store_id, variant_id)
      delete from cart_holds h where h.merchant_id = ${merchantId} and h.cart_id = any(${renewed}::uuid[])
        and (h.cart_id, h.store_id, h.variant_id) not in (select cart_id, store_id, variant_id from fresh)`.execute(trx);
  } else if (!alsoWrite) await insert.execute(trx);
  // Releases first, so a cart re-holding the same units never needs them twice.
  const byCart = new Map(requests.map((r) => [r.cartId, r]));
  const movements = [
    ...held.flatMap((h) => releasesOf(h.cartId, heldOf(carts.get(h.cartId)))),
    ...held.flatMap((h) => h.lines.map((l) => ({ storeId: h.storeId, variantId: l.variantId, type: 'reservation' as const, quantity: l.quantity, refType: 'cart', refId: h.cartId }))),
  ];
  const actor = held.length === 1 ? actorLabel(byCart.get(held[0].cartId)!.caller.actor) : 'cart-hold';
  if (mode === 'guarded') await applyMovementsGuarded(trx, merchantId, movements, { actor, snapshot: levels, alsoWrite });
  else await applyMovements(trx, merchantId, movements, { actor, locked: levels });
  await markHeld(trx, merchantId, held);
  return answers;
}

/**
 * Holds a batch in ONE transaction: the stock rows are locked only for the final write, unless the levels
 * moved under the batch (near a sellout), when it runs again holding the locks throughout. `freeAfter`
 * learns the free units the batch left.
 */
export async function holdTransactionally(db: Db, merchantId: string, requests: HoldRequest[], freeAfter?: Map<string, number>) {
  try {
    return await db.transaction().execute((trx) => holdInTransaction(trx, merchantId, requests, 'guarded', freeAfter));
  } catch (err) {
    if (!retryUnderLock(err)) throw err;
    return db.transaction().execute((trx) => holdInTransaction(trx, merchantId, requests, 'locked', freeAfter));
  }
}

/** Gives a cart's held units back now (the shopper changed their mind); holding nothing is not an error. */
export async function releaseCartHold(db: Db, caller: CartCaller, cartId: string): Promise<number> {
  const merchantId = caller.actor.merchantId;
  await accessCart(db, caller, cartId);
  return db.transaction().execute((trx) => releaseHeld(trx, merchantId, cartId, actorLabel(caller.actor), 'cart.hold_released', () => true));
}

async function releaseHeld(trx: Trx, merchantId: string, cartId: string, actor: string, event: string, due: (c: LockedCart) => boolean): Promise<number> {
  const cart = (await lockCartsWithHolds(trx, merchantId, [cartId])).get(cartId);
  if (!cart || cart.holds.length === 0 || !due(cart)) return 0;
  await deleteHolds(trx, merchantId, [cartId]);
  await applyMovements(trx, merchantId, releasesOf(cartId, cart.holds), { actor });
  const units = cart.holds.reduce((a, h) => a + h.quantity, 0);
  await emitEvent(trx, merchantId, event, { cartId, units, lines: cart.holds });
  return units;
}

/** Background job: holds past their time go back on the shelf, each with a `cart.hold_expired` event. */
export async function expireCartHolds(ctx: AppContext): Promise<number> {
  const due = await ctx.db.selectFrom('cart_holds').select(['merchant_id', 'cart_id']).distinct()
    .where('expires_at', '<', new Date()).limit(200).execute();
  let released = 0;
  for (const { merchant_id: merchantId, cart_id: cartId } of due) {
    const units = await ctx.db.transaction().execute((trx) => releaseHeld(trx, merchantId, cartId, actorLabel(systemActor(merchantId)), 'cart.hold_expired',
      (c) => c.holdExpiresAt !== null && c.holdExpiresAt.getTime() < Date.now()));
    if (units > 0) released++;
  }
  return released;
}
