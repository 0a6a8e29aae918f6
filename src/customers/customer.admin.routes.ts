import { Type } from '@sinclair/typebox';
import { bearer, list, Paging, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import { ConsentsSchema, ConsentState, Profile, StaffProfileBody } from './customer.schemas.ts';
import { mergeCustomers } from './merge.service.ts';
import { eraseCustomer, exportCustomer } from './privacy.service.ts';
import * as profiles from './profile.service.ts';

const IdParam = Type.Object({ id: Uuid });
const tags = ['customers'];

/** Staff manage customer profiles, consents, merges and the privacy rights. */
export const customerAdminRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/admin/customers', {
    schema: {
      tags, summary: 'Search customers by name, email, phone or card', security: bearer,
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }),
      response: { 200: list(Type.Object({ id: Uuid, email: Type.Any(), phone: Type.Any(), name: Type.String(), kind: Type.String(), locale: Type.String(), postcode: Type.Any(), created_at: Type.Any() })) },
    },
  }, async (req) => ({ items: await profiles.listCustomers(ctx.db, await staffActor(req, ctx), { q: req.query.q, limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 }) }));

  app.post('/v1/admin/customers', {
    schema: { tags, summary: 'Create a customer profile', security: bearer, body: StaffProfileBody, response: { 201: Profile } },
  }, async (req, reply) => reply.code(201).send(await profiles.createCustomer(ctx.db, await staffActor(req, ctx), req.body)));

  app.get('/v1/admin/customers/:id', {
    schema: { tags, summary: 'One customer profile', security: bearer, params: IdParam, response: { 200: Profile } },
  }, async (req) => profiles.getCustomer(ctx.db, await staffActor(req, ctx), req.params.id));

  app.patch('/v1/admin/customers/:id', {
    schema: { tags, summary: 'Update a customer profile', security: bearer, params: IdParam, body: StaffProfileBody, response: { 200: Profile } },
  }, async (req) => profiles.updateCustomer(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.get('/v1/admin/customers/:id/consents', {
    schema: { tags, summary: 'Current consents and their full history', security: bearer, params: IdParam, response: { 200: ConsentState } },
  }, async (req) => profiles.getConsentHistory(ctx.db, await staffActor(req, ctx), req.params.id));

  app.put('/v1/admin/customers/:id/consents', {
    schema: {
      tags, summary: 'Record consent answers (e.g. given at the till)', security: bearer, params: IdParam,
      body: Type.Object({ consents: ConsentsSchema, source: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })) }, { additionalProperties: false }),
      response: { 200: ConsentState },
    },
  }, async (req) => profiles.setConsents(ctx.db, await staffActor(req, ctx), req.params.id, req.body.consents, req.body.source));

  app.post('/v1/admin/customers/:id/merge', {
    schema: {
      tags, summary: 'Merge a duplicate profile into this one', security: bearer, params: IdParam,
      body: Type.Object({ duplicateId: Uuid }, { additionalProperties: false }),
      response: { 200: Type.Object({ mergeId: Uuid, moved: Type.Any(), customer: Profile }) },
    },
  }, async (req) => mergeCustomers(ctx.db, await staffActor(req, ctx), req.params.id, req.body.duplicateId));

  app.get('/v1/admin/customers/:id/export', {
    schema: { tags, summary: 'Right of access: everything held about the customer', security: bearer, params: IdParam },
  }, async (req) => exportCustomer(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/admin/customers/:id/erase', {
    schema: { tags, summary: 'Right to erasure: anonymise the customer, keep aggregates', security: bearer, params: IdParam, response: { 200: Type.Object({ id: Uuid, erased: Type.Boolean() }) } },
  }, async (req) => eraseCustomer(ctx.db, await staffActor(req, ctx), req.params.id));
};
