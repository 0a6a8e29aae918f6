import type { Generated } from 'kysely';

export interface CustomerTable {
  merchant_id: string;
  id: string;
  email: string | null;
  phone: string | null;
  name: Generated<string>;
  password_hash: string | null;
  locale: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CustomerTables {
  customers: CustomerTable;
}
