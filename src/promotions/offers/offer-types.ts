export const OFFER_KINDS = [
  'percent_off', 'amount_off', 'fixed_price', 'free_item', 'buy_x_get_y', 'pickup_discount', 'gift_with_purchase', 'points_multiplier',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** What an offer gives; which fields matter depends on the kind (validated in offer-validation.ts). */
export interface OfferParams {
  /** percent_off, pickup_discount, buy_x_get_y (share off the "get" units; default 100 %): basis points. */
  percentBp?: number;
  /** amount_off, pickup_discount: money off the eligible items. */
  amountMinor?: number;
  /** Cap on the discount of a percent offer. */
  maxDiscountMinor?: number;
  /** fixed_price: each eligible unit costs this much. */
  priceMinor?: number;
  /** fixed_price, free_item: at most this many units are discounted. */
  maxUnits?: number;
  /** free_item: the free variant; gift_with_purchase: the gift handed over. */
  variantId?: string;
  /** buy_x_get_y. */
  buyQuantity?: number;
  getQuantity?: number;
  /** points_multiplier: loyalty points earned × this. */
  multiplier?: number;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface TimeWindow {
  days: Weekday[];
  /** 'HH:MM' local time of the store, inclusive start, exclusive end. */
  from: string;
  to: string;
}

export interface OfferConditions {
  minSpendMinor?: number;
  productIds?: string[];
  categoryIds?: string[];
  segmentIds?: string[];
  firstPurchase?: boolean;
  channel?: 'online' | 'in_store' | 'both';
  storeIds?: string[];
  /** The shopper must be within this distance of the store (geo offers); at the till they are there. */
  maxDistanceM?: number;
  windows?: TimeWindow[];
}

/** Why a code does not apply: one stable machine-readable reason per case. */
export const NOT_APPLICABLE_REASONS = [
  'unknown_code', 'code_disabled', 'campaign_inactive', 'not_started', 'expired', 'wrong_store', 'wrong_channel',
  'limit_reached', 'already_redeemed', 'customer_limit_reached', 'customer_required', 'issued_to_another_customer',
  'min_spend_not_met', 'no_eligible_items', 'not_in_segment', 'first_purchase_only', 'outside_time_window',
  'too_far', 'location_required', 'pickup_only', 'free_item_not_in_basket', 'currency_mismatch', 'not_stackable',
  'budget_exhausted', 'duplicate_code', 'voucher_not_active',
] as const;
export type NotApplicableReason = (typeof NOT_APPLICABLE_REASONS)[number];
