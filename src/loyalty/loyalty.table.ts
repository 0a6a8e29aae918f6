import type { Generated } from 'kysely';
import type { JsonDefault, Timestamp } from '../platform/platform.table.ts';

export interface LoyaltySettingsTable {
  merchant_id: string;
  points_per_unit: Generated<number>;
  point_value_minor: Generated<number>;
  expiry_days: number | null;
  max_redeem_bp: Generated<number>;
  updated_at: Generated<Date>;
}

export interface LoyaltyRuleTable {
  merchant_id: string;
  id: string;
  kind: 'category' | 'campaign';
  category_id: string | null;
  campaign_id: string | null;
  multiplier_bp: number;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface LoyaltyTierTable {
  merchant_id: string;
  id: string;
  name: string;
  threshold_points: number;
  earn_multiplier_bp: Generated<number>;
  benefits: JsonDefault<string[]>;
}

export interface LoyaltyAccountTable {
  merchant_id: string;
  customer_id: string;
  card_number: string;
  balance: Generated<number>;
  lifetime_points: Generated<number>;
  tier_id: string | null;
  updated_at: Generated<Date>;
}

export type LedgerKind = 'earn' | 'spend' | 'expire' | 'reverse' | 'adjust' | 'refund';

export interface LoyaltyLedgerTable {
  merchant_id: string;
  id: Generated<number>;
  customer_id: string;
  kind: LedgerKind;
  points: number;
  remaining: Generated<number>;
  expires_at: Timestamp | null;
  ref_type: string | null;
  ref_id: string | null;
  note: string | null;
  created_at: Generated<Date>;
}

export interface LoyaltyTables {
  loyalty_settings: LoyaltySettingsTable;
  loyalty_rules: LoyaltyRuleTable;
  loyalty_tiers: LoyaltyTierTable;
  loyalty_accounts: LoyaltyAccountTable;
  loyalty_ledger: LoyaltyLedgerTable;
}
