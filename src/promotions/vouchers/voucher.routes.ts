import { Type } from '@sinclair/typebox';
import { bearer, MerchantParam, shopperActor, staffActor, Uuid, type RouteModule } from '../../platform/http.ts';
import { createVoucherProduct, listVoucherProducts, purchaseVoucher, voucherSettlement } from './voucher.service.ts';

const Minor = Type.Integer({ minimum: 1, maximum: 100_000_000_000 });
const VoucherProduct = Type.Object({
  id: Uuid, campaignId: Uuid, title: Type.String(), description: Type.String(), priceMinor: Type.Integer(), valueMinor: Type.Integer(),
  settleMinor: Type.Integer(), currency: Type.String(), validDays: Type.Integer(), expiryPolicy: Type.String(),
  remaining: Type.Union([Type.Integer(), Type.Null()]), status: Type.String(),
});

/** Prepaid vouchers (the deal model): sold online, redeemed at the till, settled per store. */
export const voucherRoutes: RouteModule = (app, ctx) => {
  app.post('/v1/admin/campaigns/:id/voucher-products', {
    schema: {
      tags: ['promotions'], security: bearer, summary: 'Put a prepaid voucher on sale (price, value at the till, what each store is owed on redemption)',
      params: Type.Object({ id: Uuid }), response: { 201: VoucherProduct },
      body: Type.Object({
        title: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Type.String({ maxLength: 2000 })),
        priceMinor: Minor, valueMinor: Minor, settleMinor: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
        validDays: Type.Integer({ minimum: 1, maximum: 3650 }), expiryPolicy: Type.Optional(Type.Union([Type.Literal('expire'), Type.Literal('refund')])),
        stock: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await createVoucherProduct(ctx.db, await staffActor(req, ctx), req.params.id, req.body)));

  app.get('/v1/admin/vouchers/settlement', {
    schema: {
      tags: ['promotions'], security: bearer, summary: 'What is owed to each store for vouchers redeemed there, and what is still outstanding',
      querystring: Type.Object({ from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }),
    },
  }, async (req) => voucherSettlement(ctx.db, await staffActor(req, ctx), req.query));

  app.get('/v1/shop/:merchant/vouchers', {
    schema: { tags: ['shop'], summary: 'Prepaid vouchers on sale', params: MerchantParam, response: { 200: Type.Object({ items: Type.Array(VoucherProduct) }) } },
  }, async (req) => ({ items: await listVoucherProducts(ctx.db, await shopperActor(req, ctx, req.params.merchant)) }));

  app.post('/v1/shop/:merchant/vouchers/:id/purchase', {
    schema: {
      tags: ['shop'], summary: 'Buy a voucher by card; the code is emailed and, when signed in, kept in your wallet',
      params: Type.Object({ merchant: MerchantParam.properties.merchant, id: Uuid }),
      body: Type.Object({
        email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
        card: Type.Object({
          number: Type.String({ pattern: '^[0-9 ]{12,23}$' }), expMonth: Type.Integer({ minimum: 1, maximum: 12 }),
          expYear: Type.Integer({ minimum: 2000, maximum: 2100 }), cvc: Type.String({ pattern: '^[0-9]{3,4}$' }),
        }, { additionalProperties: false }),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.code(201).send(await purchaseVoucher(ctx.db, await shopperActor(req, ctx, req.params.merchant), req.params.id, req.body)));
};
