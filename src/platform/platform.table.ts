import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;
/** A jsonb column with a database default, so inserts may leave it out. */
export type JsonDefault<T = unknown> = ColumnType<T, string | undefined, string>;

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  state: 'running' | 'done';
  response_status: number | null;
  response_headers: Json<Record<string, string>> | null;
  response_body: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface OutboxEventTable {
  merchant_id: string;
  id: string;
  seq: Generated<number>;
  type: string;
  payload: Json;
  created_at: Generated<Date>;
  dispatched_at: Date | null;
}

export interface AuditLogTable {
  merchant_id: string;
  id: Generated<number>;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  data: Json;
  created_at: Generated<Date>;
}

export interface LoginFailureTable {
  merchant_id: string;
  key: string;
  failures: number;
  window_started_at: Generated<Date>;
  locked_until: Date | null;
}

export interface PlatformTables {
  idempotency_keys: IdempotencyKeyTable;
  outbox_events: OutboxEventTable;
  audit_log: AuditLogTable;
  login_failures: LoginFailureTable;
}
