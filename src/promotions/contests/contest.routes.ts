import { Type } from '@sinclair/typebox';
import { bearer, MerchantParam, shopperActor, staffActor, Uuid, type RouteModule } from '../../platform/http.ts';
import { createContest, drawAudit, drawContest, enterContest, getContest, listContests } from './contest.service.ts';

const ShopContest = Type.Object({ merchant: MerchantParam.properties.merchant, id: Uuid });
const Method = Type.Union([Type.Literal('claim'), Type.Literal('form'), Type.Literal('link')]);

/** Contests and giveaways: created and drawn by the merchant, entered and audited by shoppers. */
export const contestRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/admin/campaigns/:id/contests', {
    schema: {
      tags: ['promotions'], security: bearer, summary: 'Create a contest; its seed commitment is public from now on',
      params: Type.Object({ id: Uuid }),
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }), winnersCount: Type.Integer({ minimum: 1, maximum: 10_000 }), offerId: Uuid,
        closesAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
        entryMethods: Type.Optional(Type.Array(Method, { minItems: 1, maxItems: 3, uniqueItems: true })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await createContest(ctx.db, await staffActor(req, ctx), req.params.id, req.body)));

  app.get('/v1/admin/campaigns/:id/contests', {
    schema: { tags: ['promotions'], security: bearer, summary: "A campaign's contests with their entrants so far, and after the draw the seed and winners", params: Type.Object({ id: Uuid }) },
  }, async (req) => listContests(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/admin/contests/:id/draw', {
    schema: { tags: ['promotions'], security: bearer, summary: 'Close entries and draw the winners; they are issued prize codes', params: Type.Object({ id: Uuid }) },
  }, async (req) => drawContest(ctx.db, await staffActor(req, ctx), req.params.id));

  app.get('/v1/shop/:merchant/contests/:id', {
    schema: { tags: ['shop'], summary: 'A contest: entrants, seed commitment, and after the draw the seed and winners', params: ShopContest },
  }, async (req) => getContest(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.id));

  app.post('/v1/shop/:merchant/contests/:id/entries', {
    schema: {
      tags: ['shop'], security: bearer, summary: 'Enter a contest (once) by claim, form or a tracked social-link click', params: ShopContest,
      body: Type.Object({
        method: Method, clickId: Type.Optional(Type.String({ maxLength: 200 })),
        answers: Type.Optional(Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 1000 }), { maxProperties: 20 })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    const r = await enterContest(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.id, req.body);
    return reply.code(r.alreadyEntered ? 200 : 201).send(r);
  });

  app.get('/v1/shop/:merchant/contests/:id/draw', {
    schema: { tags: ['shop'], summary: 'Everything needed to re-run the draw: seed, entrant ids, hashes and algorithm', params: ShopContest },
  }, async (req) => drawAudit(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.id));
};
