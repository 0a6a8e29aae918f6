import { Type } from '@sinclair/typebox';
import { list, MerchantParam, Paging, shopperActor, type RouteModule } from '../platform/http.ts';
import { AppError } from '../platform/errors.ts';
import * as browse from './browse.ts';
import { CategoryOut, LocaleQuery, ShopProductCard, ShopProductPage } from './catalog.schemas.ts';
import { PLACEHOLDER_KEY, placeholderSvg } from './placeholder-image.ts';

const tags = ['storefront'];
// The storefront gets the category name already picked for its locale.
const ShopCategory = Type.Composite([Type.Omit(CategoryOut, ['name']), Type.Object({ name: Type.String() })]);

/** Storefront catalog: browse, search in any script, product page with stock near the shopper. */
export const catalogShopperRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/shop/:merchant/categories', {
    schema: { tags, summary: 'Categories', params: MerchantParam, querystring: Type.Object({ locale: LocaleQuery }), response: { 200: list(ShopCategory) } },
  }, async (req) => ({ items: await browse.shopperCategories(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.query.locale) }));

  app.get('/v1/shop/:merchant/products', {
    schema: {
      tags, summary: 'Browse and search active products (names in any of six languages, SKUs, barcodes)', params: MerchantParam,
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), category: Type.Optional(Type.String({ maxLength: 120 })), locale: LocaleQuery, ...Paging }, { additionalProperties: false }),
      response: { 200: list(ShopProductCard) },
    },
  }, async (req) => browse.browseProducts(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.query));

  app.get('/v1/shop/:merchant/products/:handle', {
    schema: {
      tags, summary: 'Product page with prices, pickup prices and stock in the nearest stores', params: Type.Intersect([MerchantParam, Type.Object({ handle: Type.String({ maxLength: 120 }) })]),
      querystring: Type.Object({
        locale: LocaleQuery, lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })), lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
        radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20000 })),
      }, { additionalProperties: false }),
      response: { 200: ShopProductPage },
    },
  }, async (req) => browse.productPage(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.handle, req.query));

  app.get('/v1/shop/:merchant/images/:file', {
    schema: {
      tags, summary: 'Placeholder product picture (SVG drawn by Footfall)', params: Type.Intersect([MerchantParam, Type.Object({ file: Type.String({ maxLength: 100 }) })]),
      querystring: Type.Object({ label: Type.Optional(Type.String({ maxLength: 40 })) }),
    },
  }, async (req, reply) => {
    const key = req.params.file.replace(/\.svg$/, '');
    if (!req.params.file.endsWith('.svg') || !PLACEHOLDER_KEY.test(key)) throw new AppError('not_found', 'No such image');
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(placeholderSvg(key, req.query.label));
  });
};
