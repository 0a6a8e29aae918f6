import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import { AppError } from '../platform/errors.ts';
import { boundingBox, checkCoordinates, haversineKm, round2, type LatLng } from '../stores/geo.ts';
import { hoursAtCached, type StoreHours } from '../stores/hours.ts';
import type { StoreService } from '../stores/store.table.ts';

export interface AvailabilityLine { variantId: string; quantity: number }

export interface AvailabilityQuery {
  lines: AvailabilityLine[];
  near?: LatLng;
  /** Only with `near`; default 25 km. */
  radiusKm?: number;
  service?: StoreService;
  at?: Date;
  /** Only stores that can fulfil every line. */
  onlyFulfilling?: boolean;
  /** Only these stores (e.g. the one store a shopper chose). */
  storeIds?: string[];
  limit?: number;
}

export interface StoreAvailability {
  id: string;
  code: string;
  name: string;
  city: string;
  addressLine1: string;
  postcode: string;
  lat: number;
  lng: number;
  timezone: string;
  services: StoreService[];
  distanceKm: number | null;
  openNow: boolean;
  /** Next opening instant when closed now (ISO), null when open or closed for weeks. */
  opensAt: string | null;
  closesAt: string | null;
  /** When an order placed now could be collected (ISO), prep time counted inside opening hours. */
  pickupReadyAt: string | null;
  lines: { variantId: string; requested: number; available: number; enough: boolean }[];
  canFulfilAll: boolean;
}

export const DEFAULT_RADIUS_KM = 25;
export const MAX_RADIUS_KM = 20_000;

interface StoreRow {
  id: string; code: string; name: string; city: string; address_line1: string; postcode: string;
  lat: number; lng: number; timezone: string; services: StoreService[];
  hours: string; stock: Record<string, number>;
}

/**
 * The one query behind availability: active stores in the box offering the service, each with its hours
 * exceptions in the window and available units (on hand − reserved − safety stock) of the variants.
 * Exported so the benchmark can issue exactly this SQL without the HTTP layer.
 */
export function availabilitySql(
  merchantId: string, variantIds: string[],
  f: { box: ReturnType<typeof boundingBox> | null; service?: StoreService; storeIds?: string[]; from: string; to: string },
) {
  return sql<StoreRow>`
    select s.id, s.code, s.name, s.city, s.address_line1, s.postcode, s.lat, s.lng, s.timezone, s.services,
      -- As text: the server parses a store's hours only when they change (hoursAtCached), not per answer.
      jsonb_build_object('timezone', s.timezone, 'pickup_prep_minutes', s.pickup_prep_minutes, 'opening_hours', s.opening_hours,
        'exceptions', coalesce((select jsonb_agg(jsonb_build_object('date', to_char(e.date, 'YYYY-MM-DD'), 'closed', e.closed, 'intervals', e.intervals) order by e.date)
                from store_hours_exceptions e
                where e.merchant_id = s.merchant_id and e.store_id = s.id and e.date between ${f.from}::date and ${f.to}::date), '[]'::jsonb))::text as hours,
      coalesce((select jsonb_object_agg(l.variant_id, greatest(l.on_hand - l.reserved - l.safety_stock, 0))
                from stock_levels l
                where l.merchant_id = s.merchant_id and l.store_id = s.id and l.variant_id = any(${variantIds}::uuid[])), '{}'::jsonb) as stock
    from stores s
    where s.merchant_id = ${merchantId} and s.status = 'active'
      ${f.service ? sql`and ${f.service} = any(s.services)` : sql``}
      ${f.storeIds ? sql`and s.id = any(${f.storeIds}::uuid[])` : sql``}
      ${f.box ? sql`and s.lat between ${f.box.minLat} and ${f.box.maxLat} and s.lng between ${f.box.minLng} and ${f.box.maxLng}` : sql``}`;
}

/** Sums repeated variants so a cart with the same variant twice asks for the total. */
function mergeLines(lines: AvailabilityLine[]): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const l of lines) {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new AppError('validation', `quantity for variant ${l.variantId} must be a positive whole number`);
    wanted.set(l.variantId, (wanted.get(l.variantId) ?? 0) + l.quantity);
  }
  return wanted;
}

/**
 * "Who near me can fulfil this, and is open?": active stores offering the service, within the radius
 * (bounding box in SQL, haversine here), each with available units per line, open-now, next opening
 * and pickup-ready time in its own time zone. Sorted by distance (by name without a location).
 */
