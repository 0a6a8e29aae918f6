import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { MerchantParam, Paging, shopperActor, Uuid, type RouteModule } from '../platform/http.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { cartCaller } from '../carts/cart.shopper.routes.ts';
import { CardSchema, CartHoldSchema, CartSchema, DeliveryAddressSchema, FulfilmentType } from '../carts/cart.schemas.ts';
import { getCart } from '../carts/cart.service.ts';
import { releaseCartHold } from './cart-holds.ts';
import { holdCart } from './hold-cart.ts';
import { checkout } from './checkout.ts';
import { cancelOrder } from './fulfilment.ts';
import { CancelBody, OrderSchema } from './order.schemas.ts';
import { customerOrders, shopperOrderView, shopperQr } from './shopper-orders.ts';
import { shapeOrder } from './order-view.ts';
import { storeCreditBalance } from './returns.ts';

const tags = ['orders'];
const OrderParams = Type.Object({ merchant: MerchantParam.properties.merchant, orderId: Uuid });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 2000 })) });

const orderToken = (req: FastifyRequest) => {
  const header = req.headers['x-order-token'];
  return typeof header === 'string' ? header : (req.query as { token?: string }).token;
};

function viewCtx(ctx: AppContext, slug: string) {
  return { secret: ctx.config.secret, publicUrl: ctx.config.publicUrl, slug };
}

const CartParams = Type.Object({ merchant: MerchantParam.properties.merchant, cartId: Uuid });

/** Stock holds, checkout and the shopper's order page (state, store, pickup code and QR). */
export const orderShopperRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/shop/:merchant/carts/:cartId/hold', {
    schema: {
      tags, summary: "Hold the cart's items at its chosen store while the shopper pays",
      description: "Reserves every line at the cart's pickup store for the merchant's hold time (15 minutes by default). Holding again renews the hold for the cart as it is now; checkout turns the hold into the order's reservation; unpaid holds go back on the shelf when they expire. 409 out_of_stock when the store cannot supply the cart.",
      params: CartParams, response: { 201: CartHoldSchema },
    },
  }, async (req, reply) => reply.code(201).send(await holdCart(ctx.db, await cartCaller(req, req.params.merchant, ctx), req.params.cartId)));

  app.delete('/v1/shop/:merchant/carts/:cartId/hold', {
    schema: { tags, summary: "Give the cart's held stock back now", params: CartParams, response: { 200: CartSchema } },
  }, async (req) => {
    const caller = await cartCaller(req, req.params.merchant, ctx);
    await releaseCartHold(ctx.db, caller, req.params.cartId);
    return getCart(ctx.db, caller, req.params.cartId);
  });

  app.post('/v1/shop/:merchant/carts/:cartId/checkout', {
    schema: {
      tags, summary: 'Place the order: reserves the stock at once and authorizes the card (charged at pickup)',
      description: 'Test cards: 4242424242424242 approved, 4000000000000002 declined, 4000000000003220 confirmed later by webhook. Send an Idempotency-Key.',
      params: Type.Object({ merchant: MerchantParam.properties.merchant, cartId: Uuid }),
      body: Type.Object({
        fulfilment: Type.Optional(FulfilmentType), storeId: Type.Optional(Uuid), deliveryAddress: Type.Optional(DeliveryAddressSchema),
        acceptSplit: Type.Optional(Type.Boolean({ description: 'Allow splitting across stores when one store cannot supply everything' })),
        contact: Type.Optional(Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })), phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ]{6,20}$' })) }, { additionalProperties: false })),
        locale: Type.Optional(Type.Union(['en', 'fa', 'ar', 'ru', 'ms', 'th'].map((l) => Type.Literal(l)))),
        payment: Type.Union([
          Type.Object({ method: Type.Literal('card'), card: CardSchema }, { additionalProperties: false }),
          Type.Object({ method: Type.Literal('pay_in_store') }, { additionalProperties: false }),
        ]),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ orders: Type.Array(OrderSchema) }) },
    },
  }, async (req, reply) => {
    const caller = await cartCaller(req, req.params.merchant, ctx);
    const placed = await checkout(ctx.db, caller, req.params.cartId, req.body);
    return reply.code(201).send({ orders: placed.map((parts) => shapeOrder(parts, { actor: caller.actor, ...viewCtx(ctx, req.params.merchant) })) });
  });

  app.get('/v1/shop/:merchant/orders', {
    schema: { tags, summary: "The signed-in customer's orders, newest first", params: MerchantParam, querystring: Type.Object(Paging), response: { 200: Type.Object({ items: Type.Array(OrderSchema) }) } },
  }, async (req) => ({ items: await customerOrders(ctx.db, await shopperActor(req, ctx, req.params.merchant), viewCtx(ctx, req.params.merchant), req.query.limit ?? 50, req.query.offset ?? 0) }));

  app.get('/v1/shop/:merchant/orders/:orderId', {
    schema: { tags, summary: 'The order page: state, store, pickup code and QR once ready', params: OrderParams, querystring: TokenQuery, response: { 200: OrderSchema } },
  }, async (req) => shopperOrderView(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.orderId, orderToken(req), viewCtx(ctx, req.params.merchant)));

  for (const format of ['png', 'svg'] as const) {
    app.get(`/v1/shop/:merchant/orders/:orderId/qr.${format}`, {
      schema: { tags, summary: `The pickup QR code as ${format.toUpperCase()} (only while the order is ready)`, params: OrderParams, querystring: TokenQuery },
    }, async (req, reply) => {
      const image = await shopperQr(ctx.db, await shopperActor(req, ctx, req.params.merchant), ctx.config.secret, req.params.orderId, orderToken(req), format);
      return reply.type(format === 'png' ? 'image/png' : 'image/svg+xml').header('cache-control', 'private, no-store').send(image);
    });
  }

  app.get('/v1/shop/:merchant/store-credit', {
    schema: { tags, summary: "The signed-in customer's store-credit balance", params: MerchantParam, response: { 200: Type.Object({ balances: Type.Array(Type.Object({ currency: Type.String(), balanceMinor: Type.Integer() })) }) } },
  }, async (req) => {
    const actor = await shopperActor(req, ctx, req.params.merchant);
    if (actor.kind !== 'customer') throw new AppError('unauthenticated', 'Sign in to see your store credit');
    return { balances: await storeCreditBalance(ctx.db, actor, actor.customerId) };
  });

  app.post('/v1/shop/:merchant/orders/:orderId/cancel', {
    schema: { tags, summary: 'Cancel the order, or some units of it, before the store starts picking', params: OrderParams, querystring: TokenQuery, body: CancelBody, response: { 200: OrderSchema } },
  }, async (req) => {
    const actor = await shopperActor(req, ctx, req.params.merchant);
    await shopperOrderView(ctx.db, actor, req.params.orderId, orderToken(req), viewCtx(ctx, req.params.merchant));
    if (req.body.lines?.some((l) => l.quantity === 0) && req.body.lines.every((l) => l.quantity === 0)) throw new AppError('validation', 'Cancel at least one unit');
    await cancelOrder({ db: ctx.db, secret: ctx.config.secret, publicUrl: ctx.config.publicUrl }, actor, req.params.orderId, req.body);
    return shopperOrderView(ctx.db, actor, req.params.orderId, orderToken(req), viewCtx(ctx, req.params.merchant));
  });
};
