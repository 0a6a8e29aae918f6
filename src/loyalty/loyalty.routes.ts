import { Type } from '@sinclair/typebox';
import { AppError } from '../platform/errors.ts';
import { bearer, MerchantParam, shopperActor, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import * as loyalty from './loyalty.service.ts';

const IdParam = Type.Object({ id: Uuid });
const tags = ['loyalty'];

/** Loyalty programme (admin), member accounts (admin, shopper) and the till lookup (POS). */
export const loyaltyRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/admin/loyalty', {
    schema: { tags, summary: 'The loyalty programme: settings, tiers and rules', security: bearer },
  }, async (req) => loyalty.getProgram(ctx.db, await staffActor(req, ctx)));

  app.put('/v1/admin/loyalty/settings', {
    schema: {
      tags, summary: 'Earn rate, point value, expiry and redemption cap', security: bearer,
      body: Type.Object({
        pointsPerUnit: Type.Integer({ minimum: 0, maximum: 1000 }), pointValueMinor: Type.Integer({ minimum: 1, maximum: 100000 }),
        expiryDays: Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()]), maxRedeemBp: Type.Integer({ minimum: 0, maximum: 10000 }),
      }, { additionalProperties: false }),
    },
  }, async (req) => loyalty.updateSettings(ctx.db, await staffActor(req, ctx), req.body));

  app.post('/v1/admin/loyalty/tiers', {
    schema: {
      tags, summary: 'Add a tier (reached by lifetime points)', security: bearer,
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 40 }), thresholdPoints: Type.Integer({ minimum: 0, maximum: 1e9 }),
        earnMultiplierBp: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), benefits: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await loyalty.addTier(ctx.db, await staffActor(req, ctx), req.body)));

  app.post('/v1/admin/loyalty/rules', {
    schema: {
      tags, summary: 'Add an earn multiplier for a category or a campaign', security: bearer,
      body: Type.Object({
        kind: Type.Union([Type.Literal('category'), Type.Literal('campaign')]), categoryId: Type.Optional(Uuid), campaignId: Type.Optional(Uuid),
        multiplierBp: Type.Integer({ minimum: 0, maximum: 100000 }), startsAt: Type.Optional(Type.String({ format: 'date-time' })), endsAt: Type.Optional(Type.String({ format: 'date-time' })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await loyalty.addRule(ctx.db, await staffActor(req, ctx), req.body)));

  app.delete('/v1/admin/loyalty/rules/:id', {
    schema: { tags, summary: 'Remove an earn rule', security: bearer, params: IdParam },
  }, async (req, reply) => { await loyalty.removeRule(ctx.db, await staffActor(req, ctx), req.params.id); return reply.code(204).send(); });

  app.get('/v1/admin/customers/:id/loyalty', {
    schema: { tags, summary: 'A member\'s balance, tier and ledger', security: bearer, params: IdParam },
  }, async (req) => loyalty.accountOf(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/admin/customers/:id/loyalty/adjust', {
    schema: {
      tags, summary: 'Credit or debit points by hand', security: bearer, params: IdParam,
      body: Type.Object({ points: Type.Integer({ minimum: -1e7, maximum: 1e7 }), note: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    },
  }, async (req) => loyalty.adjust(ctx.db, await staffActor(req, ctx), req.params.id, req.body.points, req.body.note));

  app.get('/v1/pos/loyalty/lookup', {
    schema: {
      tags: ['pos'], summary: 'Find a member at the till and quote their points on a basket', security: bearer,
      querystring: Type.Object({
        card: Type.Optional(Type.String({ maxLength: 40 })), email: Type.Optional(Type.String({ maxLength: 254 })), phone: Type.Optional(Type.String({ maxLength: 32 })),
        basketMinor: Type.Integer({ minimum: 0, maximum: 1e12 }),
      }),
    },
  }, async (req) => {
    const q = req.query;
    if (!q.card && !q.email && !q.phone) throw new AppError('validation', 'Give card, email or phone');
    return loyalty.lookupAtTill(ctx.db, await staffActor(req, ctx), { loyaltyCard: q.card, email: q.email, phone: q.phone }, q.basketMinor);
  });

  app.get('/v1/shop/:merchant/me/loyalty', {
    schema: { tags: ['shop'], summary: 'My points, tier and history', security: bearer, params: MerchantParam },
  }, async (req) => {
    const actor = await shopperActor(req, ctx, req.params.merchant);
    if (actor.kind !== 'customer') throw new AppError('unauthenticated', 'Sign in to see your points');
    return loyalty.accountOf(ctx.db, actor, actor.customerId);
  });
};
