import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../platform/platform.table.ts';
import type { SegmentRule } from './segment-rules.ts';

export interface SegmentTable {
  merchant_id: string;
  id: string;
  name: string;
  description: Generated<string>;
  rules: Json<SegmentRule[]>;
  member_count: Generated<number>;
  refreshed_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface SegmentMemberTable {
  merchant_id: string;
  segment_id: string;
  customer_id: string;
  added_at: Generated<Date>;
}

export interface SegmentTables {
  segments: SegmentTable;
  segment_members: SegmentMemberTable;
}
