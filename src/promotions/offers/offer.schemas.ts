import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../platform/http.ts';
import { OFFER_KINDS } from './offer-types.ts';

const Minor = Type.Integer({ minimum: 0, maximum: 100_000_000_000 });
const Ids = Type.Array(Uuid, { maxItems: 1000, uniqueItems: true });
const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });
const Day = Type.Union([Type.Literal('mon'), Type.Literal('tue'), Type.Literal('wed'), Type.Literal('thu'), Type.Literal('fri'), Type.Literal('sat'), Type.Literal('sun')]);

export const OfferParamsSchema = Type.Object({
  percentBp: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  amountMinor: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000_000 })),
  maxDiscountMinor: Type.Optional(Minor),
  priceMinor: Type.Optional(Minor),
  maxUnits: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  variantId: Type.Optional(Uuid),
  buyQuantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  getQuantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  multiplier: Type.Optional(Type.Number({ minimum: 1, maximum: 100, multipleOf: 0.01 })),
}, { additionalProperties: false });

export const OfferConditionsSchema = Type.Object({
  minSpendMinor: Type.Optional(Minor),
  productIds: Type.Optional(Ids),
  categoryIds: Type.Optional(Ids),
  segmentIds: Type.Optional(Ids),
  firstPurchase: Type.Optional(Type.Boolean()),
  channel: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('in_store'), Type.Literal('both')])),
  storeIds: Type.Optional(Ids),
  maxDistanceM: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  windows: Type.Optional(Type.Array(Type.Object({ days: Type.Array(Day, { minItems: 1, maxItems: 7, uniqueItems: true }), from: HHMM, to: HHMM }, { additionalProperties: false }), { maxItems: 50 })),
}, { additionalProperties: false });

export const OfferInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Union(OFFER_KINDS.map((k) => Type.Literal(k))),
  params: Type.Optional(OfferParamsSchema),
  conditions: Type.Optional(OfferConditionsSchema),
  stackable: Type.Optional(Type.Boolean()),
  priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
}, { additionalProperties: false });
export type OfferInput = Static<typeof OfferInput>;
export const OfferPatch = Type.Partial(Type.Omit(OfferInput, ['kind']), { additionalProperties: false });
export type OfferPatch = Static<typeof OfferPatch>;

export const Offer = Type.Object({
  id: Uuid, campaignId: Uuid, name: Type.String(), kind: Type.String(), params: Type.Any(), conditions: Type.Any(),
  stackable: Type.Boolean(), priority: Type.Integer(),
});

export const CampaignInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  goal: Type.Optional(Type.Union(['footfall', 'acquisition', 'retention', 'reactivation', 'awareness', 'clearance', 'sales'].map((g) => Type.Literal(g)))),
  channels: Type.Optional(Type.Array(Type.Union(['email', 'sms', 'social', 'ads', 'referral', 'contest', 'geo', 'in_app', 'web', 'in_store'].map((c) => Type.Literal(c))), { maxItems: 10, uniqueItems: true })),
  startsAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  endsAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  storeIds: Type.Optional(Type.Union([Ids, Type.Null()])),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  budgetMinor: Type.Optional(Type.Union([Minor, Type.Null()])),
  budgetRedemptions: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), Type.Null()])),
  costMinor: Type.Optional(Minor),
  holdoutBp: Type.Optional(Type.Integer({ minimum: 0, maximum: 9000 })),
  radiusM: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()])),
  landingPath: Type.Optional(Type.Union([Type.String({ pattern: '^/[^\\s]*$', maxLength: 500 }), Type.Null()])),
}, { additionalProperties: false });
export type CampaignInput = Static<typeof CampaignInput>;
export const CampaignPatch = Type.Partial(CampaignInput, { additionalProperties: false });
export type CampaignPatch = Static<typeof CampaignPatch>;

export const Campaign = Type.Object({
  id: Uuid, name: Type.String(), goal: Type.String(), channels: Type.Array(Type.String()),
  startsAt: Type.Union([Type.String(), Type.Null()]), endsAt: Type.Union([Type.String(), Type.Null()]),
  storeIds: Type.Union([Type.Array(Uuid), Type.Null()]), currency: Type.String(),
  budgetMinor: Type.Union([Type.Integer(), Type.Null()]), budgetRedemptions: Type.Union([Type.Integer(), Type.Null()]),
  spentMinor: Type.Integer(), redemptionsCount: Type.Integer(), costMinor: Type.Integer(), holdoutBp: Type.Integer(),
  radiusM: Type.Union([Type.Integer(), Type.Null()]), landingPath: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(), createdAt: Type.String(), offers: Type.Optional(Type.Array(Offer)),
});
