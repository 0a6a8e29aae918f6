import type { NotApplicableReason, OfferConditions, OfferKind, OfferParams, TimeWindow, Weekday } from './offer-types.ts';

/** One basket line as the till or the cart sends it. */
export interface BasketLine {
  variantId?: string | null;
  productId?: string | null;
  categoryId?: string | null;
  quantity: number;
  unitPriceMinor: number;
}

export interface Applied {
  discountMinor: number;
  lines: { index: number; discountMinor: number }[];
  gift?: { variantId: string; quantity: number };
  pointsMultiplier?: number;
}

export type RuleResult = { ok: true; applied: Applied } | { ok: false; reason: NotApplicableReason; detail: string };

/** Facts about the sale that conditions look at; DB-derived facts are resolved by the caller. */
export interface SaleFacts {
  at: Date;
  channel: 'online' | 'in_store';
  fulfilment?: string | null;
  storeId: string | null;
  storeTimezone: string | null;
  storeLocation: { lat: number; lng: number } | null;
  shopperLocation?: { lat: number; lng: number } | null;
  customerId: string | null;
  isFirstPurchase: boolean | null;
  customerSegmentIds: ReadonlySet<string>;
}

const fail = (reason: NotApplicableReason, detail: string): RuleResult => ({ ok: false, reason, detail });

