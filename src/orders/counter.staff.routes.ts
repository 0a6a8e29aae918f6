import { Type } from '@sinclair/typebox';
import { bearer, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import { CardSchema, DeliveryAddressSchema, Quantity } from '../carts/cart.schemas.ts';
import { shapeOrder } from './order-view.ts';
import { OrderSchema } from './order.schemas.ts';
import { createEndlessAisleOrder, exchangeAtCounter } from './counter-orders.ts';
import { returnOrder, storeCreditBalance } from './returns.ts';
import { orderForReturn } from './staff-orders.ts';

const tags = ['returns & counter'];
const StoreParams = Type.Object({ storeId: Uuid });
const NewLines = Type.Array(Type.Object({ variantId: Uuid, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 100 });
const ReturnLines = Type.Array(Type.Object({
  lineNo: Type.Integer({ minimum: 1 }), quantity: Quantity,
  disposition: Type.Union([Type.Literal('restock'), Type.Literal('transfer'), Type.Literal('damaged')], { description: 'Back on this shelf, sent to another store, or written off' }),
  transferToStoreId: Type.Optional(Uuid),
}, { additionalProperties: false }), { minItems: 1, maxItems: 100 });
const RefundTo = Type.Union([Type.Literal('original'), Type.Literal('store_credit')]);

/** Returns and exchanges at any store, endless-aisle orders, and a customer's store credit. */
export const counterStaffRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/staff/stores/:storeId/returns', {
    schema: {
      tags, summary: 'Take back items of an online order at this store (even if it does not stock them)', security: bearer, params: StoreParams,
      body: Type.Object({ orderId: Uuid, lines: ReturnLines, refundTo: RefundTo, reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      response: { 201: Type.Object({ returnId: Uuid, orderId: Uuid, refundMinor: Type.Integer(), currency: Type.String(), refundTo: Type.String() }) },
    },
  }, async (req, reply) => reply.code(201).send(await returnOrder(ctx.db, await staffActor(req, ctx), req.params.storeId, req.body)));

  app.get('/v1/staff/stores/:storeId/returns/orders/:number', {
    schema: {
      tags, summary: 'Find an online order to take back here, by the number on its receipt, whichever store it came from', security: bearer,
      params: Type.Object({ storeId: Uuid, number: Type.String({ minLength: 4, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) }),
      response: { 200: OrderSchema },
    },
  }, async (req) => orderForReturn(ctx, await staffActor(req, ctx), req.params.storeId, req.params.number));

  app.post('/v1/staff/stores/:storeId/exchanges', {
    schema: {
      tags, summary: 'Exchange at the counter: return items, hand over others from this shelf, settle the difference', security: bearer, params: StoreParams,
      body: Type.Object({
        orderId: Uuid, returnLines: ReturnLines, newLines: NewLines, refundTo: Type.Optional(RefundTo),
        paidInStore: Type.Optional(Type.Object({ reference: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false })),
        reason: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ returnId: Uuid, exchangeOrderId: Uuid, returnedValueMinor: Type.Integer(), newItemsMinor: Type.Integer(), differenceMinor: Type.Integer(), currency: Type.String() }) },
    },
  }, async (req, reply) => reply.code(201).send(await exchangeAtCounter(ctx.db, await staffActor(req, ctx), req.params.storeId, req.body)));

  app.post('/v1/staff/stores/:storeId/endless-aisle-orders', {
    schema: {
      tags, summary: 'Order for the shopper in the store, from any store\'s stock, delivered home or collected elsewhere', security: bearer, params: StoreParams,
      body: Type.Object({
        lines: NewLines,
        fulfilment: Type.Union([Type.Literal('pickup'), Type.Literal('delivery')]),
        fulfilFromStoreId: Uuid,
        deliveryAddress: Type.Optional(DeliveryAddressSchema),
        customer: Type.Object({
          customerId: Type.Optional(Uuid), name: Type.Optional(Type.String({ maxLength: 200 })), email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
          phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ]{6,20}$' })), locale: Type.Optional(Type.Union(['en', 'fa', 'ar', 'ru', 'ms', 'th'].map((l) => Type.Literal(l)))),
        }, { additionalProperties: false }),
        payment: Type.Union([
          Type.Object({ method: Type.Literal('card'), card: CardSchema }, { additionalProperties: false }),
          Type.Object({ method: Type.Literal('pay_in_store'), reference: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
        ]),
      }, { additionalProperties: false }),
      response: { 201: OrderSchema },
    },
  }, async (req, reply) => {
    const actor = await staffActor(req, ctx);
    const parts = await createEndlessAisleOrder(ctx.db, actor, req.params.storeId, req.body);
    return reply.code(201).send(shapeOrder(parts, { actor, secret: ctx.config.secret, publicUrl: ctx.config.publicUrl }));
  });

  app.get('/v1/staff/customers/:customerId/store-credit', {
    schema: {
      tags, summary: 'A customer\'s store-credit balance (the sum of its ledger)', security: bearer, params: Type.Object({ customerId: Uuid }),
      response: { 200: Type.Object({ customerId: Uuid, balances: Type.Array(Type.Object({ currency: Type.String(), balanceMinor: Type.Integer() })) }) },
    },
  }, async (req) => {
    const balances = await storeCreditBalance(ctx.db, await staffActor(req, ctx), req.params.customerId);
    return { customerId: req.params.customerId, balances };
  });
};
