import { Type } from '@sinclair/typebox';
import { bearer, list, Paging, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import { getSale, listSales, MAX_SALES_PER_BATCH, reportSales } from './sale.service.ts';

const Line = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 100, description: 'SKU or barcode' }),
  quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  unitPriceMinor: Type.Integer({ minimum: 0, maximum: 1e12 }),
}, { additionalProperties: false });

const Sale = Type.Object({
  clientSaleId: Type.String({ minLength: 1, maxLength: 100, description: 'The till\'s own id; unique per store, makes retries safe' }),
  kind: Type.Optional(Type.Union([Type.Literal('sale'), Type.Literal('return')])),
  occurredAt: Type.String({ format: 'date-time' }),
  // Empty line lists are rejected per sale (not the whole batch), so the other sales still land.
  lines: Type.Array(Line, { maxItems: 500 }),
  paymentMethod: Type.String({ minLength: 1, maxLength: 40 }),
  currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
  discountMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e12 })),
  codes: Type.Optional(Type.Array(Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }), discountMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e12 })) }, { additionalProperties: false }), { maxItems: 20 })),
  customer: Type.Optional(Type.Object({
    customerId: Type.Optional(Uuid),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
    loyaltyCard: Type.Optional(Type.String({ minLength: 4, maxLength: 40 })),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  }, { additionalProperties: false })),
  pointsToRedeem: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  originalClientSaleId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}, { additionalProperties: false });

const Result = Type.Object({
  index: Type.Integer(), clientSaleId: Type.String(), status: Type.String(),
  saleId: Type.Optional(Uuid), totalMinor: Type.Optional(Type.Integer()), pointsEarned: Type.Optional(Type.Integer()),
  customerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  error: Type.Optional(Type.Object({ code: Type.String(), detail: Type.String() })),
});

/** Tills report sales and returns; staff look them up. */
export const salePosRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/pos/sales', {
    schema: {
      tags: ['pos'], summary: 'Report store sales and returns (batched, idempotent per clientSaleId)', security: bearer,
      body: Type.Object({ storeId: Type.Optional(Uuid), sales: Type.Array(Sale, { minItems: 1, maxItems: MAX_SALES_PER_BATCH }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ results: Type.Array(Result), created: Type.Integer(), duplicates: Type.Integer(), rejected: Type.Integer() }) },
    },
  }, async (req) => {
    const results = await reportSales(ctx.db, await staffActor(req, ctx), req.body);
    const count = (s: string) => results.filter((r) => r.status === s).length;
    return { results, created: count('created'), duplicates: count('duplicate'), rejected: count('rejected') };
  });

  app.get('/v1/pos/sales/:id', {
    schema: { tags: ['pos'], summary: 'One recorded sale with lines and codes', security: bearer, params: Type.Object({ id: Uuid }) },
  }, async (req) => getSale(ctx.db, await staffActor(req, ctx), req.params.id));

  app.get('/v1/admin/sales', {
    schema: {
      tags: ['admin'], summary: 'Store sales, newest first', security: bearer,
      querystring: Type.Object({ storeId: Type.Optional(Uuid), customerId: Type.Optional(Uuid), from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })), ...Paging }),
      response: { 200: list(Type.Any()) },
    },
  }, async (req) => ({
    items: await listSales(ctx.db, await staffActor(req, ctx), {
      storeId: req.query.storeId, customerId: req.query.customerId, from: req.query.from ? new Date(req.query.from) : undefined,
      to: req.query.to ? new Date(req.query.to) : undefined, limit: req.query.limit ?? 50, offset: req.query.offset ?? 0,
    }),
  }));
};
