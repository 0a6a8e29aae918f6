import type { Generated } from 'kysely';
import type { Json } from '../platform/platform.table.ts';

export type PaymentStatus = 'authorizing' | 'pending' | 'authorized' | 'captured' | 'voided' | 'failed' | 'refunded';

export interface PaymentTable {
  merchant_id: string;
  id: string;
  order_id: string;
  provider: string;
  method: 'card' | 'pay_in_store' | 'store_credit';
  status: PaymentStatus;
  amount_minor: number;
  captured_minor: Generated<number>;
  refunded_minor: Generated<number>;
  currency: string;
  provider_ref: string | null;
  card_last4: string | null;
  failure_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TestProviderChargeTable {
  id: string;
  merchant_id: string;
  amount_minor: number;
  currency: string;
  status: 'pending' | 'authorized' | 'captured' | 'voided' | 'declined' | 'refunded';
  captured_minor: Generated<number>;
  refunded_minor: Generated<number>;
  card_last4: string;
  created_at: Generated<Date>;
}

export interface TestProviderWebhookTable {
  id: string;
  charge_id: string;
  payload: Json<Record<string, unknown>>;
  deliver_after: Date;
  delivered_at: Date | null;
  attempts: Generated<number>;
}

export interface PaymentTables {
  payments: PaymentTable;
  test_provider_charges: TestProviderChargeTable;
  test_provider_webhooks: TestProviderWebhookTable;
}