export const basketTotal = (lines: readonly BasketLine[]) => lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0);

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Weekday and minutes since midnight of an instant in an IANA time zone. */
export function localTime(at: Date, timeZone: string): { day: Weekday; minutes: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function inWindows(windows: TimeWindow[], at: Date, timeZone: string): boolean {
  const now = localTime(at, timeZone);
  return windows.some((w) => w.days.includes(now.day) && now.minutes >= toMinutes(w.from) && now.minutes < toMinutes(w.to));
}

/** Checks an offer's conditions against the sale; the first failing condition is the reason. */
export function checkConditions(c: OfferConditions, lines: readonly BasketLine[], facts: SaleFacts): RuleResult | null {
  if (c.channel && c.channel !== 'both' && c.channel !== facts.channel) {
    return fail('wrong_channel', c.channel === 'online' ? 'This offer is for online orders only' : 'This offer is for in-store purchases only');
  }
  if (c.storeIds?.length && (!facts.storeId || !c.storeIds.includes(facts.storeId))) {
    return fail('wrong_store', 'This offer does not apply at this store');
  }
  if (c.minSpendMinor && basketTotal(lines) < c.minSpendMinor) {
    return fail('min_spend_not_met', `Spend at least ${c.minSpendMinor} (minor units) to use this offer`);
  }
  if (c.windows?.length && !inWindows(c.windows, facts.at, facts.storeTimezone ?? 'UTC')) {
    return fail('outside_time_window', 'This offer is not valid at this day or time');
  }
  if (c.maxDistanceM && facts.channel === 'online') {
    if (!facts.shopperLocation || !facts.storeLocation) return fail('location_required', 'This offer needs your location and a store');
    if (distanceM(facts.shopperLocation, facts.storeLocation) > c.maxDistanceM) return fail('too_far', 'You are too far from the store for this offer');
  }
  if (c.segmentIds?.length || c.firstPurchase) {
    if (!facts.customerId) return fail('customer_required', 'Sign in or identify the customer to use this offer');
  }
  if (c.segmentIds?.length && !c.segmentIds.some((s) => facts.customerSegmentIds.has(s))) {
    return fail('not_in_segment', 'This offer is reserved for selected customers');
  }
  if (c.firstPurchase && facts.isFirstPurchase === false) {
    return fail('first_purchase_only', 'This offer is for a first purchase only');
  }
  return null;
}

const eligibleIndexes = (c: OfferConditions, lines: readonly BasketLine[]) =>
  lines.flatMap((l, i) => {
    const any = !c.productIds?.length && !c.categoryIds?.length;
    const byProduct = !!l.productId && !!c.productIds?.includes(l.productId);
    const byCategory = !!l.categoryId && !!c.categoryIds?.includes(l.categoryId);
    return any || byProduct || byCategory ? [i] : [];
  });

/** Spreads an amount over lines in proportion to their remaining value, never past a line's remaining. */
function spread(amount: number, idx: number[], remaining: number[]): Applied['lines'] {
  const pool = idx.reduce((s, i) => s + remaining[i], 0);
  if (pool <= 0 || amount <= 0) return [];
  let left = Math.min(amount, pool);
  const out = idx.map((i) => {
    const d = Math.min(remaining[i], Math.floor((amount * remaining[i]) / pool));
    left -= d;
    return { index: i, discountMinor: d };
  });
  for (const o of out) {
    if (left <= 0) break;
    const extra = Math.min(left, remaining[o.index] - o.discountMinor);
    o.discountMinor += extra;
    left -= extra;
  }
  return out.filter((o) => o.discountMinor > 0);
}

/** Takes up to `units` units, cheapest first (or dearest first), discounting each by perUnit(unitPrice). */
function discountUnits(lines: readonly BasketLine[], idx: number[], remaining: number[], units: number, perUnit: (price: number) => number, cheapestFirst: boolean) {
  const order = [...idx].sort((a, b) => (cheapestFirst ? 1 : -1) * (lines[a].unitPriceMinor - lines[b].unitPriceMinor));
  const out: Applied['lines'] = [];
  for (const i of order) {
    if (units <= 0) break;
    const n = Math.min(units, lines[i].quantity);
    const d = Math.min(remaining[i], n * perUnit(lines[i].unitPriceMinor));
    if (d > 0) out.push({ index: i, discountMinor: d });
    units -= n;
  }
  return out;
}

const percentOf = (idx: number[], remaining: number[], bp: number, cap?: number) =>
  spread(Math.min(cap ?? Infinity, idx.reduce((s, i) => s + Math.floor((remaining[i] * bp) / 10_000), 0)), idx, remaining);

/**
 * The discount an offer gives on a basket, given what earlier (higher priority) offers already took
 * (`remaining` is each line's value still undiscounted). Pure: no I/O.
 */
export function computeOffer(kind: OfferKind, p: OfferParams, c: OfferConditions, lines: readonly BasketLine[], remaining: number[], fulfilment?: string | null): RuleResult {
  const idx = eligibleIndexes(c, lines);
  const total = (parts: Applied['lines']) => parts.reduce((s, x) => s + x.discountMinor, 0);
  const done = (parts: Applied['lines'], extra: Partial<Applied> = {}): RuleResult => ({ ok: true, applied: { discountMinor: total(parts), lines: parts, ...extra } });
  const needItems = kind !== 'points_multiplier' && kind !== 'gift_with_purchase';
  if (needItems && idx.length === 0) return fail('no_eligible_items', 'No item in the basket qualifies for this offer');
  switch (kind) {
    case 'percent_off':
      return done(percentOf(idx, remaining, p.percentBp ?? 0, p.maxDiscountMinor));
    case 'amount_off':
      return done(spread(p.amountMinor ?? 0, idx, remaining));
    case 'pickup_discount':
      if (fulfilment !== 'pickup') return fail('pickup_only', 'This discount is for orders collected in store');
      return done(p.percentBp ? percentOf(idx, remaining, p.percentBp, p.maxDiscountMinor) : spread(p.amountMinor ?? 0, idx, remaining));
    case 'fixed_price':
      return done(discountUnits(lines, idx, remaining, p.maxUnits ?? Infinity, (price) => Math.max(0, price - (p.priceMinor ?? 0)), false));
    case 'free_item': {
      const target = p.variantId ? idx.filter((i) => lines[i].variantId === p.variantId) : idx;
      if (target.length === 0) return fail('free_item_not_in_basket', 'Add the free item to the basket to use this offer');
      return done(discountUnits(lines, target, remaining, p.maxUnits ?? 1, (price) => price, true));
    }
    case 'buy_x_get_y': {
      const buy = p.buyQuantity ?? 1;
      const get = p.getQuantity ?? 1;
      const units = idx.reduce((s, i) => s + lines[i].quantity, 0);
      const free = Math.floor(units / (buy + get)) * get;
      if (free === 0) return fail('no_eligible_items', `Buy ${buy + get} qualifying items to get ${get} of them off`);
      const bp = p.percentBp ?? 10_000;
      return done(discountUnits(lines, idx, remaining, free, (price) => Math.floor((price * bp) / 10_000), true));
    }
    case 'gift_with_purchase': {
      const giftLine = lines.findIndex((l) => l.variantId === p.variantId);
      const parts = giftLine >= 0 ? discountUnits(lines, [giftLine], remaining, 1, (price) => price, true) : [];
      return done(parts, { gift: { variantId: p.variantId!, quantity: 1 } });
    }
    case 'points_multiplier':
      return done([], { pointsMultiplier: p.multiplier ?? 1 });
  }
}
