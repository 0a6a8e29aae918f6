import { Type } from '@sinclair/typebox';
import { bearer, Instant, Nullable, Paging, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import { EVENT_FILTER_PATTERN } from './event-types.ts';
import * as service from './webhook.service.ts';

const EventTypes = Type.Array(Type.String({ pattern: EVENT_FILTER_PATTERN, maxLength: 100 }), {
  minItems: 1, maxItems: 100, description: "'*' for every event, 'order.*' for a family, or exact types like 'order.placed'",
});
const Endpoint = Type.Object({
  id: Uuid, url: Type.String(), description: Type.String(), event_types: Type.Array(Type.String()), enabled: Type.Boolean(), created_at: Instant,
});
const EndpointWithSecret = Type.Composite([Endpoint, Type.Object({ secret: Type.String({ description: 'whsec_… signing secret (Standard Webhooks)' }) })]);
const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]);
const Delivery = Type.Object({
  id: Uuid, endpoint_id: Uuid, event_id: Uuid, event_type: Type.String(), status: DeliveryStatus, attempts: Type.Integer(),
  next_attempt_at: Instant, last_status_code: Nullable(Type.Integer()), last_error: Nullable(Type.String()), created_at: Instant, updated_at: Instant,
});
const Attempt = Type.Object({
  id: Type.Integer(), attempted_at: Instant, status_code: Nullable(Type.Integer()), error: Nullable(Type.String()), duration_ms: Type.Integer(),
});
const DeliveryWithAttempts = Type.Composite([Delivery, Type.Object({ attempt_log: Type.Array(Attempt) })]);
const Url = Type.String({ minLength: 1, maxLength: 2000 });
const IdParam = Type.Object({ id: Uuid });
const DeliveryParam = Type.Object({ id: Uuid, deliveryId: Uuid });
const tags = ['webhooks'];

/** Merchant-managed webhook endpoints, their delivery log and manual redelivery. */
export const webhookAdminRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/admin/webhooks', {
    schema: {
      tags, summary: 'Create a webhook endpoint; the signing secret is returned', security: bearer,
      body: Type.Object({ url: Url, description: Type.Optional(Type.String({ maxLength: 500 })), eventTypes: Type.Optional(EventTypes), enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 201: EndpointWithSecret },
    },
  }, async (req, reply) => reply.code(201).send(await service.createEndpoint(ctx.db, await staffActor(req, ctx), req.body)));

  app.get('/v1/admin/webhooks', {
    schema: { tags, summary: 'List webhook endpoints', security: bearer, response: { 200: Type.Object({ items: Type.Array(Endpoint) }) } },
  }, async (req) => ({ items: await service.listEndpoints(ctx.db, await staffActor(req, ctx)) }));

  app.get('/v1/admin/webhooks/:id', {
    schema: { tags, summary: 'One webhook endpoint', security: bearer, params: IdParam, response: { 200: Endpoint } },
  }, async (req) => service.getEndpoint(ctx.db, await staffActor(req, ctx), req.params.id));

  app.patch('/v1/admin/webhooks/:id', {
    schema: {
      tags, summary: 'Change the URL, description, event filters, or enable/disable the endpoint', security: bearer, params: IdParam,
      body: Type.Object({ url: Type.Optional(Url), description: Type.Optional(Type.String({ maxLength: 500 })), eventTypes: Type.Optional(EventTypes), enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false, minProperties: 1 }),
      response: { 200: Endpoint },
    },
  }, async (req) => service.updateEndpoint(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.delete('/v1/admin/webhooks/:id', {
    schema: { tags, summary: 'Delete an endpoint and its delivery log (PATCH enabled=false keeps the log)', security: bearer, params: IdParam, response: { 204: Type.Null() } },
  }, async (req, reply) => {
    await service.deleteEndpoint(ctx.db, await staffActor(req, ctx), req.params.id);
    return reply.code(204).send(null);
  });

  app.post('/v1/admin/webhooks/:id/rotate-secret', {
    schema: { tags, summary: 'Replace the signing secret', security: bearer, params: IdParam, response: { 200: Type.Object({ id: Uuid, secret: Type.String() }) } },
  }, async (req) => service.rotateSecret(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/admin/webhooks/:id/test', {
    schema: { tags, summary: 'Send a webhook.test event to this endpoint only', security: bearer, params: IdParam, response: { 202: DeliveryWithAttempts } },
  }, async (req, reply) => reply.code(202).send(await service.sendTestEvent(ctx.db, await staffActor(req, ctx), req.params.id)));

  app.get('/v1/admin/webhooks/:id/deliveries', {
    schema: {
      tags, summary: 'Delivery log of an endpoint, newest first', security: bearer, params: IdParam,
      querystring: Type.Object({ status: Type.Optional(DeliveryStatus), eventType: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }),
      response: { 200: Type.Object({ items: Type.Array(Delivery), total: Type.Integer() }) },
    },
  }, async (req) => service.listDeliveries(ctx.db, await staffActor(req, ctx), req.params.id, req.query));

  app.get('/v1/admin/webhooks/:id/deliveries/:deliveryId', {
    schema: { tags, summary: 'One delivery with every attempt made', security: bearer, params: DeliveryParam, response: { 200: DeliveryWithAttempts } },
  }, async (req) => service.getDelivery(ctx.db, await staffActor(req, ctx), req.params.id, req.params.deliveryId));

  app.get('/v1/admin/webhooks/:id/deliveries/:deliveryId/attempts', {
    schema: { tags, summary: 'Attempts of one delivery, oldest first', security: bearer, params: DeliveryParam, response: { 200: Type.Object({ items: Type.Array(Attempt) }) } },
  }, async (req) => ({ items: (await service.getDelivery(ctx.db, await staffActor(req, ctx), req.params.id, req.params.deliveryId)).attempt_log }));

  app.post('/v1/admin/webhooks/:id/deliveries/:deliveryId/redeliver', {
    schema: { tags, summary: 'Send this delivery again (same webhook-id), with a fresh retry budget', security: bearer, params: DeliveryParam, response: { 202: DeliveryWithAttempts } },
  }, async (req, reply) => reply.code(202).send(await service.redeliver(ctx.db, await staffActor(req, ctx), req.params.id, req.params.deliveryId)));
};
