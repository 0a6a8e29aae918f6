import { sql } from 'kysely';
import { cartAccessWithoutOwner } from '../carts/cart.service.ts';
import { levelKey } from '../inventory/movements.ts';
import type { Db } from '../platform/db.ts';
import { actorLabel } from '../platform/outbox.ts';
import { holdStatementUndone, type CartHold, type HoldRequest } from './cart-holds.ts';
import { freeLevels, freeUnitHints, reserveWhatWasHeld } from './hold-at-once.ts';
import { DEFAULT_ORDER_SETTINGS } from './order-settings.ts';

/**
 * A batch of holds in ONE autocommit statement, without reading the carts first: every cart the caller may
 * use that is open, holds nothing yet, has lines and is set for pickup at an active store offering it is
 * marked held and its lines held and reserved (reserveWhatWasHeld). Carts that do not qualify are left
 * untouched and answered undefined, for the read-first paths to hold or refuse; if stock runs short the
 * statement fails whole (footfall_assert) and every request is answered undefined.
 */

// After a batch found a level short, this merchant's batches read first for a while: near a sellout the
// statement would only fail and be undone.
const SHORT_BACKOFF_MS = 1000;
const shortUntil = new WeakMap<Db, Map<string, number>>();

const HOLD_MINUTES = DEFAULT_ORDER_SETTINGS.holdMinutes;

export async function holdInOneStatement(db: Db, merchantId: string, requests: HoldRequest[]): Promise<(CartHold | undefined)[]> {
  let backoff = shortUntil.get(db);
  if (!backoff) shortUntil.set(db, (backoff = new Map()));
  if ((backoff.get(merchantId) ?? 0) > Date.now()) return requests.map(() => undefined);
  // Access needs no cart row when the caller holds the cart's token (or is staff); a customer's own cart is matched in SQL.
  const tried = requests.flatMap((r): { r: HoldRequest; owner: string | null }[] => {
    const access = cartAccessWithoutOwner(r.caller, r.cartId);
    return access.open ? [{ r, owner: null }] : access.ownerToMatch ? [{ r, owner: access.ownerToMatch }] : [];
  });
  if (tried.length === 0) return requests.map(() => undefined);
  // Carts are locked in the order given: id order, as every other writer of carts locks them.
  tried.sort((a, b) => (a.r.cartId < b.r.cartId ? -1 : 1));
  const actor = tried.length === 1 ? actorLabel(tried[0].r.caller.actor) : 'cart-hold';
  let result;
  try {
    result = await sql<{ ok: boolean; held: { cart_id: string; store_id: string; variant_id: string; quantity: number; expires_at: string }[] | null; levels: { store_id: string; variant_id: string; free: number }[] | null }>`
      with hold_minutes as (
        -- orderSettingsOf's rule: a number of minutes, zero or more, else the default.
        select coalesce((select (m.settings->'orders'->>'holdMinutes')::float8 from merchants m where m.id = ${merchantId}
                           and jsonb_typeof(m.settings->'orders'->'holdMinutes') = 'number' and (m.settings->'orders'->>'holdMinutes')::float8 >= 0),
                        ${HOLD_MINUTES}::float8) as minutes
      ), marked as (
        update carts c set held_until = now() + make_interval(secs => h.minutes * 60)
        from unnest(${tried.map((t) => t.r.cartId)}::uuid[], ${tried.map((t) => t.owner)}::uuid[]) as t(id, owner), stores s, hold_minutes h
        where c.merchant_id = ${merchantId} and c.id = t.id and (t.owner is null or c.customer_id = t.owner)
          and c.status = 'open' and c.held_until is null and c.fulfilment in ('pickup', 'reserve_pay_in_store')
          and s.merchant_id = c.merchant_id and s.id = c.store_id and s.status = 'active' and c.fulfilment = any(s.services)
          and exists (select 1 from cart_lines l where l.merchant_id = c.merchant_id and l.cart_id = c.id)
        returning c.id, c.store_id, c.held_until
      ), held as (
        insert into cart_holds (merchant_id, cart_id, store_id, variant_id, quantity, expires_at)
        select ${merchantId}::uuid, k.id, k.store_id, l.variant_id, l.quantity, k.held_until
        from marked k join cart_lines l on l.merchant_id = ${merchantId} and l.cart_id = k.id
        returning cart_id, store_id, variant_id, quantity, expires_at
      )${reserveWhatWasHeld(merchantId, actor)}
      select footfall_assert((select count(*) from levels) = (select count(*) from d), 'not enough stock for the whole batch') as ok,
        (select json_agg(json_build_object('cart_id', cart_id, 'store_id', store_id, 'variant_id', variant_id, 'quantity', quantity, 'expires_at', expires_at)) from held) as held,
        ${freeLevels} as levels`.execute(db);
  } catch (err) {
    if (!holdStatementUndone(err)) throw err;
    if ((err as { code?: string }).code === 'FF409') backoff.set(merchantId, Date.now() + SHORT_BACKOFF_MS);
    return requests.map(() => undefined);
  }
  const { held, levels } = result.rows[0];
  const hints = freeUnitHints(db);
  for (const l of levels ?? []) hints.set(levelKey(l.store_id, l.variant_id), l.free);
  const byCart = new Map<string, CartHold>();
  for (const h of held ?? []) {
    let hold = byCart.get(h.cart_id);
    if (!hold) byCart.set(h.cart_id, (hold = { cartId: h.cart_id, storeId: h.store_id, expiresAt: new Date(h.expires_at).toISOString(), lines: [] }));
    hold.lines.push({ variantId: h.variant_id, quantity: h.quantity });
  }
  return requests.map((r) => byCart.get(r.cartId));
}
