import { Type } from '@sinclair/typebox';
import { bearer, list, Paging, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import { MAX_RULES } from './segment-rules.ts';
import * as segments from './segment.service.ts';

const Channel = Type.Union([Type.Literal('online'), Type.Literal('store'), Type.Literal('any')]);
const Days = Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 }));
const strict = { additionalProperties: false };
export const RuleSchema = Type.Union([
  Type.Object({ type: Type.Literal('purchased'), channel: Channel, withinDays: Days }, strict),
  Type.Object({ type: Type.Literal('never_purchased'), channel: Channel, withinDays: Days }, strict),
  Type.Object({ type: Type.Literal('near_store'), storeId: Uuid, km: Type.Number({ exclusiveMinimum: 0, maximum: 500 }) }, strict),
  Type.Object({ type: Type.Literal('tier'), tier: Type.String({ minLength: 1, maxLength: 40 }) }, strict),
  Type.Object({ type: Type.Literal('claimed_not_redeemed'), campaignId: Type.Optional(Uuid) }, strict),
  Type.Object({ type: Type.Literal('consent'), purpose: Type.Union(['marketing_email', 'marketing_sms', 'location', 'analytics'].map((p) => Type.Literal(p))) }, strict),
  Type.Object({ type: Type.Literal('age_band'), values: Type.Array(Type.String({ maxLength: 20 }), { minItems: 1, maxItems: 7 }) }, strict),
  Type.Object({ type: Type.Literal('interest'), value: Type.String({ minLength: 1, maxLength: 60 }) }, strict),
  Type.Object({ type: Type.Literal('postcode_prefix'), prefix: Type.String({ minLength: 1, maxLength: 16 }) }, strict),
  Type.Object({ type: Type.Literal('points_at_least'), points: Type.Integer({ minimum: 0 }) }, strict),
]);
const Rules = Type.Array(RuleSchema, { minItems: 1, maxItems: MAX_RULES });
const Body = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Type.String({ maxLength: 500 })), rules: Rules }, strict);
const Segment = Type.Object({ id: Uuid, name: Type.String(), description: Type.String(), rules: Type.Any(), memberCount: Type.Integer(), refreshedAt: Type.Any(), createdAt: Type.Any() });
const IdParam = Type.Object({ id: Uuid });
const tags = ['segments'];

/** Rule-based customer segments: preview on demand, saved segments refreshed into members. */
export const segmentAdminRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/admin/segments/preview', {
    schema: { tags, summary: 'Evaluate rules now: count and a sample', security: bearer, body: Type.Object({ rules: Rules }, strict) },
  }, async (req) => segments.previewSegment(ctx.db, await staffActor(req, ctx), req.body.rules));

  app.get('/v1/admin/segments', {
    schema: { tags, summary: 'Saved segments', security: bearer, response: { 200: list(Segment) } },
  }, async (req) => ({ items: await segments.listSegments(ctx.db, await staffActor(req, ctx)) }));

  app.post('/v1/admin/segments', {
    schema: { tags, summary: 'Save a segment (members are computed at once)', security: bearer, body: Body, response: { 201: Segment } },
  }, async (req, reply) => reply.code(201).send(await segments.createSegment(ctx.db, await staffActor(req, ctx), req.body)));

  app.get('/v1/admin/segments/:id', {
    schema: { tags, summary: 'One segment', security: bearer, params: IdParam, response: { 200: Segment } },
  }, async (req) => segments.getSegment(ctx.db, await staffActor(req, ctx), req.params.id));

  app.put('/v1/admin/segments/:id', {
    schema: { tags, summary: 'Change a segment\'s rules', security: bearer, params: IdParam, body: Body, response: { 200: Segment } },
  }, async (req) => segments.updateSegment(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.delete('/v1/admin/segments/:id', {
    schema: { tags, summary: 'Delete a segment', security: bearer, params: IdParam },
  }, async (req, reply) => { await segments.deleteSegment(ctx.db, await staffActor(req, ctx), req.params.id); return reply.code(204).send(); });

  app.post('/v1/admin/segments/:id/refresh', {
    schema: { tags, summary: 'Re-evaluate the segment now', security: bearer, params: IdParam, response: { 200: Segment } },
  }, async (req) => segments.refreshSegment(ctx.db, await staffActor(req, ctx), req.params.id));

  app.get('/v1/admin/segments/:id/members', {
    schema: { tags, summary: 'Members as of the last refresh', security: bearer, params: IdParam, querystring: Type.Object({ ...Paging }) },
  }, async (req) => ({ items: await segments.segmentMembers(ctx.db, await staffActor(req, ctx), req.params.id, { limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 }) }));
};
