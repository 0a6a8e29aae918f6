import { Type } from '@sinclair/typebox';
import { Uuid } from '../../platform/http.ts';

export const MAX_BASKET_LINES = 500;

export const TillLine = Type.Object({
  variantId: Type.Optional(Uuid),
  sku: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  productId: Type.Optional(Uuid),
  categoryId: Type.Optional(Uuid),
  quantity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  unitPriceMinor: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
}, { additionalProperties: false });

export const CodeText = Type.String({ minLength: 1, maxLength: 128 });

export const TillBasket = {
  code: CodeText,
  storeId: Type.Optional(Uuid),
  lines: Type.Array(TillLine, { maxItems: MAX_BASKET_LINES }),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  customerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
};

export const TillRedeem = Type.Object({
  ...TillBasket,
  saleRef: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()])),
  clientRedemptionId: Type.Optional(Type.Union([Type.String({ minLength: 8, maxLength: 120, pattern: '^[A-Za-z0-9_.:-]+$' }), Type.Null()])),
  redeemedAt: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false });

export const QueuedRedemption = Type.Object({
  ...TillBasket,
  saleRef: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()])),
  clientRedemptionId: Type.String({ minLength: 8, maxLength: 120, pattern: '^[A-Za-z0-9_.:-]+$' }),
  redeemedAt: Type.String({ format: 'date-time' }),
}, { additionalProperties: false });

export const Redemption = Type.Object({
  id: Uuid, code: Type.String(), codeId: Uuid, campaignId: Uuid, offerId: Uuid, storeId: Type.Union([Uuid, Type.Null()]),
  channel: Type.String(), customerId: Type.Union([Uuid, Type.Null()]), saleRef: Type.Union([Type.String(), Type.Null()]),
  orderRef: Type.Union([Type.String(), Type.Null()]), clientRedemptionId: Type.Union([Type.String(), Type.Null()]),
  basketTotalMinor: Type.Integer(), discountMinor: Type.Integer(), currency: Type.String(),
  lines: Type.Array(Type.Object({ index: Type.Integer(), discountMinor: Type.Integer() })),
  redeemedAt: Type.String(), recordedAt: Type.String(), voidedAt: Type.Union([Type.String(), Type.Null()]), actor: Type.String(),
});
