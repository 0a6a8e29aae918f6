import type { Generated } from 'kysely';
import type { Json, JsonDefault, Timestamp } from '../platform/platform.table.ts';

export interface TouchpointTable {
  merchant_id: string;
  id: Generated<number>;
  event_id: string;
  type: string;
  occurred_at: Timestamp;
  received_at: Generated<Date>;
  customer_id: string | null;
  anonymous_id: string | null;
  campaign_id: string | null;
  channel: Generated<string>;
  utm: Json<Record<string, string>> | null;
  click_id: string | null;
  url: string | null;
  product_id: string | null;
  store_id: string | null;
  code: string | null;
  lat: number | null;
  lng: number | null;
  data: JsonDefault<Record<string, unknown>>;
}

export interface TouchpointTables {
  touchpoints: TouchpointTable;
}
