import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../platform/platform.table.ts';

export type Fulfilment = 'pickup' | 'reserve_pay_in_store' | 'delivery';

export interface DeliveryAddress {
  name: string; line1: string; line2?: string; city: string; region?: string; postcode: string; country: string; phone?: string;
}

export interface CartTable {
  merchant_id: string;
  id: string;
  customer_id: string | null;
  currency: string;
  status: Generated<'open' | 'converted' | 'abandoned'>;
  fulfilment: Generated<Fulfilment>;
  store_id: string | null;
  delivery_address: Json<DeliveryAddress> | null;
  coupon_codes: Generated<string[]>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  /** Until when the cart holds stock (its cart_holds rows); null when it holds none. */
  held_until: Timestamp | null;
}

export interface CartLineTable {
  merchant_id: string;
  cart_id: string;
  variant_id: string;
  quantity: number;
  added_at: Generated<Date>;
}

/** Units a cart holds at a store while its shopper pays (reserved in stock_levels). */
export interface CartHoldTable {
  merchant_id: string;
  cart_id: string;
  store_id: string;
  variant_id: string;
  quantity: number;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface CartTables {
  carts: CartTable;
  cart_lines: CartLineTable;
  cart_holds: CartHoldTable;
}