export async function storesAbleToFulfil(db: Executor, merchantId: string, query: AvailabilityQuery): Promise<StoreAvailability[]> {
  if (query.lines.length === 0) throw new AppError('validation', 'Ask for at least one variant');
  const wanted = mergeLines(query.lines);
  const variantIds = [...wanted.keys()];
  const at = query.at ?? new Date();
  const radius = Math.min(query.radiusKm ?? DEFAULT_RADIUS_KM, MAX_RADIUS_KM);
  if (!(radius > 0)) throw new AppError('validation', 'radiusKm must be positive');
  const box = query.near ? boundingBox(query.near, radius) : null;
  const from = new Date(at.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(at.getTime() + 23 * 86_400_000).toISOString().slice(0, 10);

  const result = await availabilitySql(merchantId, variantIds, { box, service: query.service, storeIds: query.storeIds, from, to }).execute(db);

  const stores: StoreAvailability[] = [];
  for (const s of result.rows) {
    const distance = query.near ? haversineKm(query.near, s) : null;
    if (distance !== null && distance > radius) continue;
    const lines = variantIds.map((variantId) => {
      const available = Number(s.stock[variantId] ?? 0);
      const requested = wanted.get(variantId)!;
      return { variantId, requested, available, enough: available >= requested };
    });
    const canFulfilAll = lines.every((l) => l.enough);
    if (query.onlyFulfilling && !canFulfilAll) continue;
    stores.push({
      id: s.id, code: s.code, name: s.name, city: s.city, addressLine1: s.address_line1, postcode: s.postcode,
      lat: s.lat, lng: s.lng, timezone: s.timezone, services: s.services,
      distanceKm: distance === null ? null : round2(distance),
      // The hours text carries the zone and prep time too, so it alone tells whether the store's hours changed.
      ...hoursAtCached(s.id, s.hours, () => JSON.parse(s.hours) as StoreHours, at),
      lines, canFulfilAll,
    });
  }
  stores.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || a.name.localeCompare(b.name));
  return query.limit ? stores.slice(0, query.limit) : stores;
}

/** The nearest store that has everything (open-now preferred among equals is left to the caller), or null. */
export async function nearestStoreWithAll(db: Executor, merchantId: string, query: AvailabilityQuery): Promise<StoreAvailability | null> {
  const stores = await storesAbleToFulfil(db, merchantId, { ...query, onlyFulfilling: true, limit: 1 });
  return stores[0] ?? null;
}

export interface Shortage {
  variantId: string;
  requested: number;
  available: number;
  /** The nearest other store that has the full requested quantity of this line. */
  nearest: { id: string; code: string; name: string; distanceKm: number | null; available: number; openNow: boolean } | null;
}

/**
 * For a chosen store: which lines it cannot fill, and for each the nearest other store that can,
 * plus the nearest store that has the whole cart.
 */
export async function shortagesAt(
  db: Executor, merchantId: string,
  input: { storeId: string; lines: AvailabilityLine[]; service?: StoreService; radiusKm?: number; at?: Date },
): Promise<{ store: StoreAvailability; short: Shortage[]; nearestWithAll: StoreAvailability | null }> {
  const here = await db.selectFrom('stores').select(['lat', 'lng']).where('merchant_id', '=', merchantId).where('id', '=', input.storeId).executeTakeFirst();
  if (!here) throw new AppError('not_found', `Store ${input.storeId} was not found`);
  const all = await storesAbleToFulfil(db, merchantId, { lines: input.lines, near: here, radiusKm: input.radiusKm ?? 50, service: input.service, at: input.at });
  const store = all.find((s) => s.id === input.storeId)
    ?? (await storesAbleToFulfil(db, merchantId, { lines: input.lines, storeIds: [input.storeId], at: input.at }))[0];
  if (!store) throw new AppError('not_found', `Store ${input.storeId} is not active`);
  const others = all.filter((s) => s.id !== input.storeId);
  const short = store.lines.filter((l) => !l.enough).map((l) => {
    const alt = others.find((s) => s.lines.find((x) => x.variantId === l.variantId)!.enough);
    return {
      variantId: l.variantId, requested: l.requested, available: l.available,
      nearest: alt ? { id: alt.id, code: alt.code, name: alt.name, distanceKm: alt.distanceKm, available: alt.lines.find((x) => x.variantId === l.variantId)!.available, openNow: alt.openNow } : null,
    };
  });
  return { store, short, nearestWithAll: store.canFulfilAll ? store : others.find((s) => s.canFulfilAll) ?? null };
}

/** The storefront question: stores near the shopper for these lines, and the nearest that has them all. */
export async function availabilityForShopper(
  db: Executor, actor: Actor,
  q: { lines: AvailabilityLine[]; lat?: number; lng?: number; radiusKm?: number; service?: StoreService; inStockOnly?: boolean; limit?: number },
) {
  requireAccess(actor, Permission.InventoryRead);
  const near = checkCoordinates(q.lat, q.lng);
  // Returns are not a way to fulfil an order, so that service filters nothing here.
  const service = q.service === 'returns' ? undefined : q.service;
  const stores = await storesAbleToFulfil(db, actor.merchantId, { lines: q.lines, near, radiusKm: q.radiusKm, service, onlyFulfilling: q.inStockOnly });
  return { items: stores.slice(0, q.limit ?? 50), nearestWithAll: stores.find((s) => s.canFulfilAll) ?? null };
}
