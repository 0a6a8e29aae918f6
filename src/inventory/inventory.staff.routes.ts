import { Type } from '@sinclair/typebox';
import { bearer, list, Paging, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import * as inventory from './inventory.service.ts';
import * as transfers from './transfers.ts';
import { LevelSchema, MovementResult, MovementSchema, TransferLineBody, TransferSchema } from './inventory.schemas.ts';

const tags = ['inventory'];
const BATCH_LIMIT = 10_000;
const StoreParam = Type.Object({ storeId: Uuid });
const IdParam = Type.Object({ id: Uuid });
const LevelQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Product name (any script) or SKU' })),
  variantId: Type.Optional(Uuid), lowOnly: Type.Optional(Type.Boolean()), ...Paging,
}, { additionalProperties: false });

/** Stock for store staff, tills and warehouse systems: levels, movements, thresholds, transfers. */
export const inventoryStaffRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/staff/stock', {
    schema: { tags, summary: 'Stock levels across the stores this credential may see', security: bearer, querystring: LevelQuery, response: { 200: list(LevelSchema) } },
  }, async (req) => inventory.readLevels(ctx.db, await staffActor(req, ctx), req.query));

  app.get('/v1/staff/stores/:storeId/stock', {
    schema: { tags, summary: 'Stock levels of one store', security: bearer, params: StoreParam, querystring: LevelQuery, response: { 200: list(LevelSchema) } },
  }, async (req) => inventory.readLevels(ctx.db, await staffActor(req, ctx), { ...req.query, storeId: req.params.storeId }));

  app.get('/v1/staff/stores/:storeId/low-stock', {
    schema: { tags, summary: 'Levels at or under their low-stock threshold, most urgent first', security: bearer, params: StoreParam, querystring: Type.Object(Paging), response: { 200: list(LevelSchema) } },
  }, async (req) => inventory.readLevels(ctx.db, await staffActor(req, ctx), { ...req.query, storeId: req.params.storeId, lowOnly: true }));

  app.post('/v1/staff/stock/movements', {
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags, summary: 'Post stock movements in a batch (up to 10,000), all or nothing; send Idempotency-Key to make retries safe', security: bearer,
      body: Type.Object({ movements: Type.Array(MovementSchema, { minItems: 1, maxItems: BATCH_LIMIT }) }, { additionalProperties: false }),
      response: { 200: MovementResult },
    },
  }, async (req) => inventory.postMovements(ctx.db, await staffActor(req, ctx), req.body.movements));

  app.put('/v1/staff/stores/:storeId/stock/:variantId/settings', {
    schema: {
      tags, summary: 'Safety stock and low-stock threshold of one variant in one store', security: bearer,
      params: Type.Object({ storeId: Uuid, variantId: Uuid }),
      body: Type.Object({ safetyStock: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })), lowStockThreshold: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()])) }, { additionalProperties: false }),
      response: { 200: LevelSchema },
    },
  }, async (req) => inventory.setLevelSettings(ctx.db, await staffActor(req, ctx), req.params.storeId, req.params.variantId, req.body));

  app.get('/v1/staff/transfers', {
    schema: {
      tags, summary: 'Transfers from or to the stores this credential may see', security: bearer,
      querystring: Type.Object({ storeId: Type.Optional(Uuid), status: Type.Optional(Type.Union(['requested', 'shipped', 'received', 'cancelled'].map((s) => Type.Literal(s)))), limit: Paging.limit }),
      response: { 200: list(TransferSchema) },
    },
  }, async (req) => ({ items: await transfers.listTransfers(ctx.db, await staffActor(req, ctx), req.query as never) }));

  app.post('/v1/staff/transfers', {
    schema: {
      tags, summary: 'Request a transfer between two stores', security: bearer,
      body: Type.Object({ fromStoreId: Uuid, toStoreId: Uuid, note: Type.Optional(Type.String({ maxLength: 500 })), lines: Type.Array(TransferLineBody, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
      response: { 201: TransferSchema },
    },
  }, async (req, reply) => reply.code(201).send(await transfers.requestTransfer(ctx.db, await staffActor(req, ctx), req.body)));

  app.get('/v1/staff/transfers/:id', {
    schema: { tags, summary: 'One transfer', security: bearer, params: IdParam, response: { 200: TransferSchema } },
  }, async (req) => transfers.getTransfer(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/staff/transfers/:id/ship', {
    schema: { tags, summary: 'Ship: units leave the sending store and show as incoming at the destination', security: bearer, params: IdParam, response: { 200: TransferSchema } },
  }, async (req) => transfers.shipTransfer(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/staff/transfers/:id/receive', {
    // A full delivery needs no body at all.
    preValidation: async (req) => { req.body ??= {}; },
    schema: {
      tags, summary: 'Receive at the destination; give lines only for a short delivery', security: bearer, params: IdParam,
      body: Type.Object({ lines: Type.Optional(Type.Array(TransferLineBody, { maxItems: 1000 })) }, { additionalProperties: false }),
      response: { 200: TransferSchema },
    },
  }, async (req) => transfers.receiveTransfer(ctx.db, await staffActor(req, ctx), req.params.id, req.body.lines));

  app.post('/v1/staff/transfers/:id/cancel', {
    schema: { tags, summary: 'Cancel a transfer that has not shipped', security: bearer, params: IdParam, response: { 200: TransferSchema } },
  }, async (req) => transfers.cancelTransfer(ctx.db, await staffActor(req, ctx), req.params.id));
};
