import { Type } from '@sinclair/typebox';
import { MerchantParam, shopperActor, Uuid, type RouteModule } from '../platform/http.ts';
import { ingestTouchpoints, MAX_EVENTS_PER_BATCH, TOUCH_TYPES } from './ingest.ts';
import { snippetSource } from './snippet.ts';

const Short = (max: number) => Type.String({ maxLength: max });
const Event = Type.Object({
  id: Type.String({ minLength: 8, maxLength: 100, description: 'Client-made unique id; a repeat is deduplicated' }),
  type: Type.Union(TOUCH_TYPES.map((t) => Type.Literal(t))),
  occurredAt: Type.String({ format: 'date-time' }),
  anonymousId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  campaignId: Type.Optional(Uuid),
  utm: Type.Optional(Type.Object({ source: Type.Optional(Short(200)), medium: Type.Optional(Short(200)), campaign: Type.Optional(Short(200)), content: Type.Optional(Short(200)), term: Type.Optional(Short(200)) }, { additionalProperties: false })),
  clickIds: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z]{2,10}$' }), Short(500))),
  url: Type.Optional(Short(2000)),
  referrer: Type.Optional(Short(2000)),
  productId: Type.Optional(Uuid),
  storeId: Type.Optional(Uuid),
  code: Type.Optional(Short(64)),
  query: Type.Optional(Short(200)),
  location: Type.Optional(Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }), accuracyM: Type.Optional(Type.Number({ minimum: 0 })) }, { additionalProperties: false })),
  consent: Type.Optional(Type.Object({ analytics: Type.Optional(Type.Boolean()), location: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
}, { additionalProperties: false });

// The snippet runs on the retailer's own site too, so the events endpoint answers cross-origin calls (no cookies).
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type, authorization', 'access-control-max-age': '86400' };
const cors = async (_req: unknown, reply: { headers(h: Record<string, string>): unknown }, payload: unknown) => { reply.headers(CORS); return payload; };

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Touchpoint collection: the batch events API, the email-open pixel and the browser snippet. */
export const touchpointShopperRoutes: RouteModule = (app, ctx) => {
  app.options('/v1/shop/:merchant/events', { schema: { hide: true, params: MerchantParam } }, async (_req, reply) => reply.headers(CORS).code(204).send());

  app.post('/v1/shop/:merchant/events', {
    onSend: cors,
    schema: {
      tags: ['shop'], summary: `Record touchpoints (batch of up to ${MAX_EVENTS_PER_BATCH}; per-event results)`, params: MerchantParam,
      body: Type.Object({
        sentAt: Type.Optional(Type.String({ format: 'date-time', description: 'The client clock when sending; corrects skewed occurredAt' })),
        // A hard bound for the validator; the use-case answers 413 past MAX_EVENTS_PER_BATCH with a clear message.
        events: Type.Array(Event, { minItems: 1, maxItems: 20_000 }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          accepted: Type.Integer(), duplicates: Type.Integer(), rejected: Type.Integer(),
          results: Type.Array(Type.Object({ index: Type.Integer(), id: Type.String(), status: Type.String(), error: Type.Optional(Type.Object({ code: Type.String(), detail: Type.String() })) })),
        }),
      },
    },
  }, async (req) => {
    const results = await ingestTouchpoints(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.body);
    const count = (s: string) => results.filter((r) => r.status === s).length;
    return { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results };
  });

  app.get('/v1/shop/:merchant/events/open.gif', {
    schema: {
      tags: ['shop'], summary: 'Email-open pixel (always answers a 1x1 GIF)', params: MerchantParam,
      querystring: Type.Object({ id: Type.String({ minLength: 8, maxLength: 100 }), c: Type.Optional(Uuid), u: Type.Optional(Type.String({ maxLength: 100 })) }),
    },
  }, async (req, reply) => {
    const actor = await shopperActor(req, ctx, req.params.merchant);
    await ingestTouchpoints(ctx.db, actor, { events: [{ id: req.query.id, type: 'email_open', occurredAt: new Date().toISOString(), campaignId: req.query.c, anonymousId: req.query.u, utm: { medium: 'email' } }] })
      .catch((err) => req.log.warn({ err }, 'open pixel not recorded'));
    return reply.header('cache-control', 'no-store').type('image/gif').send(GIF);
  });

  app.get('/v1/shop/:merchant/snippet.js', {
    schema: { tags: ['shop'], summary: 'The browser tracking snippet (a few KB of JavaScript)', params: MerchantParam },
  }, async (req, reply) => {
    await shopperActor(req, ctx, req.params.merchant);
    return reply.header('cache-control', 'public, max-age=300').type('application/javascript; charset=utf-8')
      .send(snippetSource(ctx.config.publicUrl, req.params.merchant));
  });
};
