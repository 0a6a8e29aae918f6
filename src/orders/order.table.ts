import type { Generated } from 'kysely';
import type { Json, JsonDefault, Timestamp } from '../platform/platform.table.ts';
import type { DeliveryAddress, Fulfilment } from '../carts/cart.table.ts';

export type OrderStatus =
  | 'awaiting_payment' | 'placed' | 'accepted' | 'picking' | 'ready_for_pickup' | 'picked_up'
  | 'shipped' | 'delivered' | 'cancelled' | 'no_show';

export interface OrderTable {
  merchant_id: string;
  id: string;
  number: string;
  cart_id: string | null;
  customer_id: string | null;
  channel: 'web' | 'store';
  fulfilment: Fulfilment;
  store_id: string;
  origin_store_id: string | null;
  status: OrderStatus;
  currency: string;
  tax_mode: 'inclusive' | 'exclusive';
  subtotal_minor: number;
  discount_minor: Generated<number>;
  tax_minor: number;
  total_minor: number;
  coupon_codes: Generated<string[]>;
  contact_name: Generated<string>;
  email: string | null;
  phone: string | null;
  locale: Generated<string>;
  delivery_address: Json<DeliveryAddress> | null;
  pickup_code: string | null;
  pickup_code_failures: Generated<number>;
  pickup_by: Timestamp | null;
  hold_expires_at: Timestamp | null;
  ready_at: Timestamp | null;
  closed_at: Timestamp | null;
  split_group: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface OrderLineTable {
  merchant_id: string;
  order_id: string;
  line_no: number;
  variant_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price_minor: number;
  discount_minor: Generated<number>;
  tax_minor: number;
  total_minor: number;
  returnable: Generated<boolean>;
  collected_quantity: Generated<number>;
  cancelled_quantity: Generated<number>;
  returned_quantity: Generated<number>;
}

export interface OrderTransitionTable {
  merchant_id: string;
  id: Generated<number>;
  order_id: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string | null;
  data: JsonDefault<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface ReturnTable {
  merchant_id: string;
  id: string;
  order_id: string;
  store_id: string;
  refund_method: 'original' | 'store_credit' | 'exchange';
  refund_minor: number;
  exchange_order_id: string | null;
  reason: Generated<string>;
  actor: string;
  created_at: Generated<Date>;
}

export interface ReturnLineTable {
  merchant_id: string;
  return_id: string;
  line_no: number;
  quantity: number;
  disposition: 'restock' | 'transfer' | 'damaged';
  transfer_to_store_id: string | null;
  refund_minor: number;
}

export interface StoreCreditEntryTable {
  merchant_id: string;
  id: Generated<number>;
  customer_id: string;
  amount_minor: number;
  currency: string;
  reason: string;
  ref_type: string | null;
  ref_id: string | null;
  actor: string;
  created_at: Generated<Date>;
}

export interface OrderTables {
  orders: OrderTable;
  order_lines: OrderLineTable;
  order_transitions: OrderTransitionTable;
  returns: ReturnTable;
  return_lines: ReturnLineTable;
  store_credit_entries: StoreCreditEntryTable;
}
