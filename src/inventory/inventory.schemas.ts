import { Type } from '@sinclair/typebox';
import { Uuid } from '../platform/http.ts';

export const LevelSchema = Type.Object({
  storeId: Uuid, storeCode: Type.String(), variantId: Uuid, sku: Type.String(), productName: Type.String(),
  onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer(), safetyStock: Type.Integer(), incoming: Type.Integer(),
  lowStockThreshold: Type.Union([Type.Integer(), Type.Null()]), low: Type.Boolean(), updatedAt: Type.Any(),
});

// Quantities are plain numbers here so a fractional or negative one is answered naming its SKU and store.
export const MovementSchema = Type.Object({
  store: Type.Optional(Type.String({ maxLength: 40, description: 'Store code (or storeId)' })),
  storeId: Type.Optional(Uuid),
  sku: Type.Optional(Type.String({ maxLength: 64, description: 'SKU (or variantId)' })),
  variantId: Type.Optional(Uuid),
  type: Type.Union([Type.Literal('receive'), Type.Literal('sale'), Type.Literal('return'), Type.Literal('adjustment'), Type.Literal('damage')]),
  quantity: Type.Number({ description: 'Units; positive, except adjustments: signed (+ found, − lost)' }),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
  reference: Type.Optional(Type.String({ maxLength: 100, description: 'Your document number (delivery note, receipt)' })),
}, { additionalProperties: false });

export const MovementResult = Type.Object({
  accepted: Type.Integer(),
  levels: Type.Array(Type.Object({
    storeId: Uuid, variantId: Uuid, onHand: Type.Integer(), reserved: Type.Integer(), incoming: Type.Integer(),
    safetyStock: Type.Integer(), available: Type.Integer(), lowStockThreshold: Type.Union([Type.Integer(), Type.Null()]),
  })),
});

const TransferLine = Type.Object({ variantId: Uuid, sku: Type.String(), quantity: Type.Integer(), receivedQuantity: Type.Union([Type.Integer(), Type.Null()]) });
export const TransferSchema = Type.Object({
  id: Uuid, number: Type.String(), status: Type.String(), note: Type.String(),
  fromStore: Type.Object({ id: Uuid, code: Type.String() }), toStore: Type.Object({ id: Uuid, code: Type.String() }),
  lines: Type.Array(TransferLine), requestedBy: Type.String(),
  createdAt: Type.Any(), shippedAt: Type.Any(), receivedAt: Type.Any(), cancelledAt: Type.Any(),
});
export const TransferLineBody = Type.Object({ variantId: Type.Optional(Uuid), sku: Type.Optional(Type.String({ maxLength: 64 })), quantity: Type.Number() }, { additionalProperties: false });
