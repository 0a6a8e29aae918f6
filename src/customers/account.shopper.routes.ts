import { Type } from '@sinclair/typebox';
import { bearer, Instant, MerchantParam, Nullable, shopperActor, Uuid, type RouteModule } from '../platform/http.ts';
import { LOCALES } from '../notifications/templates.ts';
import * as service from './account.service.ts';
import * as passwords from './account.password.ts';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 200 });
const Locale = Type.Union(LOCALES.map((l) => Type.Literal(l)));
const Profile = Type.Object({
  id: Uuid, email: Nullable(Type.String()), phone: Nullable(Type.String()), name: Type.String(), locale: Type.String(), created_at: Instant,
});
const Session = Type.Object({ token: Type.String({ description: 'Send as Authorization: Bearer <token>; valid 30 days' }), customer: Profile });
const tags = ['shopper accounts'];

/** Shopper sign-up, sign-in and the signed-in shopper's own profile. */
export const accountShopperRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/shop/:merchant/auth/register', {
    schema: {
      tags, summary: 'Create a shopper account (claims an earlier guest record with the same email)', params: MerchantParam,
      body: Type.Object({
        email: Email, password: Password, name: Type.String({ minLength: 1, maxLength: 200 }), locale: Type.Optional(Locale),
        phone: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164, e.g. +60123456789' })),
      }, { additionalProperties: false }),
      response: { 201: Session },
    },
  }, async (req, reply) => reply.code(201).send(await service.register(ctx.db, ctx.config.secret, await shopperActor(req, ctx, req.params.merchant), req.body)));

  app.post('/v1/shop/:merchant/auth/login', {
    schema: {
      tags, summary: 'Sign in with email and password', params: MerchantParam,
      body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Session },
    },
  }, async (req) => service.login(ctx.db, ctx.config.secret, await shopperActor(req, ctx, req.params.merchant), { ...req.body, address: req.ip }));

  app.post('/v1/shop/:merchant/auth/password-reset', {
    schema: {
      tags, summary: 'Email a password reset link (answers 202 whether or not the email has an account)', params: MerchantParam,
      body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }) }, { additionalProperties: false }),
      response: { 202: Type.Object({ status: Type.Literal('sent_if_registered') }) },
    },
  }, async (req, reply) => {
    await passwords.requestPasswordReset(ctx.db, ctx.config, await shopperActor(req, ctx, req.params.merchant), req.body);
    return reply.code(202).send({ status: 'sent_if_registered' as const });
  });

  app.post('/v1/shop/:merchant/auth/password-reset/confirm', {
    schema: {
      tags, summary: 'Set a new password with the token from the reset email; signs the shopper in', params: MerchantParam,
      body: Type.Object({ token: Type.String({ minLength: 10, maxLength: 2000 }), newPassword: Password }, { additionalProperties: false }),
      response: { 200: Session },
    },
  }, async (req) => passwords.confirmPasswordReset(ctx.db, ctx.config.secret, await shopperActor(req, ctx, req.params.merchant), req.body));

  app.get('/v1/shop/:merchant/me', {
    schema: { tags, summary: 'The signed-in shopper', security: bearer, params: MerchantParam, response: { 200: Profile } },
  }, async (req) => service.me(ctx.db, await shopperActor(req, ctx, req.params.merchant)));

  app.post('/v1/shop/:merchant/me/password', {
    schema: {
      tags, summary: 'Change the password (needs the current one)', security: bearer, params: MerchantParam,
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password }, { additionalProperties: false }),
      response: { 204: Type.Null() },
    },
  }, async (req, reply) => {
    await passwords.changePassword(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.body);
    return reply.code(204).send(null);
  });
};
