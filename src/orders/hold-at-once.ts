import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { levelKey } from '../inventory/movements.ts';
import type { Db } from '../platform/db.ts';
import type { AppError } from '../platform/errors.ts';
import { actorLabel } from '../platform/outbox.ts';
import { cartForHoldColumns, holdStatementUndone, refusalOf, type CartForHold, type CartHold, type HoldRequest } from './cart-holds.ts';
import { orderSettingsOf } from './order-settings.ts';

/**
 * First holds in two autocommit statements instead of a five-round-trip transaction: carts are read
 * without a lock, then ONE statement checks they are unchanged, writes the holds and their ledger rows,
 * and only then locks the stock levels and moves them, guarded, so the hot row is locked from its update
 * to the commit that follows at once. Any guard that finds the world changed fails the whole statement
 * (footfall_assert), nothing is written, and the requests go the transactional way instead.
 */

/** The free units each level had when this process last saw it: a hint that decides whether a batch may try. */
const freeHints = new WeakMap<Db, Map<string, number>>();
export const freeUnitHints = (db: Db) => {
  let hints = freeHints.get(db);
  if (!hints) freeHints.set(db, (hints = new Map()));
  return hints;
};

interface CartRow extends CartForHold { version: string; holding: boolean }

/** The carts with what holding needs; `version` is their updated_at to the microsecond, to check they are unchanged. */
const readCarts = (db: Db, merchantId: string, ids: string[]) => sql<CartRow>`
  select ${cartForHoldColumns}, c.updated_at::text as version, c.held_until is not null as holding
  from carts c left join stores s on s.merchant_id = c.merchant_id and s.id = c.store_id
  where c.merchant_id = ${merchantId} and c.id = any(${ids}::uuid[])`.execute(db);

/**
 * Answers what it can at once: a refusal, or a hold for carts holding nothing whose store had room for the
 * whole batch when last seen. Undefined answers are for the transactional path (renewals, a sellout near,
 * levels not yet seen, or a guard that failed).
 */
export async function holdAtOnce(db: Db, merchantId: string, requests: HoldRequest[]): Promise<(CartHold | AppError | undefined)[]> {
  const rows = (await readCarts(db, merchantId, [...new Set(requests.map((r) => r.cartId))])).rows;
  const carts = new Map(rows.map((c) => [c.id, c]));
  const answers: (CartHold | AppError | undefined)[] = requests.map((r) => refusalOf(carts.get(r.cartId), r) ?? undefined);
  const first = requests.flatMap((r, i) => (answers[i] || carts.get(r.cartId)!.holding ? [] : [{ i, r, cart: carts.get(r.cartId)! }]));
  if (first.length === 0) return answers;

  const need = new Map<string, number>();
  for (const { cart } of first) {
    for (const l of cart.lines) {
      const k = levelKey(cart.store_id!, l.variant_id);
      need.set(k, (need.get(k) ?? 0) + l.quantity);
    }
  }
  const hints = freeUnitHints(db);
  if ([...need].some(([k, units]) => (hints.get(k) ?? 0) < units)) return answers;

  const now = Date.now();
  const holds: CartHold[] = first.map(({ r, cart }) => ({
    cartId: r.cartId, storeId: cart.store_id!, expiresAt: new Date(now + orderSettingsOf(cart.settings).holdMinutes * 60_000).toISOString(),
    lines: cart.lines.map((l) => ({ variantId: l.variant_id, quantity: l.quantity })),
  }));
  const actor = first.length === 1 ? actorLabel(first[0].r.caller.actor) : 'cart-hold';
  try {
    const fresh = await writeFirstHolds(db, merchantId, holds, first.map(({ cart }) => cart.version), need.size, actor);
    for (const l of fresh) hints.set(levelKey(l.store_id, l.variant_id), l.free);
  } catch (err) {
    if (!holdStatementUndone(err)) throw err;
    return answers;
  }
  first.forEach(({ i }, n) => { answers[i] = holds[n]; });
  return answers;
}

/**
 * The one statement of a batch of first holds: the carts are marked held, each only if unchanged since it
 * was read (the update locks it and checks its latest version), the holds written, and the stock reserved
 * (reserveWhatWasHeld); the assert fails everything if a cart changed since it was read or a level no
 * longer has room.
 */
