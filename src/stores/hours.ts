import type { OpeningHours } from './store.table.ts';

/** What the hours functions need of a store: its zone, weekly hours, exceptions and pickup prep time. */
export interface StoreHours {
  timezone: string;
  opening_hours: OpeningHours;
  pickup_prep_minutes?: number;
  /** Local dates (YYYY-MM-DD) whose hours differ from the weekday's: closed, or other intervals. */
  exceptions?: HoursException[];
}

export interface HoursException {
  date: string;
  closed: boolean;
  intervals: { open: string; close: string }[];
  note?: string;
}

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
export const isHhmm = (s: string) => HHMM.test(s);
/** How far ahead nextOpening and pickupReadyAt look before giving up (a store closed for longer). */
const LOOKAHEAD_DAYS = 21;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in a zone. */
function localParts(at: Date | number, tz: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

// Offsets only change at quarter-hour instants, so one answer per zone and quarter hour is exact;
// this spares Intl formatting on every store of every availability answer.
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(at: number, tz: string): number {
  let zone = offsets.get(tz);
  if (!zone) offsets.set(tz, (zone = new Map()));
  const bucket = Math.floor(at / QUARTER_HOUR);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const p = localParts(at, tz);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
    if (zone.size > 50_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

/** The instant of a local wall-clock time; minutes may exceed a day (a close after midnight). */
function zonedInstant(date: string, minutes: number, tz: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const first = guess - offsetAt(guess, tz);
  // Re-read the offset at the result so a DST change between guess and result is accounted for.
  return guess - offsetAt(first, tz);
}

export function localDate(at: Date | number, tz: string): string {
  const t = typeof at === 'number' ? at : at.getTime();
  return new Date(t + offsetAt(t, tz)).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The local intervals of one date: its exception if there is one, otherwise its weekday's hours. */
export function hoursOn(store: StoreHours, date: string): { open: string; close: string }[] {
  const exception = store.exceptions?.find((e) => e.date === date);
  if (exception) return exception.closed ? [] : exception.intervals;
  return store.opening_hours[WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]] ?? [];
}

/**
 * Open intervals as UTC instants [start, end) ending after `from`, from the local day before `from`
 * for `days` days, in order of start: lazily, as most questions are answered by the first one.
 */
function* intervalsFrom(store: StoreHours, from: number, days: number): Generator<[number, number]> {
  const first = addDays(localDate(from, store.timezone), -1);
  for (let i = 0; i <= days; i++) {
    const date = addDays(first, i);
    const today: [number, number][] = [];
    for (const iv of hoursOn(store, date)) {
      const open = minutesOf(iv.open);
      let close = minutesOf(iv.close);
      if (close <= open) close += 24 * 60; // closes after midnight
      const start = zonedInstant(date, open, store.timezone);
      const end = zonedInstant(date, close, store.timezone);
      if (end > from) today.push([start, end]);
    }
    yield* today.sort((a, b) => a[0] - b[0]);
  }
}

export function isOpenAt(store: StoreHours, at: Date): boolean {
  const t = at.getTime();
  for (const [s, e] of intervalsFrom(store, t, 1)) if (s <= t && t < e) return true;
  return false;
}

/** The earliest instant at or after `at` when the store is open (`at` itself when open), or null if closed for weeks. */
export function nextOpening(store: StoreHours, at: Date): Date | null {
  const t = at.getTime();
  for (const [s, e] of intervalsFrom(store, t, LOOKAHEAD_DAYS)) {
    if (e > t) return new Date(Math.max(s, t));
  }
  return null;
}

/** When the current or next opening interval ends, or null when none is known. */
export function closesAt(store: StoreHours, at: Date): Date | null {
  const t = at.getTime();
  for (const [s, e] of intervalsFrom(store, t, 1)) if (s <= t && t < e) return new Date(e);
  return null;
}

/**
 * When an order placed at `at` can be collected: staff prepare it only while the store is open, so the
 * prep minutes are counted inside opening hours (an order at closing time is ready the next morning).
 */
export function pickupReadyAt(store: StoreHours, at: Date): Date | null {
  let remaining = (store.pickup_prep_minutes ?? 0) * 60_000;
  const t = at.getTime();
  for (const [s, e] of intervalsFrom(store, t, LOOKAHEAD_DAYS)) {
    const start = Math.max(s, t);
    if (start >= e) continue;
    if (start + remaining <= e) return new Date(start + remaining);
    remaining -= e - start;
  }
  return null;
}

/** Everything a store card shows about hours at `at`, in one walk over the intervals. */
export function hoursAt(store: StoreHours, at: Date) {
  return walkHours(intervalsFrom(store, at.getTime(), LOOKAHEAD_DAYS), store.pickup_prep_minutes ?? 0, at.getTime());
}

function walkHours(intervals: Iterable<[number, number]>, prepMinutes: number, t: number) {
  let remaining = prepMinutes * 60_000;
  let openNow = false;
  let opensAt: number | null = null;
  let closes: number | null = null;
  let ready: number | null = null;
  for (const [s, e] of intervals) {
    if (e <= t) continue;
    if (s <= t && t < e && !openNow) { openNow = true; closes = e; }
    if (opensAt === null && e > t) opensAt = Math.max(s, t);
    const start = Math.max(s, t);
    if (ready === null && start < e) {
      if (start + remaining <= e) ready = start + remaining;
      else remaining -= e - start;
    }
    if (ready !== null && opensAt !== null && (openNow || s > t)) break;
  }
  const iso = (n: number | null) => (n === null ? null : new Date(n).toISOString());
  return { openNow, opensAt: openNow ? null : iso(opensAt), closesAt: openNow ? iso(closes) : null, pickupReadyAt: iso(ready) };
}

// A store's intervals only change with its hours, its exceptions or the local date, so the walk over
// dates and time zones runs once per store and day instead of on every availability answer; and since
// every opening and closing falls on a whole minute, the answer itself holds for a whole minute.
interface CachedHours {
  version: string; store: StoreHours; dayStart: number; dayEnd: number; intervals: [number, number][];
  minute: number; answer: ReturnType<typeof walkHours> | null;
}
const cachedHours = new Map<string, CachedHours>();
const MINUTE = 60_000;

/**
 * hoursAt for a store whose hours arrive as raw JSON text: `version` is that text (with its zone, prep
 * time and exceptions), so `parse` runs only when it changes, the intervals once per local day and the
 * walk once per minute. pickupReadyAt counts from the end of the current minute, so it never promises
 * a pickup earlier than hoursAt would. The answer is shared for the minute: read it, do not change it.
 */
export function hoursAtCached(storeId: string, version: string, parse: () => StoreHours, at: Date): Readonly<ReturnType<typeof walkHours>> {
  const t = at.getTime();
  let hit = cachedHours.get(storeId);
  if (!hit || hit.version !== version) {
    if (cachedHours.size > 100_000) cachedHours.clear();
    hit = { version, store: parse(), dayStart: 0, dayEnd: 0, intervals: [], minute: -1, answer: null };
    cachedHours.set(storeId, hit);
  }
  const minute = Math.floor(t / MINUTE);
  if (hit.minute === minute && hit.answer) return hit.answer;
  if (t < hit.dayStart || t >= hit.dayEnd) {
    const tz = hit.store.timezone;
    const day = localDate(t, tz);
    hit.dayStart = zonedInstant(day, 0, tz);
    hit.dayEnd = zonedInstant(addDays(day, 1), 0, tz);
    hit.intervals = [...intervalsFrom(hit.store, hit.dayStart, LOOKAHEAD_DAYS)];
  }
  const prep = hit.store.pickup_prep_minutes ?? 0;
  const start = minute * MINUTE;
  const answer = walkHours(hit.intervals, prep, start);
  if (t !== start) answer.pickupReadyAt = walkHours(hit.intervals, prep, start + MINUTE).pickupReadyAt;
  hit.minute = minute;
  hit.answer = answer;
  return answer;
}

/** Checks weekly hours: known weekdays, HH:MM times, at most a few intervals a day. */
export function openingHoursProblem(hours: Record<string, { open: string; close: string }[]>): string | null {
  for (const [day, intervals] of Object.entries(hours)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) return `unknown weekday "${day}" (use ${WEEKDAYS.join(', ')})`;
    const problem = intervalsProblem(intervals);
    if (problem) return `${day}: ${problem}`;
  }
  return null;
}

export function intervalsProblem(intervals: { open: string; close: string }[]): string | null {
  if (intervals.length > 6) return 'at most 6 intervals a day';
  for (const iv of intervals) {
    if (!isHhmm(iv.open) || !isHhmm(iv.close)) return `times must be HH:MM (got ${iv.open}-${iv.close})`;
    if (iv.open === iv.close) return `an interval cannot open and close at ${iv.open}`;
  }
  return null;
}
