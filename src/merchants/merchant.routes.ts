import { Type } from '@sinclair/typebox';
import { bearer, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import * as service from './merchant.service.ts';

const ApiKey = Type.Object({
  id: Uuid, name: Type.String(), role: Type.String(), store_id: Type.Union([Uuid, Type.Null()]),
  last_four: Type.String(), created_at: Type.Any(), last_used_at: Type.Any(), revoked_at: Type.Any(),
});

const Merchant = Type.Object({
  id: Uuid, slug: Type.String(), name: Type.String(), currency: Type.String(), default_locale: Type.String(),
  tax_mode: Type.String(), tax_rate_bp: Type.Integer(), settings: Type.Any(),
});

/** Staff sign-in, and the admin's management of staff users and API keys. */
export const merchantRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/auth/staff/login', {
    schema: {
      tags: ['auth'], summary: 'Staff sign-in: returns a session token',
      body: Type.Object({
        email: Type.String({ format: 'email', maxLength: 254 }),
        password: Type.String({ minLength: 1, maxLength: 200 }),
        merchant: Type.Optional(Type.String({ maxLength: 64 })),
      }, { additionalProperties: false }),
    },
  }, async (req) => service.staffLogin(ctx.db, ctx.config.secret, req.body));

  app.get('/v1/admin/merchant', {
    schema: { tags: ['admin'], summary: 'The merchant of the current credential', security: bearer, response: { 200: Merchant } },
  }, async (req) => service.getMerchantForActor(ctx.db, await staffActor(req, ctx)));

  app.get('/v1/admin/staff', {
    schema: { tags: ['admin'], summary: 'List staff users', security: bearer },
  }, async (req) => ({ items: await service.listStaff(ctx.db, await staffActor(req, ctx)) }));

  app.post('/v1/admin/staff', {
    schema: {
      tags: ['admin'], summary: 'Create a staff user', security: bearer,
      body: Type.Object({
        email: Type.String({ format: 'email', maxLength: 254 }),
        name: Type.String({ minLength: 1, maxLength: 200 }),
        password: Type.String({ minLength: 8, maxLength: 200 }),
        role: Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('manager'), Type.Literal('associate')]),
        storeIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await service.createStaffUser(ctx.db, await staffActor(req, ctx), req.body)));

  app.get('/v1/admin/api-keys', {
    schema: { tags: ['admin'], summary: 'List API keys (secrets are never shown again)', security: bearer, response: { 200: Type.Object({ items: Type.Array(ApiKey) }) } },
  }, async (req) => ({ items: await service.listApiKeys(ctx.db, await staffActor(req, ctx)) }));

  app.get('/v1/admin/api-keys/:id', {
    schema: { tags: ['admin'], summary: 'One API key', security: bearer, params: Type.Object({ id: Uuid }), response: { 200: ApiKey } },
  }, async (req) => service.getApiKey(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/admin/api-keys', {
    schema: {
      tags: ['admin'], summary: 'Create an API key; the key is in this response only', security: bearer,
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }),
        role: Type.Union([Type.Literal('pos'), Type.Literal('admin')]),
        storeId: Type.Optional(Uuid),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await service.createApiKey(ctx.db, await staffActor(req, ctx), req.body)));

  app.post('/v1/admin/api-keys/:id/revoke', {
    schema: { tags: ['admin'], summary: 'Revoke an API key', security: bearer, params: Type.Object({ id: Uuid }) },
  }, async (req, reply) => {
    await service.revokeApiKey(ctx.db, await staffActor(req, ctx), req.params.id);
    return reply.code(204).send();
  });
};
