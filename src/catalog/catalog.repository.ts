import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import type { Localized } from './catalog.table.ts';

export interface VariantPrice {
  currency: string;
  priceMinor: number;
  /** Lower price when collected in store, or null when the same as priceMinor. */
  pickupPriceMinor: number | null;
  compareAtMinor: number | null;
}

/** A variant as sellers and carts need it: with its product, category and prices. */
export interface CatalogVariant {
  id: string;
  sku: string;
  barcode: string | null;
  options: Record<string, string>;
  status: 'active' | 'archived';
  returnable: boolean;
  costMinor: number | null;
  product: {
    id: string;
    handle: string;
    status: 'draft' | 'active' | 'archived';
    name: Localized;
    description: Localized;
    images: { url: string; alt?: string }[];
  };
  category: { id: string; slug: string; name: Localized } | null;
  prices: VariantPrice[];
}

function variantQuery(db: Executor, merchantId: string) {
  return db.selectFrom('variants as v')
    .innerJoin('products as p', (j) => j.onRef('p.merchant_id', '=', 'v.merchant_id').onRef('p.id', '=', 'v.product_id'))
    .leftJoin('categories as c', (j) => j.onRef('c.merchant_id', '=', 'p.merchant_id').onRef('c.id', '=', 'p.category_id'))
    .select([
      'v.id', 'v.sku', 'v.barcode', 'v.options', 'v.status', 'v.returnable', 'v.cost_minor',
      'p.id as product_id', 'p.handle', 'p.status as product_status', 'p.name', 'p.description', 'p.images',
      'c.id as category_id', 'c.slug as category_slug', 'c.name as category_name',
    ])
    .select(sql<VariantPrice[]>`coalesce((
      select jsonb_agg(jsonb_build_object('currency', vp.currency, 'priceMinor', vp.price_minor, 'pickupPriceMinor', vp.pickup_price_minor,
        'compareAtMinor', vp.compare_at_minor) order by vp.currency)
      from variant_prices vp where vp.merchant_id = v.merchant_id and vp.variant_id = v.id), '[]'::jsonb)`.as('prices'))
    .where('v.merchant_id', '=', merchantId);
}

type VariantRow = Awaited<ReturnType<ReturnType<typeof variantQuery>['executeTakeFirstOrThrow']>>;

function toCatalogVariant(r: VariantRow): CatalogVariant {
  return {
    id: r.id, sku: r.sku, barcode: r.barcode, options: r.options, status: r.status, returnable: r.returnable, costMinor: r.cost_minor,
    product: { id: r.product_id, handle: r.handle, status: r.product_status, name: r.name, description: r.description, images: r.images },
    category: r.category_id ? { id: r.category_id, slug: r.category_slug!, name: r.category_name! } : null,
    prices: r.prices.map((p) => ({ ...p, priceMinor: Number(p.priceMinor), pickupPriceMinor: p.pickupPriceMinor === null ? null : Number(p.pickupPriceMinor), compareAtMinor: p.compareAtMinor === null ? null : Number(p.compareAtMinor) })),
  };
}

/** Variants by id, in the order asked; ids of another merchant or unknown ids are simply absent. */
export async function findVariantsByIds(db: Executor, merchantId: string, ids: readonly string[]): Promise<CatalogVariant[]> {
  if (ids.length === 0) return [];
  const rows = await variantQuery(db, merchantId).where('v.id', 'in', [...new Set(ids)]).execute();
  const byId = new Map(rows.map((r) => [r.id, toCatalogVariant(r)]));
  return ids.map((id) => byId.get(id)).filter((v): v is CatalogVariant => !!v);
}

/** What a till scans or types: a SKU (exact, case-insensitive) or a barcode. */
export async function findVariantBySkuOrBarcode(db: Executor, merchantId: string, code: string): Promise<CatalogVariant | null> {
  const trimmed = code.trim();
  const row = await variantQuery(db, merchantId)
    .where((eb) => eb.or([eb('v.barcode', '=', trimmed), eb(eb.fn('upper', ['v.sku']), '=', trimmed.toUpperCase())]))
    .executeTakeFirst();
  return row ? toCatalogVariant(row) : null;
}

/** SKU to variant id for many SKUs at once (imports, batch movements). */
export async function variantIdsBySku(db: Executor, merchantId: string, skus: readonly string[]): Promise<Map<string, string>> {
  if (skus.length === 0) return new Map();
  const rows = await sql<{ id: string; sku: string }>`
    select v.id, v.sku from variants v where v.merchant_id = ${merchantId} and v.sku = any(${[...new Set(skus)]}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.sku, r.id]));
}
