import { Type } from '@sinclair/typebox';
import { list, MerchantParam, shopperActor, Uuid, type RouteModule } from '../platform/http.ts';
import * as service from './store.service.ts';
import { StoreSchema, StoreSearchQuery } from './store.schemas.ts';

const tags = ['storefront'];

/** The store finder: near me, by text, open now. */
export const storeShopperRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/shop/:merchant/stores', {
    schema: {
      tags, summary: 'Find stores by location (sorted by distance) and/or text, with open-now and opens-at in local time',
      params: MerchantParam, querystring: StoreSearchQuery, response: { 200: list(StoreSchema) },
    },
  }, async (req) => ({ items: await service.searchStores(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.query) }));

  app.get('/v1/shop/:merchant/stores/:id', {
    schema: { tags, summary: 'One store', params: Type.Intersect([MerchantParam, Type.Object({ id: Uuid })]), response: { 200: StoreSchema } },
  }, async (req) => service.getStore(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.id));
};
