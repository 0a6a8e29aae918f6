import { Type } from '@sinclair/typebox';
import { Uuid } from '../platform/http.ts';

const Text = Type.String({ maxLength: 5000 });
export const LocalizedSchema = Type.Object({
  en: Type.Optional(Text), fa: Type.Optional(Text), ar: Type.Optional(Text), ru: Type.Optional(Text), ms: Type.Optional(Text), th: Type.Optional(Text),
}, { additionalProperties: false, description: 'Text per locale (en, fa, ar, ru, ms, th)' });
export const ImageSchema = Type.Object({ url: Type.String({ minLength: 1, maxLength: 2000 }), alt: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Minor = Type.Integer({ minimum: 0, maximum: 1e13 });
export const PriceBody = Type.Object({
  currency: Currency, priceMinor: Minor,
  pickupPriceMinor: Type.Optional(Type.Union([Minor, Type.Null()])), compareAtMinor: Type.Optional(Type.Union([Minor, Type.Null()])),
}, { additionalProperties: false });
export const VariantBody = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  barcode: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  options: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 100 }))),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('archived')])),
  returnable: Type.Optional(Type.Boolean()),
  costMinor: Type.Optional(Type.Union([Minor, Type.Null()])),
  prices: Type.Optional(Type.Array(PriceBody, { maxItems: 20 })),
}, { additionalProperties: false });
export const VariantPatch = Type.Partial(Type.Omit(VariantBody, ['prices']), { additionalProperties: false });
const Status = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]);
const Handle = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' });
export const ProductBody = Type.Object({
  handle: Handle, status: Type.Optional(Status), categoryId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  name: LocalizedSchema, description: Type.Optional(LocalizedSchema), images: Type.Optional(Type.Array(ImageSchema, { maxItems: 20 })),
  variants: Type.Optional(Type.Array(VariantBody, { maxItems: 200 })),
}, { additionalProperties: false });
export const ProductPatch = Type.Partial(Type.Omit(ProductBody, ['variants']), { additionalProperties: false });
export const CategoryBody = Type.Object({
  slug: Handle, name: LocalizedSchema, parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
}, { additionalProperties: false });

const PriceOut = Type.Object({ currency: Type.String(), priceMinor: Type.Number(), pickupPriceMinor: Type.Union([Type.Number(), Type.Null()]), compareAtMinor: Type.Union([Type.Number(), Type.Null()]) });
export const AdminVariant = Type.Object({
  id: Uuid, sku: Type.String(), barcode: Type.Union([Type.String(), Type.Null()]), options: Type.Record(Type.String(), Type.String()),
  status: Type.String(), returnable: Type.Optional(Type.Boolean()), costMinor: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  prices: Type.Optional(Type.Array(PriceOut)),
});
export const AdminProduct = Type.Object({
  id: Uuid, handle: Type.String(), status: Type.String(), categoryId: Type.Union([Uuid, Type.Null()]),
  name: Type.Record(Type.String(), Type.String()), description: Type.Optional(Type.Record(Type.String(), Type.String())),
  images: Type.Array(ImageSchema), createdAt: Type.Optional(Type.Any()), updatedAt: Type.Optional(Type.Any()),
  variants: Type.Array(AdminVariant),
});
export const CategoryOut = Type.Object({ id: Uuid, slug: Type.String(), parentId: Type.Union([Uuid, Type.Null()]), name: Type.Any() });

const MoneyOrNull = Type.Union([Type.Object({ amount: Type.Number(), currency: Type.String() }), Type.Null()]);
export const ShopVariant = Type.Object({
  id: Uuid, sku: Type.String(), barcode: Type.Union([Type.String(), Type.Null()]), options: Type.Record(Type.String(), Type.String()),
  price: MoneyOrNull, pickupPrice: MoneyOrNull, compareAt: MoneyOrNull,
  stock: Type.Object({ available: Type.Integer(), storesInStock: Type.Integer() }),
});
export const ShopProductCard = Type.Object({
  id: Uuid, handle: Type.String(), name: Type.String(), image: Type.Union([ImageSchema, Type.Null()]), categoryId: Type.Union([Uuid, Type.Null()]),
  priceFrom: MoneyOrNull, inStock: Type.Boolean(), variants: Type.Array(ShopVariant),
});
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
export const ShopProductPage = Type.Object({
  id: Uuid, handle: Type.String(), name: Type.String(), description: Type.String(), locale: Type.String(),
  images: Type.Array(ImageSchema), category: Type.Union([Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }), Type.Null()]),
  variants: Type.Array(ShopVariant),
  stores: Type.Array(Type.Object({
    id: Uuid, code: Type.String(), name: Type.String(), distanceKm: Type.Union([Type.Number(), Type.Null()]), openNow: Type.Boolean(),
    opensAt: Nullable(Type.String()), pickupReadyAt: Nullable(Type.String()), timezone: Type.String(), stock: Type.Record(Type.String(), Type.Integer()),
  })),
});
export const LocaleQuery = Type.Optional(Type.Union(['en', 'fa', 'ar', 'ru', 'ms', 'th'].map((l) => Type.Literal(l))));
