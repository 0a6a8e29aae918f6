import { sql } from 'kysely';
import { batchIds, coalesced } from '../platform/coalesce.ts';
import type { Executor } from '../platform/db.ts';

export interface PricedVariant {
  variantId: string;
  sku: string;
  name: string;
  /** The price that applies to this fulfilment: the pickup price for store pickup when one is set. */
  unitPriceMinor: number;
  listPriceMinor: number;
  compareAtMinor: number | null;
  returnable: boolean;
  sellable: boolean;
}

export type PriceFulfilment = 'pickup' | 'reserve_pay_in_store' | 'delivery';

const localized = (names: Record<string, string>, locale: string) => names[locale] ?? names.en ?? Object.values(names)[0] ?? '';

/**
 * Catalog prices for a cart in the merchant currency. Variants without a price in that currency, or
 * archived or on an inactive product, come back unsellable so the caller can say why.
 */
export async function priceVariants(
  db: Executor,
  merchantId: string,
  variantIds: readonly string[],
  options: { currency: string; fulfilment: PriceFulfilment; locale?: string },
): Promise<Map<string, PricedVariant>> {
  if (variantIds.length === 0) return new Map();
  const rows = (await priceRowsOf(db, `${merchantId}|${options.currency}`, variantIds)).filter((r) => r !== undefined);
  const atStore = options.fulfilment !== 'delivery';
  return new Map(rows.map((r) => {
    const list = r.price_minor ?? 0;
    const optionText = Object.values(r.options ?? {}).join(' / ');
    const name = localized(r.name as Record<string, string>, options.locale ?? 'en');
    return [r.id, {
      variantId: r.id,
      sku: r.sku,
      name: optionText ? `${name} (${optionText})` : name,
      unitPriceMinor: atStore && r.pickup_price_minor !== null ? Math.min(r.pickup_price_minor, list) : list,
      listPriceMinor: list,
      compareAtMinor: r.compare_at_minor,
      returnable: r.returnable,
      sellable: r.status === 'active' && r.product_status === 'active' && r.price_minor !== null,
    }];
  }));
}

// Every checkout prices its cart: concurrent checkouts of one merchant and currency share one query.
const priceRowsOf = coalesced(async (db: Executor, group: string, keys: (readonly string[])[]) => {
  const [merchantId, currency] = group.split('|');
  const rows = await db
    .selectFrom('variants as v')
    .innerJoin('products as p', (j) => j.onRef('p.merchant_id', '=', 'v.merchant_id').onRef('p.id', '=', 'v.product_id'))
    .leftJoin('variant_prices as vp', (j) => j.onRef('vp.merchant_id', '=', 'v.merchant_id').onRef('vp.variant_id', '=', 'v.id').on('vp.currency', '=', currency))
    .select(['v.id', 'v.sku', 'v.options', 'v.status', 'v.returnable', 'p.name', 'p.status as product_status', 'vp.price_minor', 'vp.pickup_price_minor', 'vp.compare_at_minor'])
    .where('v.merchant_id', '=', merchantId)
    .where(sql<boolean>`v.id = any(${batchIds(keys.flat())}::uuid[])`)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return keys.map((ids) => ids.map((id) => byId.get(id)));
});

export interface TaxSetting { taxMode: 'inclusive' | 'exclusive'; taxRateBp: number }

/** Tax on an amount after discounts: carved out of it (inclusive) or added on top (exclusive). Half up. */
export function taxOn(amountMinor: number, tax: TaxSetting): number {
  if (tax.taxRateBp === 0 || amountMinor <= 0) return 0;
  return tax.taxMode === 'inclusive'
    ? Math.round((amountMinor * tax.taxRateBp) / (10_000 + tax.taxRateBp))
    : Math.round((amountMinor * tax.taxRateBp) / 10_000);
}
