import { Type } from '@sinclair/typebox';
import { Uuid } from '../platform/http.ts';

const Hhmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$', examples: ['09:00'] });
export const Interval = Type.Object({ open: Hhmm, close: Hhmm }, { additionalProperties: false });
const Day = Type.Array(Interval, { maxItems: 6 });
export const OpeningHoursSchema = Type.Object({
  mon: Type.Optional(Day), tue: Type.Optional(Day), wed: Type.Optional(Day), thu: Type.Optional(Day),
  fri: Type.Optional(Day), sat: Type.Optional(Day), sun: Type.Optional(Day),
}, { additionalProperties: false, description: 'Local hours per weekday; a close before the open means after midnight' });
export const ServiceSchema = Type.Union([Type.Literal('pickup'), Type.Literal('returns'), Type.Literal('ship_from_store'), Type.Literal('reserve_pay_in_store')]);
export const Latitude = Type.Number({ minimum: -90, maximum: 90 });
export const Longitude = Type.Number({ minimum: -180, maximum: 180 });

export const StoreBody = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
  address: Type.Object({
    line1: Type.Optional(Type.String({ maxLength: 300 })), line2: Type.Optional(Type.String({ maxLength: 300 })),
    city: Type.Optional(Type.String({ maxLength: 120 })), region: Type.Optional(Type.String({ maxLength: 120 })),
    postcode: Type.Optional(Type.String({ maxLength: 20 })), country: Type.String({ pattern: '^[A-Za-z]{2}$' }),
  }, { additionalProperties: false }),
  lat: Latitude,
  lng: Longitude,
  timezone: Type.String({ minLength: 1, maxLength: 64, examples: ['Asia/Kuala_Lumpur'] }),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
  services: Type.Optional(Type.Array(ServiceSchema, { maxItems: 4 })),
  pickupPrepMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 })),
  openingHours: Type.Optional(OpeningHoursSchema),
}, { additionalProperties: false });
export const StorePatch = Type.Partial(StoreBody, { additionalProperties: false });

export const ExceptionSchema = Type.Object({ date: Type.String(), closed: Type.Boolean(), intervals: Type.Array(Interval), note: Type.Optional(Type.String()) });

export const StoreSchema = Type.Object({
  id: Uuid, code: Type.String(), name: Type.String(), status: Type.String(),
  address: Type.Object({ line1: Type.String(), line2: Type.String(), city: Type.String(), region: Type.String(), postcode: Type.String(), country: Type.String() }),
  lat: Type.Number(), lng: Type.Number(), timezone: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]),
  services: Type.Array(Type.String()), pickupPrepMinutes: Type.Integer(),
  openingHours: Type.Record(Type.String(), Type.Array(Interval)),
  exceptions: Type.Array(ExceptionSchema),
  distanceKm: Type.Optional(Type.Number()),
  openNow: Type.Optional(Type.Boolean()),
  opensAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  closesAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  pickupReadyAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
});

export const StoreSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Text over name, code, city, postcode and address' })),
  lat: Type.Optional(Latitude),
  lng: Type.Optional(Longitude),
  radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20000, default: 25 })),
  service: Type.Optional(ServiceSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });
