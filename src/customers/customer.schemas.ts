import { Type } from '@sinclair/typebox';

export const AgeBandSchema = Type.Union(['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'].map((v) => Type.Literal(v)));
export const ConsentsSchema = Type.Object({
  marketing_email: Type.Optional(Type.Boolean()),
  marketing_sms: Type.Optional(Type.Boolean()),
  location: Type.Optional(Type.Boolean()),
  analytics: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ProfileBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
  phone: Type.Optional(Nullable(Type.String({ minLength: 6, maxLength: 32, pattern: '^[+0-9 ()-]+$' }))),
  locale: Type.Optional(Type.Union(['en', 'fa', 'ar', 'ru', 'ms', 'th'].map((v) => Type.Literal(v)))),
  ageBand: Type.Optional(Type.Union([AgeBandSchema, Type.Null()])),
  gender: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  postcode: Type.Optional(Nullable(Type.String({ maxLength: 16 }))),
  country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z]{2}$' }))),
  location: Type.Optional(Type.Union([Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) }), Type.Null()])),
  interests: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 })),
  preferences: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean(), Type.Null()]))),
  consents: Type.Optional(ConsentsSchema),
}, { additionalProperties: false });

export const StaffProfileBody = Type.Composite([ProfileBody, Type.Object({ loyaltyCard: Type.Optional(Type.String({ minLength: 4, maxLength: 40 })) })], { additionalProperties: false });

export const Profile = Type.Object({
  id: Type.String(), kind: Type.String(), name: Type.String(), email: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(), emailVerified: Type.Boolean(), phoneVerified: Type.Boolean(),
  ageBand: Type.Union([Type.String(), Type.Null()]), gender: Type.Union([Type.String(), Type.Null()]), postcode: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]), location: Type.Union([Type.Object({ lat: Type.Number(), lng: Type.Number() }), Type.Null()]),
  interests: Type.Array(Type.String()), preferences: Type.Any(), consents: Type.Record(Type.String(), Type.Boolean()),
  identities: Type.Array(Type.Object({ kind: Type.String(), value: Type.String(), verified: Type.Boolean(), source: Type.String() })),
  loyalty: Type.Any(), mergedInto: Type.Union([Type.String(), Type.Null()]), anonymised: Type.Boolean(), createdAt: Type.Any(), updatedAt: Type.Any(),
});

export const ConsentState = Type.Object({
  current: Type.Record(Type.String(), Type.Boolean()),
  history: Type.Array(Type.Object({ purpose: Type.String(), granted: Type.Boolean(), source: Type.String(), actor: Type.String(), recordedAt: Type.Any() })),
});
