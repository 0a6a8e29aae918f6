import { Type } from '@sinclair/typebox';
import { bearer, list, Paging, staffActor, Uuid, type RouteModule } from '../../platform/http.ts';
import { addOffer, updateOffer } from '../offers/offer.service.ts';
import { Campaign, CampaignInput, CampaignPatch, Offer, OfferInput, OfferPatch } from '../offers/offer.schemas.ts';
import * as service from './campaign.service.ts';
import { campaignReport } from './campaign-report.ts';
import { MAX_AUDIENCE, sendToAudience } from '../distribution/audience-send.ts';

const Id = Type.Object({ id: Uuid });

/** Merchant admin: campaigns, their offers and lifecycle. */
export const campaignAdminRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/admin/campaigns', {
    schema: {
      tags: ['promotions'], summary: 'List campaigns', security: bearer,
      querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 20 })), ...Paging }), response: { 200: list(Campaign) },
    },
  }, async (req) => ({ items: await service.listCampaigns(ctx.db, await staffActor(req, ctx), req.query) }));

  app.post('/v1/admin/campaigns', {
    schema: { tags: ['promotions'], summary: 'Create a campaign (as a draft)', security: bearer, body: CampaignInput, response: { 201: Campaign } },
  }, async (req, reply) => reply.code(201).send(await service.createCampaign(ctx.db, await staffActor(req, ctx), req.body)));

  app.get('/v1/admin/campaigns/:id', {
    schema: { tags: ['promotions'], summary: 'One campaign with its offers', security: bearer, params: Id, response: { 200: Campaign } },
  }, async (req) => service.getCampaign(ctx.db, await staffActor(req, ctx), req.params.id));

  app.patch('/v1/admin/campaigns/:id', {
    schema: { tags: ['promotions'], summary: 'Change a campaign', security: bearer, params: Id, body: CampaignPatch, response: { 200: Campaign } },
  }, async (req) => service.updateCampaign(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.post('/v1/admin/campaigns/:id/transition', {
    schema: {
      tags: ['promotions'], security: bearer, params: Id, response: { 200: Campaign },
      summary: 'Activate (scheduled if its start lies ahead), pause, end, archive, or return to draft',
      body: Type.Object({ to: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('ended'), Type.Literal('archived'), Type.Literal('draft')]) }, { additionalProperties: false }),
    },
  }, async (req) => service.transitionCampaign(ctx.db, await staffActor(req, ctx), req.params.id, req.body.to));

  app.get('/v1/admin/campaigns/:id/report', {
    schema: { tags: ['promotions'], summary: 'Redemptions, discount given, spend, ROI inputs and holdout groups', security: bearer, params: Id },
  }, async (req) => campaignReport(ctx.db, await staffActor(req, ctx), req.params.id));

  app.post('/v1/admin/campaigns/:id/offers', {
    schema: { tags: ['promotions'], summary: 'Add an offer to a campaign', security: bearer, params: Id, body: OfferInput, response: { 201: Offer } },
  }, async (req, reply) => reply.code(201).send(await addOffer(ctx.db, await staffActor(req, ctx), req.params.id, req.body)));

  app.patch('/v1/admin/offers/:id', {
    schema: { tags: ['promotions'], summary: 'Change an offer', security: bearer, params: Id, body: OfferPatch, response: { 200: Offer } },
  }, async (req) => updateOffer(ctx.db, await staffActor(req, ctx), req.params.id, req.body));

  app.post('/v1/admin/campaigns/:id/sends', {
    schema: {
      tags: ['promotions'], security: bearer, params: Id,
      summary: 'Send codes to a segment or list by email or SMS: a random holdout share gets nothing; messages only with consent',
      body: Type.Object({
        segmentId: Type.Optional(Uuid), customerIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: MAX_AUDIENCE })),
        channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]), offerId: Type.Optional(Uuid),
      }, { additionalProperties: false }),
    },
  }, async (req) => sendToAudience(ctx.db, await staffActor(req, ctx), req.params.id, req.body));
};