async function writeFirstHolds(db: Db, merchantId: string, holds: CartHold[], versions: string[], levelCount: number, actor: string) {
  const lines = holds.flatMap((h) => h.lines.map((l) => ({ h, l })));
  const result = await sql<{ ok: boolean; levels: { store_id: string; variant_id: string; free: number }[] }>`
    with marked as (
      update carts c set held_until = t.e
      from unnest(${holds.map((h) => h.cartId)}::uuid[], ${versions}::text[], ${holds.map((h) => h.expiresAt)}::timestamptz[]) as t(id, v, e)
      where c.merchant_id = ${merchantId} and c.id = t.id and c.status = 'open' and c.held_until is null and c.updated_at = t.v::timestamptz
      returning c.id
    ), held as (
      insert into cart_holds (merchant_id, cart_id, store_id, variant_id, quantity, expires_at)
      select ${merchantId}::uuid, c, s, v, q, e
      from unnest(${lines.map((x) => x.h.cartId)}::uuid[], ${lines.map((x) => x.h.storeId)}::uuid[], ${lines.map((x) => x.l.variantId)}::uuid[],
                  ${lines.map((x) => x.l.quantity)}::int[], ${lines.map((x) => x.h.expiresAt)}::timestamptz[]) as t(c, s, v, q, e)
      returning cart_id, store_id, variant_id, quantity
    )${reserveWhatWasHeld(merchantId, actor)}
    select footfall_assert((select count(*) from marked) = ${holds.length}::int and (select count(*) from levels) = ${levelCount}::int,
             'a cart or a stock level changed since the batch read it') as ok,
      ${freeLevels} as levels`.execute(db);
  return result.rows[0].levels;
}

/**
 * The CTEs that follow a statement's `marked` (the carts marked held) and `held` (the cart_holds rows it
 * wrote): one ledger row per held line, then the levels locked (in key order) only after the inserts, since
 * `locked` depends on them, and moved by guarded deltas last; the inventory.changed event and any low-stock
 * alert go in too. The statement asserts that `levels` has a row for every row of `d`.
 */
export const reserveWhatWasHeld = (merchantId: string, actor: string) => sql`, ledger as (
      insert into stock_movements (merchant_id, store_id, variant_id, type, reserved_delta, ref_type, ref_id, actor)
      select ${merchantId}::uuid, store_id, variant_id, 'reservation', quantity, 'cart', cart_id::text, ${actor}::text from held
      returning store_id, variant_id, reserved_delta
    ), d as (
      select store_id, variant_id, sum(reserved_delta)::int as rs from ledger group by store_id, variant_id
    ), locked as (
      select l.store_id, l.variant_id from stock_levels l join d on l.store_id = d.store_id and l.variant_id = d.variant_id,
        (select count(*) from marked) as k
      where l.merchant_id = ${merchantId} order by l.store_id, l.variant_id for no key update of l
    ), levels as (
      update stock_levels l set reserved = l.reserved + d.rs, updated_at = now()
      from d, (select count(*) from locked) as n
      where l.merchant_id = ${merchantId} and l.store_id = d.store_id and l.variant_id = d.variant_id
        and l.on_hand - l.reserved - d.rs - l.safety_stock >= 0
      returning l.store_id, l.variant_id, l.on_hand, l.reserved, l.incoming, l.safety_stock, l.low_stock_threshold, d.rs
    ), named as (
      select u.*, s.code as store_code, v.sku from levels u
      join stores s on s.merchant_id = ${merchantId} and s.id = u.store_id
      join variants v on v.merchant_id = ${merchantId} and v.id = u.variant_id
    ), changed_event as (
      insert into outbox_events (merchant_id, id, type, payload)
      select ${merchantId}::uuid, ${randomUUID()}::uuid, 'inventory.changed', jsonb_build_object('movements', (select count(*) from held), 'levels', jsonb_agg(jsonb_build_object(
        'storeId', u.store_id, 'variantId', u.variant_id, 'onHand', u.on_hand, 'reserved', u.reserved, 'incoming', u.incoming,
        'safetyStock', u.safety_stock, 'available', greatest(u.on_hand - u.reserved - u.safety_stock, 0), 'lowStockThreshold', u.low_stock_threshold,
        'sku', u.sku, 'store', u.store_code)))
      from named u having count(*) > 0
    ), low_stock_event as (
      insert into outbox_events (merchant_id, id, type, payload)
      select ${merchantId}::uuid, gen_random_uuid(), 'inventory.low_stock', jsonb_build_object('storeId', u.store_id, 'store', u.store_code, 'variantId', u.variant_id,
        'sku', u.sku, 'available', greatest(u.on_hand - u.reserved - u.safety_stock, 0), 'threshold', u.low_stock_threshold)
      from named u
      where u.low_stock_threshold is not null and u.on_hand - u.reserved - u.safety_stock <= u.low_stock_threshold
        and u.on_hand - (u.reserved - u.rs) - u.safety_stock > u.low_stock_threshold
    )`;

/** The free units of each level the statement moved, as JSON. */
export const freeLevels = sql`(select json_agg(json_build_object('store_id', u.store_id, 'variant_id', u.variant_id, 'free', u.on_hand - u.reserved - u.safety_stock)) from levels u)`;
