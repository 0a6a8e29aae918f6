import { Type } from '@sinclair/typebox';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearer, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import type { AppContext } from '../platform/context.ts';
import { advanceOrder, cancelOrder, handOver, markReady, resetPickupCode, shipOrder, type OpsContext } from './fulfilment.ts';
import { CancelBody, LineQuantities, OrderSchema } from './order.schemas.ts';
import { lookupPickup, staffOrderView } from './staff-orders.ts';
import { pickList, pickupQueue } from './store-queue.ts';

const tags = ['store orders'];
const StoreParams = Type.Object({ storeId: Uuid });
const StoreOrderParams = Type.Object({ storeId: Uuid, orderId: Uuid });
const ops = (ctx: AppContext): OpsContext => ({ db: ctx.db, secret: ctx.config.secret, publicUrl: ctx.config.publicUrl });
/** The device behind a request, for rate limits on wrong pickup codes: its credential. */
const deviceOf = (req: FastifyRequest) => createHash('sha256').update(req.headers.authorization ?? req.ip).digest('hex');

/** The store's click & collect work: queue, pick lists, ready, handover with code check, cancel, ship. */
export const orderStaffRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/staff/stores/:storeId/pickup-queue', {
    schema: {
      tags, summary: 'Pickup queue: new, picking, ready and overdue orders with counts', security: bearer, params: StoreParams,
      querystring: Type.Object({ bucket: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('picking'), Type.Literal('ready'), Type.Literal('overdue')])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })) }),
      response: { 200: Type.Object({ storeId: Uuid, counts: Type.Object({ new: Type.Integer(), picking: Type.Integer(), ready: Type.Integer(), overdue: Type.Integer() }), items: Type.Array(Type.Object({ id: Uuid, number: Type.String(), status: Type.String(), bucket: Type.String() }, { additionalProperties: true })) }) },
    },
  }, async (req) => pickupQueue(ctx.db, await staffActor(req, ctx), req.params.storeId, { bucket: req.query.bucket, limit: req.query.limit ?? 200 }));

  app.get('/v1/staff/stores/:storeId/pick-list', {
    schema: {
      tags, summary: 'Units to fetch per SKU, for the given orders or all accepted and picking ones', security: bearer, params: StoreParams,
      querystring: Type.Object({ orderId: Type.Optional(Type.Array(Uuid, { maxItems: 100 })) }),
      response: { 200: Type.Object({ storeId: Uuid, items: Type.Array(Type.Object({ variantId: Uuid, sku: Type.String(), name: Type.String(), units: Type.Integer(), orders: Type.Array(Type.Object({ orderId: Uuid, number: Type.String(), lineNo: Type.Integer(), units: Type.Integer() })) })) }) },
    },
  }, async (req) => pickList(ctx.db, await staffActor(req, ctx), req.params.storeId, req.query.orderId));

  app.get('/v1/staff/stores/:storeId/orders/:orderId', {
    schema: { tags, summary: 'One order of this store', security: bearer, params: StoreOrderParams, response: { 200: OrderSchema } },
  }, async (req) => staffOrderView(ctx, await staffActor(req, ctx), req.params.storeId, req.params.orderId));

  app.post('/v1/staff/stores/:storeId/pickups/lookup', {
    schema: {
      tags, summary: 'Find the ready order for a typed pickup code or a scanned QR', security: bearer, params: StoreParams,
      body: Type.Object({ code: Type.Optional(Type.String({ minLength: 4, maxLength: 20 })), qr: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: OrderSchema },
    },
  }, async (req) => lookupPickup(ctx, await staffActor(req, ctx), req.params.storeId, req.body, deviceOf(req)));

  const steps = [['accept', 'accepted', 'Accept the order'], ['start-picking', 'picking', 'Start picking'], ['deliver', 'delivered', 'Mark a shipped order delivered']] as const;
  for (const [path, to, summary] of steps) {
    app.post(`/v1/staff/stores/:storeId/orders/:orderId/${path}`, {
      schema: { tags, summary, security: bearer, params: StoreOrderParams, response: { 200: OrderSchema } },
    }, async (req) => {
      const actor = await staffActor(req, ctx);
      await advanceOrder(ops(ctx), actor, req.params.storeId, req.params.orderId, to);
      return staffOrderView(ctx, actor, req.params.storeId, req.params.orderId);
    });
  }

  app.post('/v1/staff/stores/:storeId/orders/:orderId/ready', {
    schema: { tags, summary: 'Mark ready for pickup: the shopper gets the code, QR and pick-up-by time', security: bearer, params: StoreOrderParams, response: { 200: OrderSchema } },
  }, async (req) => {
    const actor = await staffActor(req, ctx);
    await markReady(ops(ctx), actor, req.params.storeId, req.params.orderId);
    return staffOrderView(ctx, actor, req.params.storeId, req.params.orderId);
  });

  app.post('/v1/staff/stores/:storeId/orders/:orderId/handover', {
    schema: {
      tags, summary: 'Hand the order over after checking its pickup code (typed or scanned); lines for a partial pickup', security: bearer, params: StoreOrderParams,
      body: Type.Object({
        code: Type.String({ minLength: 1, maxLength: 200, description: 'The pickup code, or the scanned QR text' }),
        lines: Type.Optional(LineQuantities),
        paidInStore: Type.Optional(Type.Object({ reference: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false })),
      }, { additionalProperties: false }),
      response: { 200: OrderSchema },
    },
  }, async (req) => {
    const actor = await staffActor(req, ctx);
    await handOver(ops(ctx), actor, req.params.storeId, req.params.orderId, { ...req.body, device: deviceOf(req) });
    return staffOrderView(ctx, actor, req.params.storeId, req.params.orderId);
  });

  app.post('/v1/staff/stores/:storeId/orders/:orderId/reset-pickup-code', {
    schema: { tags, summary: 'After an identity check, issue a new code for an order locked by wrong codes (managers)', security: bearer, params: StoreOrderParams, response: { 200: OrderSchema } },
  }, async (req) => {
    const actor = await staffActor(req, ctx);
    await resetPickupCode(ops(ctx), actor, req.params.storeId, req.params.orderId);
    return staffOrderView(ctx, actor, req.params.storeId, req.params.orderId);
  });

  app.post('/v1/staff/stores/:storeId/orders/:orderId/cancel', {
    schema: { tags, summary: 'Cancel the order or some units of it; stock goes back on the shelf', security: bearer, params: StoreOrderParams, body: CancelBody, response: { 200: OrderSchema } },
  }, async (req) => {
    const actor = await staffActor(req, ctx);
    await cancelOrder(ops(ctx), actor, req.params.orderId, req.body, { storeId: req.params.storeId });
    return staffOrderView(ctx, actor, req.params.storeId, req.params.orderId);
  });

  app.post('/v1/staff/stores/:storeId/orders/:orderId/ship', {
    schema: {
      tags, summary: 'Ship a delivery order: stock leaves, the card is captured', security: bearer, params: StoreOrderParams,
      body: Type.Object({ carrier: Type.Optional(Type.String({ maxLength: 100 })), trackingNumber: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      response: { 200: OrderSchema },
    },
  }, async (req) => {
    const actor = await staffActor(req, ctx);
    await shipOrder(ops(ctx), actor, req.params.storeId, req.params.orderId, req.body);
    return staffOrderView(ctx, actor, req.params.storeId, req.params.orderId);
  });
};
