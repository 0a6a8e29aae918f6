import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/platform.table.ts';

export interface StoreSaleTable {
  merchant_id: string;
  id: string;
  store_id: string;
  client_sale_id: string;
  kind: 'sale' | 'return';
  occurred_at: Timestamp;
  received_at: Generated<Date>;
  customer_id: string | null;
  payment_method: string;
  currency: string;
  subtotal_minor: number;
  discount_minor: Generated<number>;
  points_discount_minor: Generated<number>;
  total_minor: number;
  cost_minor: Generated<number>;
  original_sale_id: string | null;
  actor: string;
}

export interface StoreSaleLineTable {
  merchant_id: string;
  sale_id: string;
  line_no: number;
  variant_id: string;
  sku: string;
  quantity: number;
  unit_price_minor: number;
  line_total_minor: number;
  unit_cost_minor: number | null;
}

export interface StoreSaleCodeTable {
  merchant_id: string;
  sale_id: string;
  code: string;
  campaign_id: string | null;
  discount_minor: Generated<number>;
}

export interface SaleTables {
  store_sales: StoreSaleTable;
  store_sale_lines: StoreSaleLineTable;
  store_sale_codes: StoreSaleCodeTable;
}
