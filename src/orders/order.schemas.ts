import { Type } from '@sinclair/typebox';
import { Uuid } from '../platform/http.ts';

const open = { additionalProperties: true };
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.Any({ description: 'ISO 8601 instant or null' });

export const OrderSchema = Type.Object({
  id: Uuid, number: Type.String(), status: Type.String(), channel: Type.String(), fulfilment: Type.String(),
  store: Type.Union([Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), address: Type.String(), timezone: Type.String({ description: 'IANA zone: the store\'s clock for pickup times' }) }, open), Type.Null()]),
  originStoreId: Type.Union([Uuid, Type.Null()]), customerId: Type.Union([Uuid, Type.Null()]), splitGroup: Type.Union([Uuid, Type.Null()]),
  currency: Type.String(), taxMode: Type.String(),
  totals: Type.Object({ subtotalMinor: Type.Integer(), discountMinor: Type.Integer(), taxMinor: Type.Integer(), totalMinor: Type.Integer() }),
  codes: Type.Array(Type.String()),
  contact: Type.Object({ name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()) }),
  deliveryAddress: Type.Any(),
  lines: Type.Array(Type.Object({
    lineNo: Type.Integer(), variantId: Uuid, sku: Type.String(), name: Type.String(), quantity: Type.Integer(), unitPriceMinor: Type.Integer(),
    discountMinor: Type.Integer(), taxMinor: Type.Integer(), totalMinor: Type.Integer(), returnable: Type.Boolean(),
    collectedQuantity: Type.Integer(), cancelledQuantity: Type.Integer(), returnedQuantity: Type.Integer(),
  })),
  payments: Type.Array(Type.Object({ id: Uuid, method: Type.String(), status: Type.String(), amountMinor: Type.Integer(), capturedMinor: Type.Integer(), refundedMinor: Type.Integer(), cardLast4: Nullable(Type.String()) })),
  pickup: Type.Object({ code: Nullable(Type.String()), qrUrl: Nullable(Type.String()), pickupBy: Instant, readyAt: Instant }),
  holdExpiresAt: Instant,
  history: Type.Array(Type.Object({ from: Nullable(Type.String()), to: Type.String(), by: Type.String(), reason: Nullable(Type.String()), at: Instant })),
  createdAt: Instant, updatedAt: Instant,
  accessToken: Type.Optional(Type.String({ description: 'Guests: send as X-Order-Token (or ?token=) to see this order again' })),
}, open);

export const LineQuantities = Type.Array(Type.Object({ lineNo: Type.Integer({ minimum: 1 }), quantity: Type.Integer({ minimum: 0, maximum: 999 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 100 });
export const CancelBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 500 })),
  lines: Type.Optional(LineQuantities),
}, { additionalProperties: false });
