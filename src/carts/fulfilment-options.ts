import type { Executor } from '../platform/db.ts';
import type { StoreService } from '../stores/store.table.ts';
import { MAX_RADIUS_KM, storesAbleToFulfil } from '../inventory/availability.ts';
import type { LatLng } from '../stores/geo.ts';

export interface WantedLine { variantId: string; quantity: number }
export type GeoPoint = LatLng;

export interface StoreOption {
  storeId: string; code: string; name: string; city: string; distanceKm: number | null; services: StoreService[];
  openNow: boolean; pickupReadyAt: string | null; canFulfilAll: boolean;
  lines: { variantId: string; requested: number; available: number }[];
}

/** Every active store with what it can supply of each line now (the stock domain's answer), nearest first. */
export async function storesForLines(db: Executor, merchantId: string, lines: WantedLine[], near?: GeoPoint | null): Promise<StoreOption[]> {
  if (lines.length === 0) return [];
  const stores = await storesAbleToFulfil(db, merchantId, { lines, ...(near ? { near, radiusKm: MAX_RADIUS_KM } : {}) });
  return stores.map((s) => ({
    storeId: s.id, code: s.code, name: s.name, city: s.city, distanceKm: s.distanceKm, services: s.services,
    openNow: s.openNow, pickupReadyAt: s.pickupReadyAt, canFulfilAll: s.canFulfilAll, lines: s.lines,
  }));
}

export interface SplitPart { storeId: string; lines: WantedLine[] }

/**
 * A split the shopper may accept when no single store has everything: the preferred store takes
 * what it can, then the nearest stores offering the service take the rest. Null when even that fails.
 */
export function proposeSplit(options: StoreOption[], lines: WantedLine[], service: StoreService, preferredStoreId?: string | null): SplitPart[] | null {
  const candidates = options.filter((o) => o.services.includes(service));
  candidates.sort((a, b) => (a.storeId === preferredStoreId ? -1 : b.storeId === preferredStoreId ? 1 : 0));
  const remaining = new Map(lines.map((l) => [l.variantId, l.quantity]));
  const parts: SplitPart[] = [];
  for (const store of candidates) {
    // A line is never split across stores: one store hands over all of its units.
    const take = store.lines.filter((l) => (remaining.get(l.variantId) ?? 0) > 0 && l.available >= remaining.get(l.variantId)!);
    if (take.length === 0) continue;
    parts.push({ storeId: store.storeId, lines: take.map((l) => ({ variantId: l.variantId, quantity: remaining.get(l.variantId)! })) });
    take.forEach((l) => remaining.delete(l.variantId));
    if (remaining.size === 0) return parts;
  }
  return null;
}

/** For each line the chosen store cannot supply, the nearest store offering the service that can. */
export function shortLines(options: StoreOption[], chosen: StoreOption | undefined, service: StoreService) {
  if (!chosen) return [];
  return chosen.lines.filter((l) => l.available < l.requested).map((l) => {
    const nearest = options.find((o) => o.storeId !== chosen.storeId && o.services.includes(service)
      && (o.lines.find((x) => x.variantId === l.variantId)?.available ?? 0) >= l.requested);
    return {
      variantId: l.variantId, requested: l.requested, available: l.available,
      nearestStore: nearest ? { storeId: nearest.storeId, code: nearest.code, name: nearest.name, city: nearest.city, distanceKm: nearest.distanceKm } : null,
    };
  });
}

/**
 * What the shopper can choose for this cart: pickup and reserve-and-pay stores that can supply every
 * line, delivery origins, and when the chosen (or nearest) store is short, which lines and where they are.
 */
export function fulfilmentChoices(options: StoreOption[], lines: WantedLine[], preferredStoreId: string | null) {
  const able = (service: StoreService) => options.filter((o) => o.canFulfilAll && o.services.includes(service));
  const pickupStores = options.filter((o) => o.services.includes('pickup'));
  const chosen = pickupStores.find((o) => o.storeId === preferredStoreId) ?? pickupStores[0];
  const summary = (o: StoreOption) => ({ storeId: o.storeId, code: o.code, name: o.name, city: o.city, distanceKm: o.distanceKm, openNow: o.openNow, pickupReadyAt: o.pickupReadyAt });
  const anyPickup = able('pickup').length > 0;
  return {
    pickup: able('pickup').map(summary),
    reservePayInStore: able('reserve_pay_in_store').map(summary),
    delivery: able('ship_from_store').map(summary),
    shortLines: chosen && !chosen.canFulfilAll ? shortLines(options, chosen, 'pickup') : [],
    shortAt: chosen && !chosen.canFulfilAll ? summary(chosen) : null,
    split: !anyPickup && lines.length > 1 ? proposeSplit(options, lines, 'pickup', chosen?.storeId) : null,
  };
}
