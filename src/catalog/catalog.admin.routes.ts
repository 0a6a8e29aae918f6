import { Type } from '@sinclair/typebox';
import { bearer, list, Paging, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import { notFound } from '../platform/errors.ts';
import { requireAccess, Permission } from '../platform/access.ts';
import { findVariantBySkuOrBarcode } from './catalog.repository.ts';
import * as categories from './category.service.ts';
import * as products from './product.service.ts';
import { AdminProduct, CategoryBody, CategoryOut, Currency, PriceBody, ProductBody, ProductPatch, VariantBody, VariantPatch } from './catalog.schemas.ts';

const tags = ['catalog'];
const IdParam = Type.Object({ id: Uuid });

/** Catalog management (owners, admins) and the look-ups tills need (any staff). */
export const catalogAdminRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/admin/categories', {
    schema: { tags, summary: 'Categories', security: bearer, response: { 200: list(CategoryOut) } },
  }, async (req) => ({ items: await categories.listCategories(ctx.db, await staffActor(req, ctx)) }));

  app.post('/v1/admin/categories', {
    schema: { tags, summary: 'Create a category', security: bearer, body: CategoryBody, response: { 201: CategoryOut } },
  }, async (req, reply) => reply.code(201).send(await categories.createCategory(ctx.db, await staffActor(req, ctx), req.body)));

  app.patch('/v1/admin/categories/:id', {
    schema: { tags, summary: 'Change a category', security: bearer, params: IdParam, body: Type.Partial(CategoryBody, { additionalProperties: false }), response: { 200: CategoryOut } },
  }, async (req) => categories.updateCategory(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.get('/v1/admin/products', {
    schema: {
      tags, summary: 'Products in every status; q searches names (any script), SKUs and barcodes', security: bearer,
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')])),
        category: Type.Optional(Type.String({ maxLength: 120 })), ...Paging,
      }, { additionalProperties: false }),
      response: { 200: list(Type.Omit(AdminProduct, ['description'])) },
    },
  }, async (req) => products.listProductsForStaff(ctx.db, await staffActor(req, ctx), req.query));

  app.post('/v1/admin/products', {
    schema: { tags, summary: 'Create a product with its variants and prices', security: bearer, body: ProductBody, response: { 201: AdminProduct } },
  }, async (req, reply) => reply.code(201).send(await products.createProduct(ctx.db, await staffActor(req, ctx), req.body)));

  app.get('/v1/admin/products/:id', {
    schema: { tags, summary: 'One product with variants and all prices', security: bearer, params: IdParam, response: { 200: AdminProduct } },
  }, async (req) => products.getProductForStaff(ctx.db, await staffActor(req, ctx), req.params.id));

  app.patch('/v1/admin/products/:id', {
    schema: { tags, summary: 'Change a product, including its status (draft, active, archived)', security: bearer, params: IdParam, body: ProductPatch, response: { 200: AdminProduct } },
  }, async (req) => products.updateProduct(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.post('/v1/admin/products/:id/variants', {
    schema: { tags, summary: 'Add a variant', security: bearer, params: IdParam, body: VariantBody, response: { 201: AdminProduct } },
  }, async (req, reply) => reply.code(201).send(await products.addVariant(ctx.db, await staffActor(req, ctx), req.params.id, req.body)));

  app.patch('/v1/admin/variants/:id', {
    schema: { tags, summary: 'Change a variant', security: bearer, params: IdParam, body: VariantPatch, response: { 200: AdminProduct } },
  }, async (req) => products.updateVariant(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.put('/v1/admin/variants/:id/prices/:currency', {
    schema: {
      tags, summary: 'Set the price (and optional lower pickup price) in one currency', security: bearer,
      params: Type.Object({ id: Uuid, currency: Currency }), body: Type.Omit(PriceBody, ['currency']), response: { 200: AdminProduct },
    },
  }, async (req) => products.setPrice(ctx.db, await staffActor(req, ctx), req.params.id, { ...req.body, currency: req.params.currency }));

  app.get('/v1/staff/variants/lookup', {
    schema: {
      tags, summary: 'Find a variant by scanned barcode or typed SKU', security: bearer,
      querystring: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: Type.Any() },
    },
  }, async (req) => {
    const actor = await staffActor(req, ctx);
    requireAccess(actor, Permission.CatalogRead);
    const variant = await findVariantBySkuOrBarcode(ctx.db, actor.merchantId, req.query.code);
    if (!variant) throw notFound(`SKU or barcode ${req.query.code}`);
    return variant;
  });
};
