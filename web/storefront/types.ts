export interface Interval { open: string; close: string }
export type Localized = Record<string, string>;
