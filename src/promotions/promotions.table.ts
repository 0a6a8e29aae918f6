import type { Generated } from 'kysely';
import type { Json, JsonDefault, Timestamp } from '../platform/platform.table.ts';
import type { OfferConditions, OfferKind, OfferParams } from './offers/offer-types.ts';

export type CampaignStatus = 'draft' | 'scheduled' | 'active' | 'paused' | 'ended' | 'archived';
export type CampaignGoal = 'footfall' | 'acquisition' | 'retention' | 'reactivation' | 'awareness' | 'clearance' | 'sales';
export type SalesChannel = 'online' | 'in_store';

/** Column meanings are documented in src/migrations/0300_promotions.ts (analytics reads them). */
export interface CampaignTable {
  merchant_id: string;
  id: string;
  name: string;
  goal: Generated<CampaignGoal>;
  channels: Generated<string[]>;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  store_ids: string[] | null;
  currency: string;
  budget_minor: number | null;
  budget_redemptions: number | null;
  spent_minor: Generated<number>;
  redemptions_count: Generated<number>;
  cost_minor: Generated<number>;
  holdout_bp: Generated<number>;
  radius_m: number | null;
  landing_path: string | null;
  status: Generated<CampaignStatus>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OfferTable {
  merchant_id: string;
  id: string;
  campaign_id: string;
  name: string;
  kind: OfferKind;
  params: JsonDefault<OfferParams>;
  conditions: JsonDefault<OfferConditions>;
  stackable: Generated<boolean>;
  priority: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CodeJobTable {
  merchant_id: string;
  id: string;
  kind: 'generate' | 'import';
  campaign_id: string;
  offer_id: string;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  requested: number;
  done: Generated<number>;
  params: JsonDefault<Record<string, unknown>>;
  error: string | null;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface CodeTable {
  merchant_id: string;
  id: Generated<string>;
  code: string;
  campaign_id: string;
  offer_id: string;
  kind: 'shared' | 'unique' | 'voucher';
  batch_id: string | null;
  max_redemptions: number | null;
  per_customer_limit: number | null;
  redemptions_count: Generated<number>;
  customer_id: string | null;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  status: Generated<'active' | 'disabled'>;
  created_at: Generated<Date>;
}

export interface CodeClaimTable {
  merchant_id: string;
  id: string;
  customer_id: string;
  code_id: string;
  code: string;
  campaign_id: string;
  claimed_at: Generated<Date>;
  intended_store_id: string | null;
  channel: Generated<string>;
  source: string | null;
}

export interface BasketLineRecord {
  variantId: string | null;
  productId: string | null;
  categoryId: string | null;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
}

export interface CodeRedemptionTable {
  merchant_id: string;
  id: string;
  code_id: string;
  code: string;
  campaign_id: string;
  offer_id: string;
  store_id: string | null;
  actor: string;
  staff_user_id: string | null;
  api_key_id: string | null;
  customer_id: string | null;
  sale_ref: string | null;
  order_ref: string | null;
  client_redemption_id: string | null;
  basket: JsonDefault<BasketLineRecord[]>;
  basket_total_minor: number;
  discount_minor: number;
  currency: string;
  channel: SalesChannel;
  redeemed_at: Timestamp;
  recorded_at: Generated<Date>;
  voided_at: Timestamp | null;
  void_reason: string | null;
}

export interface CampaignAudienceTable {
  merchant_id: string;
  campaign_id: string;
  customer_id: string;
  grp: 'treatment' | 'holdout';
  code_id: string | null;
  assigned_at: Generated<Date>;
}

export interface TrackingLinkTable {
  merchant_id: string;
  id: string;
  slug: string;
  campaign_id: string;
  channel: string;
  source: Generated<string>;
  medium: Generated<string>;
  content: Generated<string>;
  landing_path: string | null;
  created_at: Generated<Date>;
}

export interface LinkClickTable {
  merchant_id: string;
  id: string;
  link_id: string;
  campaign_id: string;
  channel: string;
  source: Generated<string>;
  utm: JsonDefault<Record<string, string>>;
  click_id: string;
  customer_id: string | null;
  ip_hash: string | null;
  user_agent: string | null;
  referrer: string | null;
  clicked_at: Generated<Date>;
}

export interface ContestTable {
  merchant_id: string;
  id: string;
  campaign_id: string;
  offer_id: string | null;
  name: string;
  entry_methods: Generated<string[]>;
  winners_count: number;
  closes_at: Timestamp | null;
  status: Generated<'open' | 'closed' | 'drawn'>;
  seed_commitment: string;
  seed: string | null;
  entrants_hash: string | null;
  entrants_count: number | null;
  winners: Json<{ customerId: string; codeId: string; code: string }[]> | null;
  drawn_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface ContestEntryTable {
  merchant_id: string;
  contest_id: string;
  customer_id: string;
  method: 'claim' | 'form' | 'link';
  answers: JsonDefault<Record<string, string>>;
  entered_at: Generated<Date>;
}

export interface VoucherProductTable {
  merchant_id: string;
  id: string;
  campaign_id: string;
  offer_id: string;
  title: string;
  description: Generated<string>;
  price_minor: number;
  value_minor: number;
  settle_minor: number;
  currency: string;
  valid_days: number;
  expiry_policy: Generated<'expire' | 'refund'>;
  stock: number | null;
  sold: Generated<number>;
  status: Generated<'active' | 'inactive'>;
  created_at: Generated<Date>;
}

export interface VoucherTable {
  merchant_id: string;
  id: string;
  product_id: string;
  code_id: string;
  customer_id: string | null;
  email: string | null;
  price_minor: number;
  settle_minor: number;
  currency: string;
  payment_ref: string;
  status: 'active' | 'redeemed' | 'expired' | 'refunded';
  purchased_at: Generated<Date>;
  expires_at: Timestamp;
  redeemed_at: Timestamp | null;
  redeemed_store_id: string | null;
  redemption_id: string | null;
  closed_at: Timestamp | null;
}

export interface CodeGuessFailureTable {
  merchant_id: string;
  credential: string;
  failures: number;
  window_started_at: Generated<Date>;
}

export interface PromotionTables {
  campaigns: CampaignTable;
  offers: OfferTable;
  code_jobs: CodeJobTable;
  codes: CodeTable;
  code_claims: CodeClaimTable;
  code_redemptions: CodeRedemptionTable;
  campaign_audience: CampaignAudienceTable;
  tracking_links: TrackingLinkTable;
  link_clicks: LinkClickTable;
  contests: ContestTable;
  contest_entries: ContestEntryTable;
  voucher_products: VoucherProductTable;
  vouchers: VoucherTable;
  code_guess_failures: CodeGuessFailureTable;
}
