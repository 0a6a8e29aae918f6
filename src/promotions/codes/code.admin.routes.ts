import { Type } from '@sinclair/typebox';
import { bearer, list, Paging, staffActor, Uuid, type RouteModule } from '../../platform/http.ts';
import * as service from './code.service.ts';

const CodeSchema = Type.Object({
  id: Uuid, code: Type.String(), kind: Type.String(), campaignId: Uuid, offerId: Uuid, batchId: Type.Union([Uuid, Type.Null()]),
  maxRedemptions: Type.Union([Type.Integer(), Type.Null()]), perCustomerLimit: Type.Union([Type.Integer(), Type.Null()]),
  redemptionsCount: Type.Integer(), customerId: Type.Union([Uuid, Type.Null()]), startsAt: Type.Union([Type.String(), Type.Null()]),
  endsAt: Type.Union([Type.String(), Type.Null()]), status: Type.String(), createdAt: Type.String(),
});
const CodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) });
const OptionalInstant = Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()]));

/** Merchant admin: shared codes, looking codes up, disabling them. */
export const codeAdminRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/admin/campaigns/:id/codes', {
    schema: {
      tags: ['promotions'], security: bearer, summary: 'Create a shared code (e.g. SPRING25) with overall and per-customer limits',
      params: Type.Object({ id: Uuid }), response: { 201: CodeSchema },
      body: Type.Object({
        code: Type.String({ minLength: 2, maxLength: 64 }), offerId: Uuid,
        maxRedemptions: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), Type.Null()])),
        perCustomerLimit: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()])),
        startsAt: OptionalInstant, endsAt: OptionalInstant,
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await service.createSharedCode(ctx.db, await staffActor(req, ctx), req.params.id, req.body)));

  app.get('/v1/admin/campaigns/:id/codes', {
    schema: {
      tags: ['promotions'], security: bearer, summary: 'List a campaign\'s codes', params: Type.Object({ id: Uuid }),
      querystring: Type.Object({ batchId: Type.Optional(Uuid), ...Paging }), response: { 200: list(CodeSchema) },
    },
  }, async (req) => ({ items: await service.listCodes(ctx.db, await staffActor(req, ctx), req.params.id, req.query) }));

  app.get('/v1/admin/codes/:code', {
    schema: { tags: ['promotions'], security: bearer, summary: 'One code with its latest redemptions', params: CodeParam },
  }, async (req) => service.getCode(ctx.db, await staffActor(req, ctx), req.params.code));

  app.post('/v1/admin/codes/:code/status', {
    schema: {
      tags: ['promotions'], security: bearer, summary: 'Disable or re-enable a code', params: CodeParam, response: { 200: CodeSchema },
      body: Type.Object({ status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) }, { additionalProperties: false }),
    },
  }, async (req) => service.setCodeStatus(ctx.db, await staffActor(req, ctx), req.params.code, req.body.status));
};
