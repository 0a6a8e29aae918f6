import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor, Trx } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { emitEvent } from '../platform/outbox.ts';
import type { MovementType } from './inventory.table.ts';

export interface MovementInput {
  storeId: string;
  variantId: string;
  type: MovementType;
  /** Units moved: positive, except an adjustment, which is signed (+ found, − lost). */
  quantity: number;
  reason?: string | null;
  refType?: string | null;
  refId?: string | null;
  /** A sale or handover of units that were reserved: consumes the reservation too. */
  fromReservation?: boolean;
}

export interface Level {
  storeId: string;
  variantId: string;
  onHand: number;
  reserved: number;
  incoming: number;
  safetyStock: number;
  available: number;
  lowStockThreshold: number | null;
}

export const MAX_MOVEMENT_QUANTITY = 1_000_000;

/** How each movement type changes (on hand, reserved, incoming) for quantity q. */
function deltas(m: MovementInput): { onHand: number; reserved: number; incoming: number } {
  const q = m.quantity;
  switch (m.type) {
    case 'receive': case 'return': return { onHand: q, reserved: 0, incoming: 0 };
    case 'adjustment': return { onHand: q, reserved: 0, incoming: 0 };
    case 'sale': return { onHand: -q, reserved: m.fromReservation ? -q : 0, incoming: 0 };
    case 'damage': case 'transfer_out': return { onHand: -q, reserved: 0, incoming: 0 };
    case 'in_transit': return { onHand: 0, reserved: 0, incoming: q };
    case 'transfer_in': return { onHand: q, reserved: 0, incoming: -q };
    case 'reservation': return { onHand: 0, reserved: q, incoming: 0 };
    case 'release': return { onHand: 0, reserved: -q, incoming: 0 };
  }
}

function validate(m: MovementInput, index: number) {
  const q = m.quantity;
  const where = `movement ${index + 1}`;
  if (!Number.isInteger(q) || Math.abs(q) > MAX_MOVEMENT_QUANTITY) {
    throw new AppError('validation', `${where}: quantity must be a whole number up to ${MAX_MOVEMENT_QUANTITY}`, { index });
  }
  if (m.type === 'adjustment') {
    if (q === 0) throw new AppError('validation', `${where}: an adjustment moves at least one unit`, { index });
    if (!m.reason?.trim()) throw new AppError('validation', `${where}: an adjustment needs a reason`, { index });
  } else if (q <= 0) {
    throw new AppError('validation', `${where}: quantity must be positive`, { index });
  }
}

export const levelKey = (storeId: string, variantId: string) => `${storeId}|${variantId}`;

const available = (l: { on_hand: number; reserved: number; safety_stock: number }) => l.on_hand - l.reserved - l.safety_stock;

/**
 * The only way stock changes: appends to the movement ledger and updates the current levels in the
 * caller's transaction, all or nothing. Levels are locked in a fixed order so concurrent batches
 * cannot deadlock, and no movement may take a level below zero or reserve past what is available.
 */
