import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db, Executor, Trx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit, emitEvent } from '../platform/outbox.ts';
import type { Localized } from './catalog.table.ts';
import {
  checkLocalized, checkTransition, checkVariant, conflictOnUnique, priceColumns,
  type PriceInput, type ProductStatus, type VariantInput,
} from './catalog.rules.ts';
import * as repo from './product.repository.ts';

export interface ProductInput {
  handle: string;
  status?: ProductStatus;
  categoryId?: string | null;
  name: Localized;
  description?: Localized;
  images?: { url: string; alt?: string }[];
  variants?: VariantInput[];
}

/** A product with its variants and every price, as admins see it. */
export async function productView(db: Executor, merchantId: string, id: string) {
  const p = await repo.findProduct(db, merchantId, id);
  if (!p) throw notFound('Product');
  const variants = await repo.variantsOfProducts(db, merchantId, [id]);
  const prices = await repo.pricesOfVariants(db, merchantId, variants.map((v) => v.id));
  return {
    id: p.id, handle: p.handle, status: p.status, categoryId: p.category_id, name: p.name, description: p.description, images: p.images,
    createdAt: p.created_at, updatedAt: p.updated_at,
    variants: variants.map((v) => ({
      id: v.id, sku: v.sku, barcode: v.barcode, options: v.options, status: v.status, returnable: v.returnable, costMinor: v.cost_minor,
      prices: prices.filter((x) => x.variant_id === v.id).map((x) => ({ currency: x.currency, priceMinor: x.price_minor, pickupPriceMinor: x.pickup_price_minor, compareAtMinor: x.compare_at_minor })),
    })),
  };
}

async function checkCategory(db: Executor, merchantId: string, categoryId: string | null | undefined) {
  if (!categoryId) return;
  const found = await db.selectFrom('categories').select('id').where('merchant_id', '=', merchantId).where('id', '=', categoryId).executeTakeFirst();
  if (!found) throw new AppError('validation', `Unknown category ${categoryId}`);
}

async function insertVariants(trx: Trx, merchantId: string, productId: string, variants: VariantInput[]) {
  const ids: string[] = [];
  for (const v of variants) {
    const id = randomUUID();
    ids.push(id);
    await trx.insertInto('variants').values({
      merchant_id: merchantId, id, product_id: productId, sku: v.sku, barcode: v.barcode ?? null, options: JSON.stringify(v.options ?? {}),
      status: v.status ?? 'active', returnable: v.returnable ?? true, cost_minor: v.costMinor ?? null,
    }).execute().catch((err) => conflictOnUnique(err, `SKU ${v.sku} or barcode ${v.barcode ?? ''}`));
    if (v.prices?.length) await trx.insertInto('variant_prices').values(v.prices.map((p) => priceColumns(merchantId, id, p))).execute();
  }
  return ids;
}

export async function createProduct(db: Db, actor: Actor, input: ProductInput) {
  requireAccess(actor, Permission.CatalogManage);
  checkLocalized('name', input.name, true);
  checkLocalized('description', input.description, false);
  (input.variants ?? []).forEach((v, i) => checkVariant(`variant ${i + 1} (${v.sku})`, v));
  const skus = (input.variants ?? []).map((v) => v.sku);
  if (new Set(skus).size !== skus.length) throw new AppError('validation', 'Two variants share a SKU');
  if ((input.status ?? 'draft') === 'active' && !input.variants?.length) throw new AppError('validation', 'An active product needs at least one variant');
  await checkCategory(db, actor.merchantId, input.categoryId);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('products').values({
      merchant_id: actor.merchantId, id, handle: input.handle, status: input.status ?? 'draft', category_id: input.categoryId ?? null,
      name: JSON.stringify(input.name), description: JSON.stringify(input.description ?? {}), images: JSON.stringify(input.images ?? []),
    }).execute().catch((err) => conflictOnUnique(err, `Handle ${input.handle}`));
    await insertVariants(trx, actor.merchantId, id, input.variants ?? []);
    await repo.refreshSearchText(trx, actor.merchantId, [id]);
    await audit(trx, actor, 'product.created', { type: 'product', id }, { handle: input.handle });
    await emitEvent(trx, actor.merchantId, 'product.created', { productId: id, handle: input.handle, status: input.status ?? 'draft', skus });
  });
  return productView(db, actor.merchantId, id);
}

