import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { MerchantParam, shopperActor, Uuid, type RouteModule } from '../platform/http.ts';
import type { AppContext } from '../platform/context.ts';
import { CartSchema, DeliveryAddressSchema, FulfilmentOptionsSchema, FulfilmentType, Quantity } from './cart.schemas.ts';
import * as carts from './cart.service.ts';
import { cartFulfilmentOptions } from './cart-options.ts';

const CartParams = Type.Object({ merchant: MerchantParam.properties.merchant, cartId: Uuid });
const cartHeaders = Type.Object({ 'x-cart-token': Type.Optional(Type.String({ maxLength: 2000, description: 'The token returned when the guest cart was created' })) });
const tags = ['carts'];

export async function cartCaller(req: FastifyRequest, merchant: string, ctx: AppContext): Promise<carts.CartCaller> {
  const token = req.headers['x-cart-token'];
  return { actor: await shopperActor(req, ctx, merchant), token: typeof token === 'string' ? token : undefined, secret: ctx.config.secret };
}

/** Shopper carts: guests prove the cart with X-Cart-Token, customers by their session. */
export const cartShopperRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/shop/:merchant/carts', {
    schema: { tags, summary: 'Start a cart (a signed-in customer gets their open cart back)', params: MerchantParam, response: { 201: CartSchema } },
  }, async (req, reply) => reply.code(201).send(await carts.createCart(ctx.db, await cartCaller(req, req.params.merchant, ctx))));

  app.get('/v1/shop/:merchant/carts/:cartId', {
    schema: { tags, summary: 'The cart, priced for its fulfilment, with totals', params: CartParams, headers: cartHeaders, response: { 200: CartSchema } },
  }, async (req) => carts.getCart(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId));

  app.post('/v1/shop/:merchant/carts/:cartId/lines', {
    schema: {
      tags, summary: 'Add units of a variant', params: CartParams, headers: cartHeaders,
      body: Type.Object({ variantId: Uuid, quantity: Quantity }, { additionalProperties: false }), response: { 200: CartSchema },
    },
  }, async (req) => carts.changeLine(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId, { ...req.body, mode: 'add' }));

  app.patch('/v1/shop/:merchant/carts/:cartId/lines/:variantId', {
    schema: {
      tags, summary: 'Set the quantity of a line (0 removes it)', params: Type.Object({ ...CartParams.properties, variantId: Uuid }), headers: cartHeaders,
      body: Type.Object({ quantity: Type.Integer({ minimum: 0, maximum: 999 }) }, { additionalProperties: false }), response: { 200: CartSchema },
    },
  }, async (req) => carts.changeLine(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId, { variantId: req.params.variantId, quantity: req.body.quantity, mode: 'set' }));

  app.delete('/v1/shop/:merchant/carts/:cartId/lines/:variantId', {
    schema: { tags, summary: 'Remove a line', params: Type.Object({ ...CartParams.properties, variantId: Uuid }), headers: cartHeaders, response: { 200: CartSchema } },
  }, async (req) => carts.removeLine(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId, req.params.variantId));

  app.put('/v1/shop/:merchant/carts/:cartId/fulfilment', {
    schema: {
      tags, summary: 'Choose pickup at a store, reserve and pay in store, or home delivery', params: CartParams, headers: cartHeaders,
      body: Type.Object({ type: FulfilmentType, storeId: Type.Optional(Uuid), deliveryAddress: Type.Optional(DeliveryAddressSchema) }, { additionalProperties: false }),
      response: { 200: CartSchema },
    },
  }, async (req) => carts.setFulfilment(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId, req.body));

  app.post('/v1/shop/:merchant/carts/:cartId/codes', {
    schema: {
      tags, summary: 'Enter a coupon or voucher code', params: CartParams, headers: cartHeaders,
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }), response: { 200: CartSchema },
    },
  }, async (req) => carts.setCodes(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId, { add: req.body.code }));

  app.delete('/v1/shop/:merchant/carts/:cartId/codes/:code', {
    schema: { tags, summary: 'Remove a code', params: Type.Object({ ...CartParams.properties, code: Type.String({ maxLength: 40 }) }), headers: cartHeaders, response: { 200: CartSchema } },
  }, async (req) => carts.setCodes(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId, { remove: req.params.code }));

  app.get('/v1/shop/:merchant/carts/:cartId/fulfilment-options', {
    schema: {
      tags, summary: 'Stores that can supply every line, short lines and where they are, and a split proposal', params: CartParams, headers: cartHeaders,
      querystring: Type.Object({ lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })), lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })) }),
      response: { 200: FulfilmentOptionsSchema },
    },
  }, async (req) => cartFulfilmentOptions(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId, req.query.lat !== undefined && req.query.lng !== undefined ? { lat: req.query.lat, lng: req.query.lng } : null));
};