export async function applyMovements(
  trx: Trx,
  merchantId: string,
  movements: MovementInput[],
  /** `locked`: levels the caller already locked in this transaction (lockLevels), saving a round trip; they are updated in place. */
  meta: { actor: string; locked?: LockedLevel[] },
): Promise<Level[]> {
  if (movements.length === 0) return [];
  movements.forEach(validate);

  const keys = [...new Map(movements.map((m) => [levelKey(m.storeId, m.variantId), m])).values()]
    .sort((a, b) => (a.storeId === b.storeId ? (a.variantId < b.variantId ? -1 : 1) : a.storeId < b.storeId ? -1 : 1));
  // Levels are locked in key order (no deadlocks between batches); a level that does not exist yet is
  // created and locked after, once its store and variant are known to exist.
  const given = new Map((meta.locked ?? []).map((r) => [levelKey(r.store_id, r.variant_id), r]));
  const toLock = keys.filter((k) => !given.has(levelKey(k.storeId, k.variantId)));
  const locked = [
    ...keys.flatMap((k) => given.get(levelKey(k.storeId, k.variantId)) ?? []),
    ...(toLock.length ? await lockLevels(trx, merchantId, toLock) : []),
  ];
  if (locked.length < keys.length) {
    const have = new Set(locked.map((r) => levelKey(r.store_id, r.variant_id)));
    const missing = keys.filter((k) => !have.has(levelKey(k.storeId, k.variantId)));
    await assertKnown(trx, merchantId, movements, missing);
    await sql`
      insert into stock_levels (merchant_id, store_id, variant_id)
      select ${merchantId}::uuid, s, v from unnest(${missing.map((k) => k.storeId)}::uuid[], ${missing.map((k) => k.variantId)}::uuid[]) as t(s, v)
      on conflict do nothing`.execute(trx);
    locked.push(...(await lockLevels(trx, merchantId, missing)));
  }
  const levels = new Map(locked.map((r) => [levelKey(r.store_id, r.variant_id), r]));
  const before = new Map(locked.map((r) => [levelKey(r.store_id, r.variant_id), available(r)]));

  const rows = planMovements(movements, levels);

  const changed = [...levels.values()];
  const result = changed.map(levelView);
  const event = {
    levels: changed.slice(0, 500).map((l) => ({ ...levelView(l), sku: l.sku, store: l.store_code })),
    movements: movements.length,
  };
  // The new levels, the ledger rows and the outbox event in one statement: one round trip while the rows stay locked.
  await sql`
    with levels as (
      update stock_levels l
      set on_hand = v.on_hand, reserved = v.reserved, incoming = v.incoming, updated_at = now()
      from unnest(${changed.map((l) => l.store_id)}::uuid[], ${changed.map((l) => l.variant_id)}::uuid[],
                  ${changed.map((l) => l.on_hand)}::int[], ${changed.map((l) => l.reserved)}::int[], ${changed.map((l) => l.incoming)}::int[])
        as v(store_id, variant_id, on_hand, reserved, incoming)
      where l.merchant_id = ${merchantId} and l.store_id = v.store_id and l.variant_id = v.variant_id
    ), changed_event as (
      insert into outbox_events (merchant_id, id, type, payload)
      values (${merchantId}::uuid, ${randomUUID()}::uuid, 'inventory.changed', ${JSON.stringify(event)}::jsonb)
    )
    ${ledgerInsert(merchantId, rows, meta.actor)}`.execute(trx);

  await emitLowStock(trx, merchantId, changed, before);
  return result;
}

/** The ledger rows of planned movements, as one insert (a statement of its own or a CTE). */
export const ledgerInsert = (merchantId: string, rows: ReturnType<typeof planMovements>, actor: string) => sql`
  insert into stock_movements (merchant_id, store_id, variant_id, type, on_hand_delta, reserved_delta, incoming_delta, reason, ref_type, ref_id, actor)
  select ${merchantId}::uuid, s, v, t, oh, rs, inc, reason, rt, ri, ${actor}
  from unnest(${rows.map((r) => r.m.storeId)}::uuid[], ${rows.map((r) => r.m.variantId)}::uuid[], ${rows.map((r) => r.m.type)}::text[],
              ${rows.map((r) => r.d.onHand)}::int[], ${rows.map((r) => r.d.reserved)}::int[], ${rows.map((r) => r.d.incoming)}::int[],
              ${rows.map((r) => r.m.reason ?? null)}::text[], ${rows.map((r) => r.m.refType ?? null)}::text[], ${rows.map((r) => r.m.refId ?? null)}::text[])
    as x(s, v, t, oh, rs, inc, reason, rt, ri)`;

/**
 * Checks movements in order against the levels (updated in place) and answers each with its deltas; the
 * first that would take a level below zero or reserve past what is available is refused, naming SKU and store.
 */
export function planMovements(movements: MovementInput[], levels: Map<string, LockedLevel>) {
  return movements.map((m, index) => {
    const level = levels.get(levelKey(m.storeId, m.variantId))!;
    const d = deltas(m);
    const short = (have: number, what: string) =>
      new AppError('out_of_stock', `Not enough stock of SKU ${level.sku} at store ${level.store_code}: ${what} ${have}, needed ${Math.abs(m.quantity)}`, {
        index, sku: level.sku, store: level.store_code, available: Math.max(0, have), requested: Math.abs(m.quantity),
      });
    if (m.type === 'reservation' && available(level) < m.quantity) throw short(available(level), 'available');
    if (d.reserved < 0 && level.reserved + d.reserved < 0) throw short(level.reserved, 'reserved');
    if (d.incoming < 0 && level.incoming + d.incoming < 0) throw short(level.incoming, 'in transit');
    if (d.onHand < 0) {
      // Units held for orders cannot leave the shelf any other way than through their order.
      const free = level.on_hand - level.reserved - (d.reserved < 0 ? d.reserved : 0);
      if (free + d.onHand < 0) throw short(free, 'unreserved on hand');
    }
    level.on_hand += d.onHand;
    level.reserved += d.reserved;
    level.incoming += d.incoming;
    return { m, d };
  });
}

