import { sql } from 'kysely';
import { requireAccess, storeScope, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel, audit, emitEvent } from '../platform/outbox.ts';
import { applyMovements, MAX_MOVEMENT_QUANTITY, type MovementInput } from './movements.ts';
import * as repo from './inventory.repository.ts';
import type { MovementType } from './inventory.table.ts';

/** What staff and tills may post directly; reservations and transfers have their own flows. */
export const STAFF_MOVEMENT_TYPES = ['receive', 'sale', 'return', 'adjustment', 'damage'] as const;
export type StaffMovementType = (typeof STAFF_MOVEMENT_TYPES)[number];

export interface MovementRequest {
  store?: string;
  storeId?: string;
  sku?: string;
  variantId?: string;
  type: StaffMovementType;
  quantity: number;
  reason?: string;
  reference?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const levelView = (l: repo.LevelRow) => ({
  storeId: l.store_id, storeCode: l.store_code, variantId: l.variant_id, sku: l.sku, productName: l.product_name.en ?? Object.values(l.product_name)[0] ?? '',
  onHand: l.on_hand, reserved: l.reserved, available: l.available, safetyStock: l.safety_stock, incoming: l.incoming,
  lowStockThreshold: l.low_stock_threshold, low: l.low_stock_threshold !== null && l.available <= l.low_stock_threshold, updatedAt: l.updated_at,
});

/** Levels the actor may see: store-scoped staff and POS keys only ever see their own stores. */
export async function readLevels(db: Db, actor: Actor, f: { storeId?: string; variantId?: string; q?: string; lowOnly?: boolean; limit?: number; offset?: number }) {
  requireAccess(actor, Permission.InventoryRead, { storeIds: f.storeId ? [f.storeId] : [] });
  const scope = storeScope(actor);
  const storeIds = f.storeId ? [f.storeId] : scope;
  const { items, total } = await repo.listLevels(db, actor.merchantId, {
    storeIds, variantIds: f.variantId ? [f.variantId] : undefined, q: f.q, lowOnly: f.lowOnly, limit: f.limit ?? 50, offset: f.offset ?? 0,
  });
  return { items: items.map(levelView), total };
}

/**
 * Resolves store codes and SKUs, and checks every line before anything is written: one problem lists
 * every bad line (unknown SKU or store, negative or fractional quantity) naming its SKU and store.
 */
async function resolve(db: Db, merchantId: string, requests: MovementRequest[]) {
  const codes = requests.flatMap((r) => (r.store ? [r.store] : []));
  const skus = requests.flatMap((r) => (r.sku ? [r.sku] : []));
  const storeIds = requests.flatMap((r) => (r.storeId ? [r.storeId] : []));
  const variantIds = requests.flatMap((r) => (r.variantId ? [r.variantId] : []));
  // Array parameters, so a batch of 10,000 lines is four short statements.
  const uuids = (ids: string[]) => [...new Set(ids)].filter((id) => UUID.test(id));
  const [storesByCode, storesById, variantsBySku, variantsById] = await Promise.all([
    codes.length ? sql<{ id: string; code: string }>`select id, code from stores where merchant_id = ${merchantId} and code = any(${[...new Set(codes)]}::text[])`.execute(db).then((r) => r.rows) : [],
    storeIds.length ? sql<{ id: string; code: string }>`select id, code from stores where merchant_id = ${merchantId} and id = any(${uuids(storeIds)}::uuid[])`.execute(db).then((r) => r.rows) : [],
    skus.length ? sql<{ id: string; sku: string }>`select id, sku from variants where merchant_id = ${merchantId} and sku = any(${[...new Set(skus)]}::text[])`.execute(db).then((r) => r.rows) : [],
    variantIds.length ? sql<{ id: string; sku: string }>`select id, sku from variants where merchant_id = ${merchantId} and id = any(${uuids(variantIds)}::uuid[])`.execute(db).then((r) => r.rows) : [],
  ]);
  const storeByCode = new Map(storesByCode.map((s) => [s.code, s]));
  const storeById = new Map(storesById.map((s) => [s.id, s]));
  const variantBySku = new Map(variantsBySku.map((v) => [v.sku, v]));
  const variantById = new Map(variantsById.map((v) => [v.id, v]));
  const errors: { index: number; sku: string | null; store: string | null; detail: string }[] = [];
  const movements: MovementInput[] = [];
  requests.forEach((r, index) => {
    const store = r.store ? storeByCode.get(r.store) : r.storeId ? storeById.get(r.storeId) : undefined;
    const variant = r.sku ? variantBySku.get(r.sku) : r.variantId ? variantById.get(r.variantId) : undefined;
    const skuLabel = variant?.sku ?? r.sku ?? r.variantId ?? null;
    const storeLabel = store?.code ?? r.store ?? r.storeId ?? null;
    const fail = (detail: string) => errors.push({ index, sku: skuLabel, store: storeLabel, detail: `line ${index + 1} (SKU ${skuLabel ?? '?'} at store ${storeLabel ?? '?'}): ${detail}` });
    if (!store) return fail(storeLabel ? `unknown store ${storeLabel}` : 'give store (code) or storeId');
    if (!variant) return fail(skuLabel ? `unknown SKU ${skuLabel}` : 'give sku or variantId');
    const q = r.quantity;
    if (!Number.isInteger(q)) return fail(`quantity ${q} is not a whole number`);
    if (Math.abs(q) > MAX_MOVEMENT_QUANTITY) return fail(`quantity ${q} is over ${MAX_MOVEMENT_QUANTITY}`);
    if (r.type === 'adjustment') {
      if (q === 0) return fail('an adjustment moves at least one unit (+ found, − lost)');
      if (!r.reason?.trim()) return fail('an adjustment needs a reason');
    } else if (q <= 0) {
      return fail(`quantity ${q} must be positive for ${r.type}`);
    }
    movements.push({ storeId: store.id, variantId: variant.id, type: r.type as MovementType, quantity: q, reason: r.reason ?? null, refType: r.reference ? 'external' : null, refId: r.reference ?? null });
  });
  if (errors.length) {
    const first = errors[0];
    throw new AppError(first.detail.includes('unknown') ? 'unprocessable' : 'validation', errors.length === 1 ? first.detail : `${errors.length} lines are not valid; the first: ${first.detail}`, {
      sku: first.sku, store: first.store, errors: errors.slice(0, 100),
    });
  }
  return movements;
}

/**
 * Posts movements (one or hundreds) all or nothing: every line is checked first, then the ledger
 * and levels change in one transaction. Idempotency-Key on the request makes retries safe.
 */
export async function postMovements(db: Db, actor: Actor, requests: MovementRequest[]) {
  requireAccess(actor, Permission.InventoryMove);
  if (requests.length === 0) throw new AppError('validation', 'Send at least one movement');
  for (const r of requests) {
    if (!(STAFF_MOVEMENT_TYPES as readonly string[]).includes(r.type)) throw new AppError('validation', `Movement type ${r.type} cannot be posted here (use ${STAFF_MOVEMENT_TYPES.join(', ')})`);
  }
  const movements = await resolve(db, actor.merchantId, requests);
  requireAccess(actor, Permission.InventoryMove, { storeIds: [...new Set(movements.map((m) => m.storeId))] });
  const levels = await db.transaction().execute(async (trx) => {
    const changed = await applyMovements(trx, actor.merchantId, movements, { actor: actorLabel(actor) });
    await audit(trx, actor, 'inventory.movements_posted', { type: 'stock_movements', id: `${movements.length}` }, {
      count: movements.length, types: [...new Set(movements.map((m) => m.type))],
    });
    return changed;
  });
  return { accepted: movements.length, levels };
}

/** Safety stock (held back from what is shown available) and the low-stock threshold of one level. */
export async function setLevelSettings(db: Db, actor: Actor, storeId: string, variantId: string, input: { safetyStock?: number; lowStockThreshold?: number | null }) {
  requireAccess(actor, Permission.InventoryManage, { storeIds: [storeId] });
  const [store, variant] = await Promise.all([
    db.selectFrom('stores').select(['id', 'code']).where('merchant_id', '=', actor.merchantId).where('id', '=', storeId).executeTakeFirst(),
    db.selectFrom('variants').select(['id', 'sku']).where('merchant_id', '=', actor.merchantId).where('id', '=', variantId).executeTakeFirst(),
  ]);
  if (!store) throw notFound('Store');
  if (!variant) throw notFound('Variant');
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('stock_levels').values({ merchant_id: actor.merchantId, store_id: storeId, variant_id: variantId })
      .onConflict((oc) => oc.doNothing()).execute();
    const before = await trx.selectFrom('stock_levels').selectAll().where('merchant_id', '=', actor.merchantId)
      .where('store_id', '=', storeId).where('variant_id', '=', variantId).forUpdate().executeTakeFirstOrThrow();
    const after = await trx.updateTable('stock_levels').set({
      ...(input.safetyStock !== undefined ? { safety_stock: input.safetyStock } : {}),
      ...(input.lowStockThreshold !== undefined ? { low_stock_threshold: input.lowStockThreshold } : {}),
      updated_at: new Date(),
    }).where('merchant_id', '=', actor.merchantId).where('store_id', '=', storeId).where('variant_id', '=', variantId).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'inventory.settings_changed', { type: 'stock_level', id: `${storeId}:${variantId}` }, input);
    const available = (l: typeof after) => l.on_hand - l.reserved - l.safety_stock;
    await emitEvent(trx, actor.merchantId, 'inventory.changed', {
      levels: [{ storeId, store: store.code, variantId, sku: variant.sku, onHand: after.on_hand, reserved: after.reserved, incoming: after.incoming, safetyStock: after.safety_stock, available: Math.max(0, available(after)), lowStockThreshold: after.low_stock_threshold }],
      movements: 0,
    });
    const wasLow = before.low_stock_threshold !== null && available(before) <= before.low_stock_threshold;
    if (after.low_stock_threshold !== null && available(after) <= after.low_stock_threshold && !wasLow) {
      await emitEvent(trx, actor.merchantId, 'inventory.low_stock', { storeId, store: store.code, variantId, sku: variant.sku, available: Math.max(0, available(after)), threshold: after.low_stock_threshold });
    }
  });
  return (await readLevels(db, actor, { storeId, variantId })).items[0];
}
