import type { Generated } from 'kysely';

export interface WebhookEndpointTable {
  merchant_id: string;
  id: string;
  url: string;
  description: Generated<string>;
  event_types: Generated<string[]>;
  secret: string;
  enabled: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface WebhookDeliveryTable {
  merchant_id: string;
  id: string;
  endpoint_id: string;
  event_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WebhookAttemptTable {
  merchant_id: string;
  id: Generated<number>;
  delivery_id: string;
  attempted_at: Generated<Date>;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
}
