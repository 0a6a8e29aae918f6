import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/platform.table.ts';

export interface TouchDailyTable {
  merchant_id: string; day: string; campaign_id: string; channel: string; type: string;
  events: Generated<number>; reach: Generated<number>;
}
export interface CampaignReachTable { merchant_id: string; campaign_id: string; visitor: string; first_day: string }
export interface SalesDailyTable {
  merchant_id: string; day: string; store_id: string; channel: string;
  sales: Generated<number>; returns: Generated<number>; identified: Generated<number>; ropo: Generated<number>;
  revenue_minor: Generated<number>; cost_minor: Generated<number>;
}
export type AttributionModel = 'code' | 'first_touch' | 'last_touch' | 'linear' | 'time_decay' | 'blended';
export interface AttributionCreditTable {
  merchant_id: string; id: Generated<number>; sale_channel: 'store' | 'online'; sale_ref: string; model: AttributionModel;
  campaign_id: string; channel: string; store_id: string; day: string; touchpoint_id: number | null;
  weight: number; revenue_minor: number; margin_minor: number;
}
export interface AttributionDailyTable {
  merchant_id: string; day: string; model: AttributionModel; campaign_id: string; channel: string; store_id: string;
  conversions: Generated<number>; revenue_minor: Generated<number>; margin_minor: Generated<number>;
}
export interface CampaignConversionTable {
  merchant_id: string; campaign_id: string; customer_id: string; audience_group: 'treatment' | 'holdout';
  converted_at: Timestamp; revenue_minor: number;
}
export interface AnalyticsWatermarkTable { merchant_id: string; name: string; last_id: Generated<number> }

export interface OnlineSaleTable {
  merchant_id: string; order_id: string; customer_id: string | null; store_id: string | null; total_minor: number; cost_minor: number; occurred_at: Timestamp;
}
export interface RedemptionFactTable {
  merchant_id: string; redemption_id: string; campaign_id: string; store_id: string | null; channel: string; day: string;
  basket_minor: number; discount_minor: number; voided: Generated<boolean>;
}
export interface RedemptionDailyTable {
  merchant_id: string; day: string; campaign_id: string; store_id: string; channel: string;
  redemptions: Generated<number>; basket_minor: Generated<number>; discount_minor: Generated<number>;
}

export interface AnalyticsTables {
  online_sales: OnlineSaleTable;
  redemption_facts: RedemptionFactTable;
  redemption_daily: RedemptionDailyTable;
  touch_daily: TouchDailyTable;
  campaign_reach: CampaignReachTable;
  sales_daily: SalesDailyTable;
  attribution_credits: AttributionCreditTable;
  attribution_daily: AttributionDailyTable;
  campaign_conversions: CampaignConversionTable;
  analytics_watermarks: AnalyticsWatermarkTable;
}
