import { Type } from '@sinclair/typebox';
import { bearer, MerchantParam, shopperActor, Uuid, type RouteModule } from '../../platform/http.ts';
import { browseOffers, offerLanding } from './public-offers.ts';
import { claimOffer, listWallet, saveCodeToWallet, walletCodeImage } from './wallet.service.ts';

const Location = Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) }, { additionalProperties: false });
const Claim = Type.Object({
  claimId: Uuid, code: Type.String(), codeId: Uuid, campaignId: Uuid, intendedStoreId: Type.Optional(Type.Union([Uuid, Type.Null()])), alreadyClaimed: Type.Boolean(),
});

/** Shoppers: browse offers (near them, with consent), claim them into a wallet, show a code at the till. */
export const shopPromotionRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/shop/:merchant/offers', {
    schema: {
      tags: ['shop'], summary: 'Offers running now; with a location shared with consent (or a store), geo offers within their radius, nearest first',
      params: MerchantParam,
      querystring: Type.Object({
        lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })), lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
        locationConsent: Type.Optional(Type.Boolean()), storeId: Type.Optional(Uuid),
      }, { additionalProperties: false }),
    },
  }, async (req) => ({ items: await browseOffers(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.query) }));

  app.get('/v1/shop/:merchant/offers/:campaignId', {
    schema: { tags: ['shop'], summary: 'One offer\'s landing data (the page tracking links land on)', params: Type.Object({ merchant: MerchantParam.properties.merchant, campaignId: Uuid }) },
  }, async (req) => offerLanding(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.campaignId));

  app.post('/v1/shop/:merchant/offers/:campaignId/claim', {
    schema: {
      tags: ['shop'], security: bearer, summary: 'Claim an offer: your own code goes into your wallet (once); a chosen store is recorded as your intended visit',
      params: Type.Object({ merchant: MerchantParam.properties.merchant, campaignId: Uuid }), response: { 200: Claim, 201: Claim },
      body: Type.Object({
        offerId: Type.Optional(Uuid), storeId: Type.Optional(Uuid), location: Type.Optional(Location),
        channel: Type.Optional(Type.String({ maxLength: 40 })), source: Type.Optional(Type.String({ maxLength: 100 })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    const claim = await claimOffer(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.campaignId, req.body);
    return reply.code(claim.alreadyClaimed ? 200 : 201).send(claim);
  });

  app.post('/v1/shop/:merchant/wallet', {
    schema: {
      tags: ['shop'], security: bearer, summary: 'Save a code you were given into your wallet', params: MerchantParam, response: { 200: Claim, 201: Claim },
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }), storeId: Type.Optional(Uuid) }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    const claim = await saveCodeToWallet(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.body.code, req.body.storeId);
    return reply.code(claim.alreadyClaimed ? 200 : 201).send(claim);
  });

  app.get('/v1/shop/:merchant/wallet', {
    schema: { tags: ['shop'], security: bearer, summary: 'Your codes, with offer, validity and state (usable, used, expired)', params: MerchantParam },
  }, async (req) => ({ items: await listWallet(ctx.db, await shopperActor(req, ctx, req.params.merchant)) }));

  app.get('/v1/shop/:merchant/wallet/:codeId/:image', {
    schema: {
      tags: ['shop'], security: bearer, summary: 'Your code as a QR image or barcode to show at the till',
      params: Type.Object({ merchant: MerchantParam.properties.merchant, codeId: Uuid, image: Type.Union([Type.Literal('qr.png'), Type.Literal('qr.svg'), Type.Literal('barcode.png'), Type.Literal('barcode.svg')]) }),
    },
  }, async (req, reply) => {
    const [kind, format] = req.params.image.split('.') as ['qr' | 'barcode', 'png' | 'svg'];
    const img = await walletCodeImage(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.codeId, kind, format);
    return reply.type(img.contentType).header('cache-control', 'private, max-age=3600').send(img.body);
  });
};
