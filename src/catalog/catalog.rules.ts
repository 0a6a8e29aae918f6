import { AppError } from '../platform/errors.ts';
import { isValidEan13 } from './ean.ts';
import type { Localized } from './catalog.table.ts';

export const LOCALES = ['en', 'fa', 'ar', 'ru', 'ms', 'th'] as const;
export type ProductStatus = 'draft' | 'active' | 'archived';

/** Product lifecycle: which status may follow which (shoppers only ever see active). */
export const PRODUCT_TRANSITIONS: Record<ProductStatus, ProductStatus[]> = {
  draft: ['active', 'archived'],
  active: ['draft', 'archived'],
  archived: ['active', 'draft'],
};

export function checkTransition(from: ProductStatus, to: ProductStatus) {
  if (from !== to && !PRODUCT_TRANSITIONS[from].includes(to)) {
    throw new AppError('invalid_transition', `A ${from} product cannot become ${to}`);
  }
}

export interface PriceInput { currency: string; priceMinor: number; pickupPriceMinor?: number | null; compareAtMinor?: number | null }
export interface VariantInput {
  sku: string;
  barcode?: string | null;
  options?: Record<string, string>;
  status?: 'active' | 'archived';
  returnable?: boolean;
  costMinor?: number | null;
  prices?: PriceInput[];
}

export function checkLocalized(field: string, text: Localized | undefined, required: boolean) {
  if (!text) {
    if (required) throw new AppError('validation', `${field} is required`);
    return;
  }
  for (const locale of Object.keys(text)) {
    if (!(LOCALES as readonly string[]).includes(locale)) throw new AppError('validation', `${field}: unsupported locale "${locale}" (use ${LOCALES.join(', ')})`);
  }
  if (required && !text.en?.trim()) throw new AppError('validation', `${field}.en is required`);
}

export function checkPrice(where: string, p: PriceInput) {
  if (!/^[A-Z]{3}$/.test(p.currency)) throw new AppError('validation', `${where}: currency must be an ISO 4217 code such as MYR`);
  if (!Number.isSafeInteger(p.priceMinor) || p.priceMinor < 0) throw new AppError('validation', `${where}: priceMinor must be a whole number of minor units, 0 or more`);
  if (p.pickupPriceMinor != null && (!Number.isSafeInteger(p.pickupPriceMinor) || p.pickupPriceMinor < 0 || p.pickupPriceMinor > p.priceMinor)) {
    throw new AppError('validation', `${where}: the pickup price must be a whole number no higher than the price`);
  }
  if (p.compareAtMinor != null && (!Number.isSafeInteger(p.compareAtMinor) || p.compareAtMinor < 0)) throw new AppError('validation', `${where}: compareAtMinor must be 0 or more`);
}

export function checkVariant(where: string, v: Partial<VariantInput>) {
  if (v.sku !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._\/-]{0,63}$/.test(v.sku)) {
    throw new AppError('validation', `${where}: SKU "${v.sku}" may hold letters, digits, . _ / - (up to 64)`);
  }
  if (v.barcode != null && !isValidEan13(v.barcode)) {
    throw new AppError('validation', `${where}: barcode ${v.barcode} is not a valid EAN-13 (13 digits with a correct check digit)`, { sku: v.sku });
  }
  const currencies = new Set<string>();
  for (const p of v.prices ?? []) {
    checkPrice(`${where} ${p.currency}`, p);
    if (currencies.has(p.currency)) throw new AppError('validation', `${where}: two prices in ${p.currency}`);
    currencies.add(p.currency);
  }
}

/** A unique violation from either backend, answered as a conflict that names what clashed. */
export function conflictOnUnique(err: unknown, what: string): never {
  if ((err as { code?: string })?.code === '23505') throw new AppError('conflict', `${what} is already used`);
  throw err;
}

export const priceColumns = (merchantId: string, variantId: string, p: PriceInput) => ({
  merchant_id: merchantId, variant_id: variantId, currency: p.currency, price_minor: p.priceMinor,
  pickup_price_minor: p.pickupPriceMinor ?? null, compare_at_minor: p.compareAtMinor ?? null,
});
