import type { Executor } from '../../platform/db.ts';
import type { BasketLine } from '../offers/offer-rules.ts';

/** A basket line as a till knows it: often just a SKU (or variant id), a quantity and a price. */
export interface TillLine {
  variantId?: string;
  sku?: string;
  productId?: string;
  categoryId?: string;
  quantity: number;
  unitPriceMinor: number;
}

/** Fills in product and category from the catalog so product and category conditions can be checked. */
export async function resolveLines(db: Executor, merchantId: string, lines: TillLine[]): Promise<BasketLine[]> {
  const variantIds = [...new Set(lines.filter((l) => l.variantId && !l.productId).map((l) => l.variantId!))];
  const skus = [...new Set(lines.filter((l) => !l.variantId && l.sku && !l.productId).map((l) => l.sku!))];
  const found = variantIds.length || skus.length
    ? await db.selectFrom('variants').innerJoin('products', (j) => j.onRef('products.merchant_id', '=', 'variants.merchant_id').onRef('products.id', '=', 'variants.product_id'))
      .select(['variants.id', 'variants.sku', 'variants.product_id', 'products.category_id'])
      .where('variants.merchant_id', '=', merchantId)
      .where((eb) => eb.or([
        ...(variantIds.length ? [eb('variants.id', 'in', variantIds)] : []),
        ...(skus.length ? [eb('variants.sku', 'in', skus)] : []),
      ])).execute()
    : [];
  const byId = new Map(found.map((v) => [v.id, v]));
  const bySku = new Map(found.map((v) => [v.sku, v]));
  return lines.map((l) => {
    const v = (l.variantId && byId.get(l.variantId)) || (l.sku && bySku.get(l.sku)) || undefined;
    return {
      variantId: l.variantId ?? v?.id ?? null,
      productId: l.productId ?? v?.product_id ?? null,
      categoryId: l.categoryId ?? v?.category_id ?? null,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
    };
  });
}
