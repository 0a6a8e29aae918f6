import { Type } from '@sinclair/typebox';
import { bearer, list, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import * as service from './store.service.ts';
import { ExceptionSchema, Interval, StoreBody, StorePatch, StoreSchema, StoreSearchQuery } from './store.schemas.ts';

const tags = ['stores'];
const IdParam = Type.Object({ id: Uuid });

/** Store management for owners and admins; managers may edit their own stores' hours. */
export const storeAdminRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/admin/stores', {
    schema: { tags, summary: 'List or search stores (inactive included)', security: bearer, querystring: StoreSearchQuery, response: { 200: list(StoreSchema) } },
  }, async (req) => ({ items: await service.searchStores(ctx.db, await staffActor(req, ctx), { ...req.query, includeInactive: true }) }));

  app.post('/v1/admin/stores', {
    schema: { tags, summary: 'Create a store', security: bearer, body: StoreBody, response: { 201: StoreSchema } },
  }, async (req, reply) => reply.code(201).send(await service.createStore(ctx.db, await staffActor(req, ctx), req.body)));

  app.get('/v1/admin/stores/:id', {
    schema: { tags, summary: 'One store with its hours exceptions', security: bearer, params: IdParam, response: { 200: StoreSchema } },
  }, async (req) => service.getStore(ctx.db, await staffActor(req, ctx), req.params.id));

  app.patch('/v1/admin/stores/:id', {
    schema: { tags, summary: 'Change a store (only the fields given)', security: bearer, params: IdParam, body: StorePatch, response: { 200: StoreSchema } },
  }, async (req) => service.updateStore(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.put('/v1/admin/stores/:id/hours-exceptions/:date', {
    schema: {
      tags, summary: 'Set a holiday (closed) or special hours for one local date', security: bearer,
      params: Type.Object({ id: Uuid, date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }),
      body: Type.Object({ closed: Type.Boolean(), intervals: Type.Optional(Type.Array(Interval, { maxItems: 6 })), note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: ExceptionSchema },
    },
  }, async (req) => service.setHoursException(ctx.db, await staffActor(req, ctx), req.params.id, req.params.date, req.body));

  app.delete('/v1/admin/stores/:id/hours-exceptions/:date', {
    schema: { tags, summary: 'Back to the regular weekday hours for that date', security: bearer, params: Type.Object({ id: Uuid, date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }) },
  }, async (req, reply) => {
    await service.deleteHoursException(ctx.db, await staffActor(req, ctx), req.params.id, req.params.date);
    return reply.code(204).send();
  });
};
