import { Type } from '@sinclair/typebox';
import { Uuid } from '../platform/http.ts';

const open = { additionalProperties: true };
export const Quantity = Type.Integer({ minimum: 1, maximum: 999, description: 'Units, 1 to 999' });

export const DeliveryAddressSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }), line1: Type.String({ minLength: 1, maxLength: 200 }), line2: Type.Optional(Type.String({ maxLength: 200 })),
  city: Type.String({ minLength: 1, maxLength: 100 }), region: Type.Optional(Type.String({ maxLength: 100 })), postcode: Type.String({ minLength: 1, maxLength: 20 }),
  country: Type.String({ pattern: '^[A-Z]{2}$' }), phone: Type.Optional(Type.String({ maxLength: 30 })),
}, { additionalProperties: false });

export const FulfilmentType = Type.Union([Type.Literal('pickup'), Type.Literal('reserve_pay_in_store'), Type.Literal('delivery')]);

export const CartHoldSchema = Type.Object({
  storeId: Uuid, expiresAt: Type.String({ format: 'date-time', description: 'The held units go back on the shelf at this time unless the cart is checked out' }),
  lines: Type.Array(Type.Object({ variantId: Uuid, quantity: Type.Integer() })),
});

export const CartSchema = Type.Object({
  id: Uuid, status: Type.String(), currency: Type.String(), customerId: Type.Union([Uuid, Type.Null()]),
  token: Type.Optional(Type.String({ description: 'Send as X-Cart-Token on later calls (guests)' })),
  fulfilment: Type.Object({ type: FulfilmentType, storeId: Type.Union([Uuid, Type.Null()]), deliveryAddress: Type.Any() }),
  lines: Type.Array(Type.Object({
    variantId: Uuid, sku: Type.String(), name: Type.String(), quantity: Type.Integer(), unitPriceMinor: Type.Integer(), listPriceMinor: Type.Integer(),
    compareAtMinor: Type.Union([Type.Integer(), Type.Null()]), sellable: Type.Boolean(),
    grossMinor: Type.Integer(), discountMinor: Type.Integer(), taxMinor: Type.Integer(), totalMinor: Type.Integer(),
  }, open)),
  codes: Type.Array(Type.Object({ code: Type.String(), applies: Type.Boolean(), discountMinor: Type.Integer(), reason: Type.Optional(Type.String()) }, open)),
  hold: Type.Optional(Type.Union([CartHoldSchema, Type.Null()], { description: 'Stock held for this cart while the shopper pays' })),
  totals: Type.Object({
    subtotalMinor: Type.Integer(), discountMinor: Type.Integer(), taxMinor: Type.Integer(), totalMinor: Type.Integer(),
    taxMode: Type.String(), taxRateBp: Type.Integer(), currency: Type.String(),
  }),
}, open);

const StoreChoice = Type.Object({ storeId: Uuid, code: Type.String(), name: Type.String(), city: Type.String(), distanceKm: Type.Union([Type.Number(), Type.Null()]) }, open);
export const FulfilmentOptionsSchema = Type.Object({
  pickup: Type.Array(StoreChoice), reservePayInStore: Type.Array(StoreChoice), delivery: Type.Array(StoreChoice),
  shortAt: Type.Union([StoreChoice, Type.Null()]),
  shortLines: Type.Array(Type.Object({ variantId: Uuid, requested: Type.Integer(), available: Type.Integer(), nearestStore: Type.Union([StoreChoice, Type.Null()]) }, open)),
  split: Type.Union([Type.Array(Type.Object({ storeId: Uuid, lines: Type.Array(Type.Object({ variantId: Uuid, quantity: Type.Integer() })) })), Type.Null()]),
}, open);

export const CardSchema = Type.Object({
  number: Type.String({ pattern: '^[0-9 ]{12,23}$' }), expMonth: Type.Integer({ minimum: 1, maximum: 12 }),
  expYear: Type.Integer({ minimum: 2000, maximum: 2100 }), cvc: Type.String({ pattern: '^[0-9]{3,4}$' }),
}, { additionalProperties: false });
