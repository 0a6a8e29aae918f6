import { Type } from '@sinclair/typebox';
import { MerchantParam, shopperActor, Uuid, type RouteModule } from '../platform/http.ts';
import { ServiceSchema } from '../stores/store.schemas.ts';
import { availabilityForShopper } from './availability.ts';

const tags = ['storefront'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const StoreAvailabilitySchema = Type.Object({
  id: Uuid, code: Type.String(), name: Type.String(), city: Type.String(), addressLine1: Type.String(), postcode: Type.String(),
  lat: Type.Number(), lng: Type.Number(), timezone: Type.String(), services: Type.Array(Type.String()),
  distanceKm: Type.Union([Type.Number(), Type.Null()]), openNow: Type.Boolean(),
  opensAt: Nullable(Type.String()), closesAt: Nullable(Type.String()), pickupReadyAt: Nullable(Type.String()),
  lines: Type.Array(Type.Object({ variantId: Uuid, requested: Type.Integer(), available: Type.Integer(), enough: Type.Boolean() })),
  canFulfilAll: Type.Boolean(),
});
const Result = Type.Object({ items: Type.Array(StoreAvailabilitySchema), nearestWithAll: Type.Union([StoreAvailabilitySchema, Type.Null()]) });
const Where = {
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })), lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20000 })), service: Type.Optional(ServiceSchema),
  inStockOnly: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};

/** "Who near me has this, and is open?": for one variant or a whole cart. */
export const availabilityShopperRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/shop/:merchant/availability', {
    schema: {
      tags, summary: 'Stores within the radius with this variant: units, distance, open now, pickup-ready time', params: MerchantParam,
      querystring: Type.Object({ variantId: Uuid, quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })), ...Where }, { additionalProperties: false }),
      response: { 200: Result },
    },
  }, async (req) => availabilityForShopper(ctx.db, await shopperActor(req, ctx, req.params.merchant), { ...req.query, lines: [{ variantId: req.query.variantId, quantity: req.query.quantity ?? 1 }] }));

  app.post('/v1/shop/:merchant/availability', {
    schema: {
      tags, summary: 'Stores that can fulfil a whole cart, and the nearest one that has everything', params: MerchantParam,
      body: Type.Object({ lines: Type.Array(Type.Object({ variantId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 100000 }) }), { minItems: 1, maxItems: 200 }), ...Where }, { additionalProperties: false }),
      response: { 200: Result },
    },
  }, async (req) => availabilityForShopper(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.body));
};
