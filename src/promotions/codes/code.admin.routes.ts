import { Type } from '@sinclair/typebox';
import { bearer, list, Paging, staffActor, Uuid, type RouteModule } from '../../platform/http.ts';
import * as service from './code.service.ts';
import { codeImage } from './code-images.ts';
import { getCodeJob, MAX_BATCH, requestCodeBatch } from './generate-codes.ts';
import { importCodes } from './import-codes.ts';

const CodeSchema = Type.Object({
  id: Uuid, code: Type.String(), kind: Type.String(), campaignId: Uuid, offerId: Uuid, batchId: Type.Union([Uuid, Type.Null()]),
  maxRedemptions: Type.Union([Type.Integer(), Type.Null()]), perCustomerLimit: Type.Union([Type.Integer(), Type.Null()]),
  redemptionsCount: Type.Integer(), customerId: Type.Union([Uuid, Type.Null()]), startsAt: Type.Union([Type.String(), Type.Null()]),
  endsAt: Type.Union([Type.String(), Type.Null()]), status: Type.String(), createdAt: Type.String(),
});
const CodeJob = Type.Object({
  id: Uuid, kind: Type.String(), campaignId: Uuid, offerId: Uuid, batchId: Uuid, status: Type.String(), requested: Type.Integer(), done: Type.Integer(),
  progress: Type.Number(), error: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]), finishedAt: Type.Union([Type.String(), Type.Null()]),
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

  app.post('/v1/admin/campaigns/:id/code-batches', {
    schema: {
      tags: ['promotions'], security: bearer, params: Type.Object({ id: Uuid }), response: { 202: CodeJob },
      summary: 'Generate unique single-use codes in bulk (CSPRNG, no look-alike characters); follow progress at /v1/admin/code-jobs/{id}',
      body: Type.Object({
        offerId: Uuid, count: Type.Integer({ minimum: 1, maximum: MAX_BATCH }),
        length: Type.Optional(Type.Integer({ minimum: 6, maximum: 40 })),
        prefix: Type.Optional(Type.String({ maxLength: 20, pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$' })),
        alphabet: Type.Optional(Type.String({ minLength: 10, maxLength: 36 })),
        startsAt: OptionalInstant, endsAt: OptionalInstant,
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(202).send(await requestCodeBatch(ctx, await staffActor(req, ctx), req.params.id, req.body)));

  app.get('/v1/admin/code-jobs/:id', {
    schema: { tags: ['promotions'], security: bearer, summary: 'Progress of a code generation or import job', params: Type.Object({ id: Uuid }), response: { 200: CodeJob } },
  }, async (req) => getCodeJob(ctx.db, await staffActor(req, ctx), req.params.id));

  // CSV arrives as text/csv; parsed in the use-case so errors can name their lines.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 16 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.post('/v1/admin/campaigns/:id/code-imports', {
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags: ['promotions'], security: bearer, summary: 'Import unique codes from CSV (text/csv with a "code" column); all or nothing',
      params: Type.Object({ id: Uuid }), querystring: Type.Object({ offerId: Uuid }), body: Type.String({ minLength: 1 }),
    },
  }, async (req, reply) => reply.code(201).send(await importCodes(ctx.db, await staffActor(req, ctx), req.params.id, req.query.offerId, req.body)));

  app.get('/v1/admin/codes/:code/:image', {
    schema: {
      tags: ['promotions'], security: bearer, summary: 'The code as a QR image or a Code 128 barcode (qr.png, qr.svg, barcode.png, barcode.svg)',
      params: Type.Object({ code: CodeParam.properties.code, image: Type.Union([Type.Literal('qr.png'), Type.Literal('qr.svg'), Type.Literal('barcode.png'), Type.Literal('barcode.svg')]) }),
    },
  }, async (req, reply) => {
    const [kind, format] = req.params.image.split('.') as ['qr' | 'barcode', 'png' | 'svg'];
    const img = await codeImage(ctx.db, await staffActor(req, ctx), req.params.code, kind, format);
    return reply.type(img.contentType).header('cache-control', 'private, max-age=3600').send(img.body);
  });
};
