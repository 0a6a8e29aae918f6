import { sql } from 'kysely';
import type { Actor } from '../platform/access.ts';
import { actorLabel } from '../platform/outbox.ts';
import type { Trx } from '../platform/db.ts';
import { applyMovements, MAX_MOVEMENT_QUANTITY, type MovementInput } from './movements.ts';
import { int, type Importer, type Rejection } from './csv/import-runner.ts';

interface StockRow { store: string; sku: string; onHand: number; safetyStock: number | null; lowStockThreshold: number | null | undefined }

export const STOCK_COLUMNS = {
  required: ['store_code', 'sku', 'on_hand'],
  // reserved, available and incoming come with an export and are ignored: they are not set by a count.
  optional: ['safety_stock', 'low_stock_threshold', 'reserved', 'available', 'incoming', 'product'],
} as const;

/**
 * Stock counts: each row sets on-hand for a store and SKU. The difference to the current level is
 * booked as an adjustment through the ledger, so levels and ledger stay equal.
 */
export function stockImporter(actor: Actor, storeIds: Map<string, string>): Importer<StockRow> {
  return {
    kind: 'stock',
    columns: STOCK_COLUMNS,
    parse(v) {
      const reasons: string[] = [];
      const where = `SKU ${v.sku || '?'} at store ${v.store_code || '?'}`;
      if (!v.store_code) reasons.push('store_code is empty');
      if (!v.sku) reasons.push('sku is empty');
      const onHand = int(v.on_hand);
      if (!Number.isInteger(onHand) || onHand < 0 || onHand > MAX_MOVEMENT_QUANTITY) reasons.push(`${where}: on_hand "${v.on_hand}" must be a whole number from 0 to ${MAX_MOVEMENT_QUANTITY}`);
      const safety = v.safety_stock ? int(v.safety_stock) : null;
      if (safety !== null && (!Number.isInteger(safety) || safety < 0)) reasons.push(`${where}: safety_stock "${v.safety_stock}" must be a whole number, 0 or more`);
      const low = v.low_stock_threshold === undefined ? undefined : v.low_stock_threshold === '' ? null : int(v.low_stock_threshold);
      if (low != null && (!Number.isInteger(low) || low < 0)) reasons.push(`${where}: low_stock_threshold "${v.low_stock_threshold}" must be a whole number, 0 or more`);
      if (v.store_code && !storeIds.has(v.store_code)) reasons.push(`${where}: unknown store ${v.store_code}`);
      return reasons.length ? { ok: false, reasons } : { ok: true, value: { store: v.store_code, sku: v.sku, onHand, safetyStock: safety, lowStockThreshold: low } };
    },
    async writeChunk(trx: Trx, rows, checkOnly) {
      const rejected: Rejection[] = [];
      const skus = [...new Set(rows.map((r) => r.value.sku))];
      const variants = await sql<{ id: string; sku: string }>`select id, sku from variants where merchant_id = ${actor.merchantId} and sku = any(${skus}::text[])`.execute(trx);
      const variantIds = new Map(variants.rows.map((v) => [v.sku, v.id]));
      const good = rows.filter((r) => {
        if (variantIds.has(r.value.sku)) return true;
        rejected.push({ line: r.line, reasons: [`SKU ${r.value.sku} at store ${r.value.store}: unknown SKU ${r.value.sku}`] });
        return false;
      });
      if (!good.length) return rejected;
      const keyStores = good.map((r) => storeIds.get(r.value.store)!);
      const keyVariants = good.map((r) => variantIds.get(r.value.sku)!);
      const levels = await sql<{ store_id: string; variant_id: string; on_hand: number; reserved: number }>`
        select l.store_id, l.variant_id, l.on_hand, l.reserved from stock_levels l
        join unnest(${keyStores}::uuid[], ${keyVariants}::uuid[]) as t(s, v) on l.store_id = t.s and l.variant_id = t.v
        where l.merchant_id = ${actor.merchantId}`.execute(trx);
      const current = new Map(levels.rows.map((l) => [`${l.store_id}|${l.variant_id}`, { onHand: l.on_hand, reserved: l.reserved }]));
      const movements: MovementInput[] = [];
      const settings: { s: string; v: string; safety: number | null; low: number | null | undefined }[] = [];
      good.forEach((r, i) => {
        const key = `${keyStores[i]}|${keyVariants[i]}`;
        const level = current.get(key) ?? { onHand: 0, reserved: 0 };
        if (r.value.onHand < level.reserved) {
          rejected.push({ line: r.line, reasons: [`SKU ${r.value.sku} at store ${r.value.store}: on_hand ${r.value.onHand} is below the ${level.reserved} units reserved for orders`] });
          return;
        }
        const delta = r.value.onHand - level.onHand;
        if (delta !== 0) movements.push({ storeId: keyStores[i], variantId: keyVariants[i], type: 'adjustment', quantity: delta, reason: 'stock count import', refType: 'import', refId: `line ${r.line}` });
        current.set(key, { onHand: r.value.onHand, reserved: level.reserved });
        if (r.value.safetyStock !== null || r.value.lowStockThreshold !== undefined) settings.push({ s: keyStores[i], v: keyVariants[i], safety: r.value.safetyStock, low: r.value.lowStockThreshold });
      });
      if (rejected.length || checkOnly) return rejected; // the run rolls back anyway: skip the writes
      await applyMovements(trx, actor.merchantId, movements, { actor: actorLabel(actor) });
      if (settings.length) {
        const s = settings.map((x) => x.s);
        const v = settings.map((x) => x.v);
        await sql`insert into stock_levels (merchant_id, store_id, variant_id)
          select ${actor.merchantId}::uuid, s, v from unnest(${s}::uuid[], ${v}::uuid[]) as t(s, v) on conflict do nothing`.execute(trx);
        // A column left out of the file (undefined) keeps the current setting; an empty threshold clears it.
        await sql`
          update stock_levels l set
            safety_stock = coalesce(t.safety, l.safety_stock),
            low_stock_threshold = case when t.set_low then t.low else l.low_stock_threshold end,
            updated_at = now()
          from unnest(${s}::uuid[], ${v}::uuid[], ${settings.map((x) => x.safety)}::int[], ${settings.map((x) => x.low ?? null)}::int[],
                      ${settings.map((x) => x.low !== undefined)}::bool[]) as t(s, v, safety, low, set_low)
          where l.merchant_id = ${actor.merchantId} and l.store_id = t.s and l.variant_id = t.v`.execute(trx);
      }
      return rejected;
    },
  };
}
