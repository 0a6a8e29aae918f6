import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { bearer, staffActor, Uuid, type RouteModule } from '../../platform/http.ts';
import { replayOfflineQueue } from './offline-replay.ts';
import { QueuedRedemption, Redemption, TillBasket, TillRedeem } from './pos.schemas.ts';
import * as pos from './pos.service.ts';

/** The till: validate a code against a basket, redeem it exactly once, void it, replay an offline queue. */
export const posPromotionRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/pos/codes/validate', {
    schema: {
      tags: ['pos'], summary: 'Check a code against a basket: the discount, or the machine-readable reason it does not apply', security: bearer,
      body: Type.Object(TillBasket, { additionalProperties: false }),
    },
  }, async (req) => pos.validateAtTill(ctx.db, await staffActor(req, ctx), req.body));

  app.post('/v1/pos/redemptions', {
    schema: {
      tags: ['pos'], security: bearer, body: TillRedeem,
      summary: 'Redeem a code on a sale, exactly once: a retry with the same clientRedemptionId returns the first result',
      response: { 200: Type.Object({ replayed: Type.Boolean(), redemption: Redemption }), 201: Type.Object({ replayed: Type.Boolean(), redemption: Redemption }) },
    },
  }, async (req, reply) => {
    const r = await pos.redeemAtTill(ctx.db, await staffActor(req, ctx), req.body);
    if (r.status === 'rejected') {
      const status = r.reason === 'unknown_code' ? 'code_not_found' : r.conflict ? 'redemption_conflict' : 'code_not_applicable';
      throw new AppError(status, r.detail, { reason: r.reason, code: r.code, ...(r.conflict ? { conflict: r.conflict } : {}) });
    }
    return reply.code(r.replayed ? 200 : 201).send({ replayed: r.replayed, redemption: r.redemption });
  });

  app.post('/v1/pos/redemptions/offline', {
    schema: {
      tags: ['pos'], security: bearer, summary: 'Replay redemptions a till queued while offline; each item reports redeemed, already_recorded, conflict or rejected',
      body: Type.Object({ items: Type.Array(QueuedRedemption, { minItems: 1, maxItems: 200 }) }, { additionalProperties: false }),
    },
  }, async (req) => replayOfflineQueue(ctx.db, await staffActor(req, ctx), req.body.items));

  app.post('/v1/pos/redemptions/:id/void', {
    schema: {
      tags: ['pos'], security: bearer, summary: 'Void a redemption because the sale was cancelled: the code can be used again',
      params: Type.Object({ id: Uuid }),
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: Redemption },
    },
  }, async (req) => pos.voidAtTill(ctx.db, await staffActor(req, ctx), req.params.id, req.body.reason));

  app.get('/v1/pos/redemptions/:id', {
    schema: { tags: ['pos'], security: bearer, summary: 'One redemption', params: Type.Object({ id: Uuid }), response: { 200: Redemption } },
  }, async (req) => pos.getRedemption(ctx.db, await staffActor(req, ctx), req.params.id));
};
