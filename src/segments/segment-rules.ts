export type SegmentRule = Record<string, unknown>;
