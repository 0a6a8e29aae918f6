import type { Generated } from 'kysely';
import type { Json, JsonDefault, Timestamp } from '../platform/platform.table.ts';

export type AgeBand = 'under_18' | '18_24' | '25_34' | '35_44' | '45_54' | '55_64' | '65_plus';
export type ConsentPurpose = 'marketing_email' | 'marketing_sms' | 'location' | 'analytics';
export type IdentityKind = 'email' | 'phone' | 'loyalty_card' | 'code' | 'device';

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
  age_band: AgeBand | null;
  gender: string | null;
  postcode: string | null;
  country: string | null;
  lat: number | null;
  lng: number | null;
  interests: Generated<string[]>;
  preferences: JsonDefault<Record<string, unknown>>;
  email_verified_at: Timestamp | null;
  phone_verified_at: Timestamp | null;
  kind: Generated<'registered' | 'guest' | 'pos'>;
  merged_into: string | null;
  anonymised_at: Timestamp | null;
}

export interface CustomerIdentityTable {
  merchant_id: string;
  kind: IdentityKind;
  value: string;
  customer_id: string;
  verified: Generated<boolean>;
  source: Generated<string>;
  created_at: Generated<Date>;
}

export interface ConsentEventTable {
  merchant_id: string;
  id: Generated<number>;
  customer_id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  source: string;
  actor: string;
  recorded_at: Generated<Date>;
}

export interface CustomerConsentTable {
  merchant_id: string;
  customer_id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  updated_at: Generated<Date>;
}

export interface CustomerMergeTable {
  merchant_id: string;
  id: string;
  survivor_id: string;
  merged_id: string;
  moved: Json<Record<string, unknown>>;
  actor: string;
  merged_at: Generated<Date>;
}

export interface CustomerPurchaseTable {
  merchant_id: string;
  channel: 'online' | 'store';
  ref_id: string;
  customer_id: string;
  store_id: string | null;
  total_minor: number;
  occurred_at: Timestamp;
}

export interface CustomerTables {
  customers: CustomerTable;
  customer_identities: CustomerIdentityTable;
  consent_events: ConsentEventTable;
  customer_consents: CustomerConsentTable;
  customer_merges: CustomerMergeTable;
  customer_purchases: CustomerPurchaseTable;
}
