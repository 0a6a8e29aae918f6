import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/access.ts';
import type { Trx } from '../platform/db.ts';
import { emitEvent } from '../platform/outbox.ts';
import { int, type Importer, type Rejection } from '../inventory/csv/import-runner.ts';
import { isHhmm, isValidTimeZone, WEEKDAYS } from './hours.ts';
import type { OpeningHours, StoreService } from './store.table.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const SERVICES: StoreService[] = ['pickup', 'returns', 'ship_from_store', 'reserve_pay_in_store'];

export const STORE_COLUMNS = {
  required: ['code', 'name', 'country', 'lat', 'lng', 'timezone'],
  optional: ['status', 'address_line1', 'address_line2', 'city', 'region', 'postcode', 'phone', 'email', 'services', 'pickup_prep_minutes', ...DAYS.map((d) => `hours_${d}`)],
} as const;

interface StoreRow {
  code: string; name: string; status: 'active' | 'inactive'; country: string; lat: number; lng: number; timezone: string;
  address_line1: string; address_line2: string; city: string; region: string; postcode: string; phone: string | null; email: string | null;
  services: StoreService[]; pickup_prep_minutes: number; opening_hours: OpeningHours;
}

/** "10:00-22:00", "10:00-14:00,15:00-22:00", "closed" or empty (closed that day). */
export function parseDayHours(text: string): { open: string; close: string }[] | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'closed') return [];
  const intervals = t.split(/\s*,\s*/).map((part) => {
    const [open, close] = part.split(/\s*-\s*/);
    return { open, close };
  });
  return intervals.every((iv) => iv.open && iv.close && isHhmm(iv.open) && isHhmm(iv.close) && iv.open !== iv.close) ? intervals : null;
}

export const formatDayHours = (intervals: { open: string; close: string }[] | undefined) =>
  intervals?.length ? intervals.map((iv) => `${iv.open}-${iv.close}`).join(',') : 'closed';

/** Stores by code: a new code creates a store, a known one is updated with the row's values. */
export function storeImporter(actor: Actor): Importer<StoreRow> {
  return {
    kind: 'stores',
    columns: STORE_COLUMNS,
    parse(v) {
      const reasons: string[] = [];
      if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(v.code)) reasons.push(`code "${v.code}" may hold letters, digits, _ and - (up to 40)`);
      if (!v.name) reasons.push('name is empty');
      if (!/^[A-Za-z]{2}$/.test(v.country)) reasons.push(`country "${v.country}" must be a two-letter ISO code`);
      const lat = Number(v.lat);
      const lng = Number(v.lng);
      if (v.lat === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) reasons.push(`lat "${v.lat}" must be between -90 and 90`);
      if (v.lng === '' || !Number.isFinite(lng) || lng < -180 || lng > 180) reasons.push(`lng "${v.lng}" must be between -180 and 180`);
      if (!isValidTimeZone(v.timezone)) reasons.push(`timezone "${v.timezone}" is not an IANA time zone`);
      const status = (v.status || 'active').toLowerCase();
      if (status !== 'active' && status !== 'inactive') reasons.push(`status "${v.status}" must be active or inactive`);
      const services = (v.services ?? 'pickup|returns').split(/[|;\s]+/).filter(Boolean) as StoreService[];
      const badService = services.find((s) => !SERVICES.includes(s));
      if (badService) reasons.push(`service "${badService}" is not one of ${SERVICES.join(', ')}`);
      const prep = v.pickup_prep_minutes ? int(v.pickup_prep_minutes) : 60;
      if (!Number.isInteger(prep) || prep < 0 || prep > 10080) reasons.push(`pickup_prep_minutes "${v.pickup_prep_minutes}" must be 0 to 10080`);
      if (v.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) reasons.push(`email "${v.email}" is not an email address`);
      const hours: OpeningHours = {};
      for (const d of DAYS) {
        const text = v[`hours_${d}`];
        if (text === undefined) continue;
        const parsed = parseDayHours(text);
        if (!parsed) reasons.push(`hours_${d} "${text}" must be like 10:00-22:00, 10:00-14:00,15:00-22:00 or closed`);
        else if (parsed.length) hours[d as (typeof WEEKDAYS)[number]] = parsed;
      }
      if (reasons.length) return { ok: false, reasons };
      return {
        ok: true,
        value: {
          code: v.code, name: v.name, status: status as 'active', country: v.country.toUpperCase(), lat, lng, timezone: v.timezone,
          address_line1: v.address_line1 ?? '', address_line2: v.address_line2 ?? '', city: v.city ?? '', region: v.region ?? '', postcode: v.postcode ?? '',
          phone: v.phone || null, email: v.email || null, services: [...new Set(services)], pickup_prep_minutes: prep, opening_hours: hours,
        },
      };
    },
    async writeChunk(trx: Trx, rows, checkOnly) {
      const rejected: Rejection[] = [];
      const seen = new Map<string, number>();
      for (const r of rows) {
        const first = seen.get(r.value.code);
        if (first !== undefined) {
          rejected.push({ line: r.line, reasons: [`store code ${r.value.code} is repeated (first at line ${first})`] });
          continue;
        }
        seen.set(r.value.code, r.line);
        if (checkOnly) continue;
        const { opening_hours, ...rest } = r.value;
        await trx.insertInto('stores').values({ merchant_id: actor.merchantId, id: randomUUID(), ...rest, opening_hours: JSON.stringify(opening_hours) })
          .onConflict((oc) => oc.columns(['merchant_id', 'code']).doUpdateSet({ ...rest, opening_hours: JSON.stringify(opening_hours), updated_at: new Date() }))
          .execute();
      }
      if (seen.size && !checkOnly) await emitEvent(trx, actor.merchantId, 'stores.imported', { codes: [...seen.keys()] });
      return rejected;
    },
  };
}
