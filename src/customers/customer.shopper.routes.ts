import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../platform/access.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { bearer, MerchantParam, shopperActor, type RouteModule } from '../platform/http.ts';
import { ConsentsSchema, ConsentState, ProfileBody, Profile } from './customer.schemas.ts';
import { eraseCustomer, exportCustomer } from './privacy.service.ts';
import * as profiles from './profile.service.ts';

const tags = ['shop'];

async function me(req: FastifyRequest, ctx: AppContext): Promise<Actor & { kind: 'customer' }> {
  const actor = await shopperActor(req, ctx, (req.params as { merchant: string }).merchant);
  if (actor.kind !== 'customer') throw new AppError('unauthenticated', 'Sign in to see your profile');
  return actor;
}

/** The signed-in shopper's own profile, consents and privacy rights. */
export const customerShopperRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/shop/:merchant/me/profile', {
    schema: { tags, summary: 'My profile', security: bearer, params: MerchantParam, response: { 200: Profile } },
  }, async (req) => { const a = await me(req, ctx); return profiles.getCustomer(ctx.db, a, a.customerId); });

  app.patch('/v1/shop/:merchant/me/profile', {
    schema: { tags, summary: 'Update my profile', security: bearer, params: MerchantParam, body: ProfileBody, response: { 200: Profile } },
  }, async (req) => { const a = await me(req, ctx); return profiles.updateCustomer(ctx.db, a, a.customerId, req.body); });

  app.get('/v1/shop/:merchant/me/consents', {
    schema: { tags, summary: 'My consents and their history', security: bearer, params: MerchantParam, response: { 200: ConsentState } },
  }, async (req) => { const a = await me(req, ctx); return profiles.getConsentHistory(ctx.db, a, a.customerId); });

  app.put('/v1/shop/:merchant/me/consents', {
    schema: {
      tags, summary: 'Give or withdraw consent per purpose', security: bearer, params: MerchantParam,
      body: Type.Object({ consents: ConsentsSchema }, { additionalProperties: false }), response: { 200: ConsentState },
    },
  }, async (req) => { const a = await me(req, ctx); return profiles.setConsents(ctx.db, a, a.customerId, req.body.consents); });

  app.get('/v1/shop/:merchant/me/export', {
    schema: { tags, summary: 'Download everything held about me (JSON)', security: bearer, params: MerchantParam },
  }, async (req) => { const a = await me(req, ctx); return exportCustomer(ctx.db, a, a.customerId); });

  app.post('/v1/shop/:merchant/me/erase', {
    schema: { tags, summary: 'Erase my personal data', security: bearer, params: MerchantParam, response: { 200: Type.Object({ id: Type.String(), erased: Type.Boolean() }) } },
  }, async (req) => { const a = await me(req, ctx); return eraseCustomer(ctx.db, a, a.customerId); });
};
