import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import { buildSearchText, searchPatterns } from './search-text.ts';

export const findProduct = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('products').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const findProductByHandle = (db: Executor, merchantId: string, handle: string) =>
  db.selectFrom('products').selectAll().where('merchant_id', '=', merchantId).where('handle', '=', handle).executeTakeFirst();

export const variantsOfProducts = (db: Executor, merchantId: string, productIds: string[]) =>
  productIds.length === 0 ? Promise.resolve([]) : db.selectFrom('variants').selectAll().where('merchant_id', '=', merchantId)
    .where('product_id', 'in', productIds).orderBy('product_id').orderBy('sku').execute();

export const pricesOfVariants = (db: Executor, merchantId: string, variantIds: string[], currency?: string) => {
  if (variantIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('variant_prices').selectAll().where('merchant_id', '=', merchantId).where('variant_id', 'in', variantIds);
  if (currency) q = q.where('currency', '=', currency);
  return q.orderBy('currency').execute();
};

export interface ProductFilter {
  q?: string;
  statuses?: ('draft' | 'active' | 'archived')[];
  categoryIds?: string[];
  limit: number;
  offset: number;
}

/** Products matching every word of `q` in names (any script), handle, SKUs or barcodes. */
export async function searchProducts(db: Executor, merchantId: string, f: ProductFilter) {
  let q = db.selectFrom('products').where('merchant_id', '=', merchantId);
  if (f.statuses) q = q.where('status', 'in', f.statuses);
  if (f.categoryIds) q = q.where('category_id', 'in', f.categoryIds.length ? f.categoryIds : ['00000000-0000-0000-0000-000000000000']);
  for (const pattern of f.q ? searchPatterns(f.q) : []) q = q.where('search_text', 'like', pattern);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('handle').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Recomputes the normalised search text of products after names, SKUs or barcodes change. */
export async function refreshSearchText(db: Executor, merchantId: string, productIds: string[]) {
  if (productIds.length === 0) return;
  const products = await db.selectFrom('products').select(['id', 'handle', 'name']).where('merchant_id', '=', merchantId).where('id', 'in', productIds).execute();
  const variants = await variantsOfProducts(db, merchantId, productIds);
  const texts = products.map((p) => buildSearchText({ handle: p.handle, name: p.name, variants: variants.filter((v) => v.product_id === p.id) }));
  await sql`
    update products p set search_text = t.text
    from unnest(${products.map((p) => p.id)}::uuid[], ${texts}::text[]) as t(id, text)
    where p.merchant_id = ${merchantId} and p.id = t.id`.execute(db);
}

/** Category ids of a category and all its descendants (browse a parent shows its children's products). */
export async function categoryWithDescendants(db: Executor, merchantId: string, slugOrId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive tree as (
      select id from categories where merchant_id = ${merchantId} and (slug = ${slugOrId} or id::text = ${slugOrId})
      union
      select c.id from categories c join tree t on c.parent_id = t.id where c.merchant_id = ${merchantId}
    ) select id from tree`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** Per variant: units available across active stores and how many stores have any. */
export async function stockSummary(db: Executor, merchantId: string, variantIds: string[]) {
  if (variantIds.length === 0) return new Map<string, { available: number; stores: number }>();
  const rows = await sql<{ variant_id: string; available: number; stores: number }>`
    select l.variant_id, coalesce(sum(greatest(l.on_hand - l.reserved - l.safety_stock, 0)), 0)::int as available,
      count(*) filter (where l.on_hand - l.reserved - l.safety_stock > 0)::int as stores
    from stock_levels l join stores s on s.merchant_id = l.merchant_id and s.id = l.store_id and s.status = 'active'
    where l.merchant_id = ${merchantId} and l.variant_id = any(${variantIds}::uuid[])
    group by l.variant_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.variant_id, { available: r.available, stores: r.stores }]));
}
