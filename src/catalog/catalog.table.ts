import type { Generated } from 'kysely';
import type { Json, JsonDefault } from '../platform/platform.table.ts';

/** Text per locale: { en: 'Kettle', fa: 'کتری', ... }. */
export type Localized = Record<string, string>;

export interface CategoryTable {
  merchant_id: string;
  id: string;
  slug: string;
  parent_id: string | null;
  name: Json<Localized>;
}

export interface ProductTable {
  merchant_id: string;
  id: string;
  handle: string;
  status: Generated<'draft' | 'active' | 'archived'>;
  category_id: string | null;
  name: Json<Localized>;
  description: JsonDefault<Localized>;
  images: JsonDefault<{ url: string; alt?: string }[]>;
  search_text: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VariantTable {
  merchant_id: string;
  id: string;
  product_id: string;
  sku: string;
  barcode: string | null;
  options: JsonDefault<Record<string, string>>;
  status: Generated<'active' | 'archived'>;
  returnable: Generated<boolean>;
  cost_minor: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VariantPriceTable {
  merchant_id: string;
  variant_id: string;
  currency: string;
  price_minor: number;
  pickup_price_minor: number | null;
  compare_at_minor: number | null;
}

export interface CatalogTables {
  categories: CategoryTable;
  products: ProductTable;
  variants: VariantTable;
  variant_prices: VariantPriceTable;
}
