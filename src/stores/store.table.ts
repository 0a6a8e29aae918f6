import type { ColumnType, Generated } from 'kysely';
import type { Json, JsonDefault } from '../platform/platform.table.ts';

export type StoreService = 'pickup' | 'returns' | 'ship_from_store' | 'reserve_pay_in_store';
/** Weekday (mon..sun) to intervals in the store's local time, e.g. { mon: [{ open: '09:00', close: '21:00' }] }. */
export type OpeningHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { open: string; close: string }[]>>;

export interface StoreTable {
  merchant_id: string;
  id: string;
  code: string;
  name: string;
  status: Generated<'active' | 'inactive'>;
  address_line1: Generated<string>;
  address_line2: Generated<string>;
  city: Generated<string>;
  region: Generated<string>;
  postcode: Generated<string>;
  country: string;
  lat: number;
  lng: number;
  timezone: string;
  phone: string | null;
  email: string | null;
  services: Generated<StoreService[]>;
  pickup_prep_minutes: Generated<number>;
  opening_hours: JsonDefault<OpeningHours>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One local date with other hours than the weekday's: a holiday (closed) or special hours. */
export interface StoreHoursExceptionTable {
  merchant_id: string;
  store_id: string;
  /** Local date in the store's time zone, YYYY-MM-DD (a `date` column, read back as a string). */
  date: ColumnType<string, string, string>;
  closed: Generated<boolean>;
  intervals: JsonDefault<{ open: string; close: string }[]>;
  note: Generated<string>;
}

export interface StoreTables {
  stores: StoreTable;
  store_hours_exceptions: StoreHoursExceptionTable;
}
