import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../platform/db.ts';
import { emitLowStock, ledgerInsert, levelKey, levelView, planMovements, type Level, type LockedLevel, type MovementInput } from './movements.ts';

/** The levels changed since the snapshot so that the movements no longer fit: nothing was written; apply them under lock instead. */
export class StaleLevels extends Error {
  constructor() {
    super('stock levels changed since they were read');
  }
}

/** Whether a failed guarded transaction should be run again under lock: stale levels, or a deadlock PostgreSQL broke. */
export const retryUnderLock = (err: unknown) => err instanceof StaleLevels || (err as { code?: string } | null)?.code === '40P01';

/**
 * applyMovements for hot rows: the movements are checked against levels read WITHOUT a lock, then the
 * ledger, the outbox event and the level changes (as deltas, each guarded so no level goes below zero
 * or reserves past what is available) go in ONE statement, which is the first to lock the levels. The
 * locks are held from that statement to commit, instead of across the caller's whole transaction, so
 * batches racing for one item overlap their work. When a guard fails, StaleLevels is thrown: the
 * transaction must be rolled back and the movements applied with applyMovements.
 */
export async function applyMovementsGuarded(
  trx: Trx, merchantId: string, movements: MovementInput[],
  meta: { actor: string; snapshot: LockedLevel[]; /** A caller's own data-modifying statement, run in the same statement. */ alsoWrite?: RawBuilder<unknown> },
): Promise<Level[]> {
  if (movements.length === 0) return [];
  const levels = new Map(meta.snapshot.map((r) => [levelKey(r.store_id, r.variant_id), { ...r }]));
  if (movements.some((m) => !levels.has(levelKey(m.storeId, m.variantId)))) throw new StaleLevels();
  const rows = planMovements(movements, levels);
  const net = new Map<string, { storeId: string; variantId: string; onHand: number; reserved: number; incoming: number }>();
  for (const { m, d } of rows) {
    const k = levelKey(m.storeId, m.variantId);
    const n = net.get(k) ?? { storeId: m.storeId, variantId: m.variantId, onHand: 0, reserved: 0, incoming: 0 };
    n.onHand += d.onHand;
    n.reserved += d.reserved;
    n.incoming += d.incoming;
    net.set(k, n);
  }
  const d = [...net.values()];
  const names = [...levels.values()];
  // Locked in key order (no deadlocks), then each level moves by its deltas only if it stays whole.
  const updated = await sql<LockedLevel>`
    with d as (
      select * from unnest(${d.map((x) => x.storeId)}::uuid[], ${d.map((x) => x.variantId)}::uuid[], ${d.map((x) => x.onHand)}::int[],
                           ${d.map((x) => x.reserved)}::int[], ${d.map((x) => x.incoming)}::int[]) as d(store_id, variant_id, oh, rs, inc)
    ), locked as (
      select l.store_id, l.variant_id from stock_levels l join d on l.store_id = d.store_id and l.variant_id = d.variant_id
      where l.merchant_id = ${merchantId} order by l.store_id, l.variant_id for no key update of l
    ), levels as (
      update stock_levels l
      set on_hand = l.on_hand + d.oh, reserved = l.reserved + d.rs, incoming = l.incoming + d.inc, updated_at = now()
      from d, (select count(*) from locked) as c
      where l.merchant_id = ${merchantId} and l.store_id = d.store_id and l.variant_id = d.variant_id
        and l.on_hand + d.oh >= 0 and l.reserved + d.rs >= 0 and l.incoming + d.inc >= 0
        and (d.rs <= 0 or l.on_hand + d.oh - l.reserved - d.rs - l.safety_stock >= 0)
        and (d.oh >= 0 or l.on_hand + d.oh - l.reserved - d.rs >= 0)
      returning l.store_id, l.variant_id, l.on_hand, l.reserved, l.incoming, l.safety_stock, l.low_stock_threshold
    ), names as (
      select * from unnest(${names.map((l) => l.store_id)}::uuid[], ${names.map((l) => l.variant_id)}::uuid[], ${names.map((l) => l.store_code)}::text[],
                           ${names.map((l) => l.sku)}::text[]) as n(store_id, variant_id, store_code, sku)
    ), changed_event as (
      insert into outbox_events (merchant_id, id, type, payload)
      select ${merchantId}::uuid, ${randomUUID()}::uuid, 'inventory.changed', jsonb_build_object('movements', ${movements.length}::int, 'levels', coalesce(jsonb_agg(jsonb_build_object(
        'storeId', u.store_id, 'variantId', u.variant_id, 'onHand', u.on_hand, 'reserved', u.reserved, 'incoming', u.incoming,
        'safetyStock', u.safety_stock, 'available', greatest(u.on_hand - u.reserved - u.safety_stock, 0), 'lowStockThreshold', u.low_stock_threshold,
        'sku', n.sku, 'store', n.store_code)), '[]'::jsonb))
      from levels u join names n on n.store_id = u.store_id and n.variant_id = u.variant_id
    ), ledger as (${ledgerInsert(merchantId, rows, meta.actor)})${meta.alsoWrite ? sql`, caller_write as (${meta.alsoWrite})` : sql``}
    select u.*, n.store_code, n.sku from levels u join names n on n.store_id = u.store_id and n.variant_id = u.variant_id`.execute(trx);
  if (updated.rows.length < d.length) throw new StaleLevels();
  const fresh = updated.rows;
  // What each level was just before this statement, for the low-stock crossing: now minus this batch's deltas.
  const was = new Map(fresh.map((l) => {
    const n = net.get(levelKey(l.store_id, l.variant_id))!;
    return [levelKey(l.store_id, l.variant_id), (l.on_hand - n.onHand) - (l.reserved - n.reserved) - l.safety_stock];
  }));
  await emitLowStock(trx, merchantId, fresh, was);
  return fresh.map(levelView);
}
