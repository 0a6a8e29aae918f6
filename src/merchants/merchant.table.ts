import type { Generated } from 'kysely';
import type { Json, JsonDefault, Timestamp } from '../platform/platform.table.ts';

export interface MerchantTable {
  id: string;
  slug: string;
  name: string;
  currency: string;
  default_locale: Generated<string>;
  tax_mode: Generated<'inclusive' | 'exclusive'>;
  tax_rate_bp: Generated<number>;
  settings: JsonDefault<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface StaffUserTable {
  merchant_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: 'owner' | 'admin' | 'manager' | 'associate';
  store_ids: string[] | null;
  created_at: Generated<Date>;
  disabled_at: Timestamp | null;
}

export interface ApiKeyTable {
  merchant_id: string;
  id: string;
  name: string;
  role: 'pos' | 'admin';
  store_id: string | null;
  secret_hash: string;
  last_four: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface MerchantTables {
  merchants: MerchantTable;
  staff_users: StaffUserTable;
  api_keys: ApiKeyTable;
}