/** `inventory.low_stock` for each level that has just crossed its threshold (`before`: available by key before). */
export async function emitLowStock(trx: Trx, merchantId: string, changed: LockedLevel[], before: Map<string, number>) {
  for (const l of changed) {
    const now = available(l);
    const was = before.get(levelKey(l.store_id, l.variant_id))!;
    if (l.low_stock_threshold !== null && now <= l.low_stock_threshold && was > l.low_stock_threshold) {
      await emitEvent(trx, merchantId, 'inventory.low_stock', {
        storeId: l.store_id, store: l.store_code, variantId: l.variant_id, sku: l.sku, available: Math.max(0, now), threshold: l.low_stock_threshold,
      });
    }
  }
}

export const levelView = (l: LockedLevel): Level => ({
  storeId: l.store_id, variantId: l.variant_id, onHand: l.on_hand, reserved: l.reserved, incoming: l.incoming,
  safetyStock: l.safety_stock, available: Math.max(0, available(l)), lowStockThreshold: l.low_stock_threshold,
});

export interface LockedLevel {
  store_id: string; variant_id: string; on_hand: number; reserved: number; incoming: number; safety_stock: number;
  low_stock_threshold: number | null; store_code: string; sku: string;
}

/** Free units (on hand − reserved − safety stock) of locked levels, by levelKey; a pair with no level has none. */
export const freeUnitsOf = (locked: LockedLevel[]) => new Map(locked.map((r) => [levelKey(r.store_id, r.variant_id), available(r)]));

/**
 * Locks the existing levels of these keys in key order (concurrent writers queue instead of deadlocking),
 * with the store code and SKU that messages name.
 */
export async function lockLevels(trx: Executor, merchantId: string, pairs: { storeId: string; variantId: string }[], options: { lock?: boolean } = {}): Promise<LockedLevel[]> {
  const keys = [...new Map(pairs.map((p) => [levelKey(p.storeId, p.variantId), p])).values()]
    .sort((a, b) => (a.storeId === b.storeId ? (a.variantId < b.variantId ? -1 : 1) : a.storeId < b.storeId ? -1 : 1));
  // One array parameter per column (not thousands of bind parameters): batches may hold 10,000 movements.
  const r = await sql<LockedLevel>`
    select l.store_id, l.variant_id, l.on_hand, l.reserved, l.incoming, l.safety_stock, l.low_stock_threshold, s.code as store_code, v.sku
    from stock_levels l
    join unnest(${keys.map((k) => k.storeId)}::uuid[], ${keys.map((k) => k.variantId)}::uuid[]) as t(s, v) on l.store_id = t.s and l.variant_id = t.v
    join stores s on s.merchant_id = l.merchant_id and s.id = l.store_id
    join variants v on v.merchant_id = l.merchant_id and v.id = l.variant_id
    where l.merchant_id = ${merchantId}
    order by l.store_id, l.variant_id
    ${options.lock === false ? sql`` : sql`for update of l`}`.execute(trx);
  return r.rows;
}

/** Refuses movements naming a store or variant this merchant does not have (before any level is created for them). */
async function assertKnown(trx: Trx, merchantId: string, movements: MovementInput[], missing: { storeId: string; variantId: string }[]) {
  const storeIds = new Set(missing.map((k) => k.storeId));
  const variantIds = new Set(missing.map((k) => k.variantId));
  const stores = await sql<{ id: string }>`select id from stores where merchant_id = ${merchantId} and id = any(${[...storeIds]}::uuid[])`.execute(trx);
  const variants = await sql<{ id: string }>`select id from variants where merchant_id = ${merchantId} and id = any(${[...variantIds]}::uuid[])`.execute(trx);
  for (const r of stores.rows) storeIds.delete(r.id);
  for (const r of variants.rows) variantIds.delete(r.id);
  movements.forEach((m, index) => {
    if (storeIds.has(m.storeId)) throw new AppError('validation', `movement ${index + 1}: unknown store ${m.storeId}`, { index });
    if (variantIds.has(m.variantId)) throw new AppError('validation', `movement ${index + 1}: unknown variant ${m.variantId}`, { index });
  });
}
