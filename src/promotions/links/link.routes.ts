import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { bearer, staffActor, Uuid, type RouteModule } from '../../platform/http.ts';
import { createTrackingLink, followTrackingLink, listTrackingLinks } from './tracking-link.service.ts';

const Link = Type.Object({
  id: Uuid, slug: Type.String(), url: Type.String(), campaignId: Uuid, channel: Type.String(), source: Type.String(), medium: Type.String(),
  content: Type.String(), landingPath: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), clicks: Type.Optional(Type.Integer()),
});

const baseUrl = (ctx: AppContext) => ctx.config.publicUrl.replace(/\/$/, '');

/** Short tracking links: created by the merchant, followed by shoppers at /l/{slug}. */
export const linkRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/admin/campaigns/:id/links', {
    schema: {
      tags: ['promotions'], security: bearer, summary: 'Create a short tracking link for a campaign, channel and source',
      params: Type.Object({ id: Uuid }), response: { 201: Link },
      body: Type.Object({
        channel: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_-]+$' }),
        source: Type.Optional(Type.String({ maxLength: 100 })), medium: Type.Optional(Type.String({ maxLength: 100 })),
        content: Type.Optional(Type.String({ maxLength: 100 })),
        landingPath: Type.Optional(Type.Union([Type.String({ pattern: '^/[^\\s]*$', maxLength: 500 }), Type.Null()])),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await createTrackingLink(ctx.db, await staffActor(req, ctx), baseUrl(ctx), req.params.id, req.body)));

  app.get('/v1/admin/campaigns/:id/links', {
    schema: { tags: ['promotions'], security: bearer, summary: 'A campaign\'s tracking links with click counts', params: Type.Object({ id: Uuid }), response: { 200: Type.Object({ items: Type.Array(Link) }) } },
  }, async (req) => ({ items: await listTrackingLinks(ctx.db, await staffActor(req, ctx), baseUrl(ctx), req.params.id) }));

  app.get('/l/:slug', {
    schema: {
      tags: ['promotions'], summary: 'Follow a short link: records the click and redirects to the offer page with campaign, UTM and click id',
      params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) }),
      querystring: Type.Record(Type.String(), Type.String({ maxLength: 500 })),
    },
  }, async (req, reply) => {
    const location = await followTrackingLink(ctx.db, req.params.slug, {
      query: req.query as Record<string, string>, ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
      referrer: (req.headers.referer as string | undefined) ?? null, customerId: null,
    });
    return reply.code(302).header('cache-control', 'no-store').redirect(location, 302);
  });
};
