import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { storesAbleToFulfil } from '../inventory/availability.ts';
import { checkCoordinates } from '../stores/geo.ts';
import type { Localized } from './catalog.table.ts';
import * as repo from './product.repository.ts';

/** The text in the shopper's locale, falling back to English, then to any translation. */
export const pick = (text: Localized, locale: string) => text[locale] ?? text.en ?? Object.values(text)[0] ?? '';

async function merchantCurrency(db: Db, merchantId: string) {
  return (await db.selectFrom('merchants').select('currency').where('id', '=', merchantId).executeTakeFirstOrThrow()).currency;
}

async function shopperVariants(db: Db, merchantId: string, productIds: string[], currency: string) {
  const variants = (await repo.variantsOfProducts(db, merchantId, productIds)).filter((v) => v.status === 'active');
  const prices = await repo.pricesOfVariants(db, merchantId, variants.map((v) => v.id), currency);
  const stock = await repo.stockSummary(db, merchantId, variants.map((v) => v.id));
  return variants.map((v) => {
    const price = prices.find((p) => p.variant_id === v.id);
    const s = stock.get(v.id) ?? { available: 0, stores: 0 };
    return {
      productId: v.product_id, id: v.id, sku: v.sku, barcode: v.barcode, options: v.options,
      price: price ? { amount: price.price_minor, currency } : null,
      pickupPrice: price?.pickup_price_minor != null ? { amount: price.pickup_price_minor, currency } : null,
      compareAt: price?.compare_at_minor != null ? { amount: price.compare_at_minor, currency } : null,
      stock: { available: s.available, storesInStock: s.stores },
    };
  });
}

export interface BrowseQuery { q?: string; category?: string; locale?: string; limit?: number; offset?: number }

/** Storefront listing and search: active products only, names in the shopper's locale, prices in the shop currency. */
export async function browseProducts(db: Db, actor: Actor, f: BrowseQuery) {
  requireAccess(actor, Permission.CatalogRead);
  const locale = f.locale ?? 'en';
  const categoryIds = f.category ? await repo.categoryWithDescendants(db, actor.merchantId, f.category) : undefined;
  const { items, total } = await repo.searchProducts(db, actor.merchantId, { q: f.q, statuses: ['active'], categoryIds, limit: f.limit ?? 24, offset: f.offset ?? 0 });
  const variants = await shopperVariants(db, actor.merchantId, items.map((p) => p.id), await merchantCurrency(db, actor.merchantId));
  return {
    total,
    items: items.map((p) => {
      const own = variants.filter((v) => v.productId === p.id);
      const amounts = own.map((v) => v.price?.amount).filter((a): a is number => a !== undefined);
      return {
        id: p.id, handle: p.handle, name: pick(p.name, locale), image: p.images[0] ?? null, categoryId: p.category_id,
        priceFrom: amounts.length ? { amount: Math.min(...amounts), currency: own[0].price!.currency } : null,
        inStock: own.some((v) => v.stock.available > 0),
        variants: own.map(({ productId: _, ...v }) => v),
      };
    }),
  };
}

/**
 * The product page: every active variant with its price, pickup price and stock across stores; with a
 * location, the nearest stores (open now, pickup-ready time) and their units of each variant.
 */
export async function productPage(db: Db, actor: Actor, handle: string, f: { locale?: string; lat?: number; lng?: number; radiusKm?: number }) {
  requireAccess(actor, Permission.CatalogRead);
  const near = checkCoordinates(f.lat, f.lng);
  const locale = f.locale ?? 'en';
  const p = await repo.findProductByHandle(db, actor.merchantId, handle);
  if (!p || p.status !== 'active') throw notFound('Product');
  const variants = (await shopperVariants(db, actor.merchantId, [p.id], await merchantCurrency(db, actor.merchantId))).map(({ productId: _, ...v }) => v);
  const category = p.category_id
    ? await db.selectFrom('categories').select(['id', 'slug', 'name']).where('merchant_id', '=', actor.merchantId).where('id', '=', p.category_id).executeTakeFirst()
    : undefined;
  const stores = near && variants.length
    ? (await storesAbleToFulfil(db, actor.merchantId, { lines: variants.map((v) => ({ variantId: v.id, quantity: 1 })), near, radiusKm: f.radiusKm ?? 25, limit: 10 }))
      .map((s) => ({
        id: s.id, code: s.code, name: s.name, distanceKm: s.distanceKm, openNow: s.openNow, opensAt: s.opensAt, pickupReadyAt: s.pickupReadyAt, timezone: s.timezone,
        stock: Object.fromEntries(s.lines.map((l) => [l.variantId, l.available])),
      }))
    : [];
  return {
    id: p.id, handle: p.handle, name: pick(p.name, locale), description: pick(p.description, locale), locale,
    images: p.images, category: category ? { id: category.id, slug: category.slug, name: pick(category.name, locale) } : null,
    variants, stores,
  };
}

export async function shopperCategories(db: Db, actor: Actor, locale = 'en') {
  requireAccess(actor, Permission.CatalogRead);
  const rows = await db.selectFrom('categories').selectAll().where('merchant_id', '=', actor.merchantId).orderBy('slug').execute();
  return rows.map((c) => ({ id: c.id, slug: c.slug, parentId: c.parent_id, name: pick(c.name, locale) }));
}