export async function updateProduct(db: Db, actor: Actor, id: string, input: Partial<Omit<ProductInput, 'variants'>>) {
  requireAccess(actor, Permission.CatalogManage);
  if (input.name) checkLocalized('name', input.name, true);
  checkLocalized('description', input.description, false);
  await checkCategory(db, actor.merchantId, input.categoryId);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('products').select(['status']).where('merchant_id', '=', actor.merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('Product');
    if (input.status) {
      checkTransition(current.status, input.status);
      if (input.status === 'active') {
        const variant = await trx.selectFrom('variants').select('id').where('merchant_id', '=', actor.merchantId).where('product_id', '=', id).executeTakeFirst();
        if (!variant) throw new AppError('invalid_transition', 'A product needs at least one variant before it can be active');
      }
    }
    await trx.updateTable('products').set({
      ...(input.handle !== undefined ? { handle: input.handle } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
      ...(input.name !== undefined ? { name: JSON.stringify(input.name) } : {}),
      ...(input.description !== undefined ? { description: JSON.stringify(input.description) } : {}),
      ...(input.images !== undefined ? { images: JSON.stringify(input.images) } : {}),
      updated_at: new Date(),
    }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute().catch((err) => conflictOnUnique(err, `Handle ${input.handle}`));
    await repo.refreshSearchText(trx, actor.merchantId, [id]);
    await audit(trx, actor, 'product.updated', { type: 'product', id }, { fields: Object.keys(input) });
    await emitEvent(trx, actor.merchantId, 'product.updated', { productId: id, fields: Object.keys(input), status: input.status ?? current.status });
  });
  return productView(db, actor.merchantId, id);
}

export async function addVariant(db: Db, actor: Actor, productId: string, input: VariantInput) {
  requireAccess(actor, Permission.CatalogManage);
  checkVariant(`variant ${input.sku}`, input);
  if (!(await repo.findProduct(db, actor.merchantId, productId))) throw notFound('Product');
  await db.transaction().execute(async (trx) => {
    const [id] = await insertVariants(trx, actor.merchantId, productId, [input]);
    await repo.refreshSearchText(trx, actor.merchantId, [productId]);
    await audit(trx, actor, 'variant.created', { type: 'variant', id }, { sku: input.sku });
    await emitEvent(trx, actor.merchantId, 'product.updated', { productId, fields: ['variants'], variantId: id, sku: input.sku });
  });
  return productView(db, actor.merchantId, productId);
}

export async function updateVariant(db: Db, actor: Actor, variantId: string, input: Partial<Omit<VariantInput, 'prices'>>) {
  requireAccess(actor, Permission.CatalogManage);
  checkVariant(`variant ${input.sku ?? variantId}`, input);
  const productId = await db.transaction().execute(async (trx) => {
    const v = await trx.selectFrom('variants').select(['product_id', 'sku']).where('merchant_id', '=', actor.merchantId).where('id', '=', variantId).forUpdate().executeTakeFirst();
    if (!v) throw notFound('Variant');
    await trx.updateTable('variants').set({
      ...(input.sku !== undefined ? { sku: input.sku } : {}),
      ...(input.barcode !== undefined ? { barcode: input.barcode } : {}),
      ...(input.options !== undefined ? { options: JSON.stringify(input.options) } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.returnable !== undefined ? { returnable: input.returnable } : {}),
      ...(input.costMinor !== undefined ? { cost_minor: input.costMinor } : {}),
      updated_at: new Date(),
    }).where('merchant_id', '=', actor.merchantId).where('id', '=', variantId).execute()
      .catch((err) => conflictOnUnique(err, `SKU ${input.sku ?? v.sku} or barcode ${input.barcode ?? ''}`));
    await repo.refreshSearchText(trx, actor.merchantId, [v.product_id]);
    await audit(trx, actor, 'variant.updated', { type: 'variant', id: variantId }, { fields: Object.keys(input) });
    await emitEvent(trx, actor.merchantId, 'product.updated', { productId: v.product_id, variantId, fields: Object.keys(input) });
    return v.product_id;
  });
  return productView(db, actor.merchantId, productId);
}

/** Sets (or replaces) one currency's price of a variant, with its optional pickup price. */
export async function setPrice(db: Db, actor: Actor, variantId: string, price: PriceInput) {
  requireAccess(actor, Permission.CatalogManage);
  checkVariant('price', { prices: [price] });
  await db.transaction().execute(async (trx) => {
    const v = await trx.selectFrom('variants').select(['sku', 'product_id']).where('merchant_id', '=', actor.merchantId).where('id', '=', variantId).executeTakeFirst();
    if (!v) throw notFound('Variant');
    const before = await trx.selectFrom('variant_prices').selectAll().where('merchant_id', '=', actor.merchantId)
      .where('variant_id', '=', variantId).where('currency', '=', price.currency).forUpdate().executeTakeFirst();
    const cols = priceColumns(actor.merchantId, variantId, price);
    await trx.insertInto('variant_prices').values(cols)
      .onConflict((oc) => oc.columns(['merchant_id', 'variant_id', 'currency']).doUpdateSet({ price_minor: cols.price_minor, pickup_price_minor: cols.pickup_price_minor, compare_at_minor: cols.compare_at_minor }))
      .execute();
    await audit(trx, actor, 'price.changed', { type: 'variant', id: variantId }, { ...price, before: before?.price_minor ?? null });
    await emitEvent(trx, actor.merchantId, 'price.changed', {
      variantId, productId: v.product_id, sku: v.sku, currency: price.currency, priceMinor: price.priceMinor,
      pickupPriceMinor: price.pickupPriceMinor ?? null, compareAtMinor: price.compareAtMinor ?? null, previousPriceMinor: before?.price_minor ?? null,
    });
  });
  return productView(db, actor.merchantId, (await db.selectFrom('variants').select('product_id').where('merchant_id', '=', actor.merchantId).where('id', '=', variantId).executeTakeFirstOrThrow()).product_id);
}

export async function getProductForStaff(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CatalogRead);
  return productView(db, actor.merchantId, id);
}

export async function listProductsForStaff(db: Db, actor: Actor, f: { q?: string; status?: ProductStatus; category?: string; limit?: number; offset?: number }) {
  requireAccess(actor, Permission.CatalogRead);
  const categoryIds = f.category ? await repo.categoryWithDescendants(db, actor.merchantId, f.category) : undefined;
  const { items, total } = await repo.searchProducts(db, actor.merchantId, {
    q: f.q, statuses: f.status ? [f.status] : undefined, categoryIds, limit: f.limit ?? 50, offset: f.offset ?? 0,
  });
  const variants = await repo.variantsOfProducts(db, actor.merchantId, items.map((p) => p.id));
  return {
    total,
    items: items.map((p) => ({
      id: p.id, handle: p.handle, status: p.status, categoryId: p.category_id, name: p.name, images: p.images,
      variants: variants.filter((v) => v.product_id === p.id).map((v) => ({ id: v.id, sku: v.sku, barcode: v.barcode, options: v.options, status: v.status })),
    })),
  };
}
