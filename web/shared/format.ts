import { INTL_LOCALE, type Locale } from './locales.ts';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(INTL_LOCALE[locale], options)));
  return f;
}
function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(INTL_LOCALE[locale], options)));
  return f;
}

/** ISO 4217 minor units (IRR has 2 in the standard though it is shown without decimals). */
const MINOR_UNITS: Record<string, number> = { IRR: 2, JPY: 0, KRW: 0, VND: 0, KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3, IQD: 3, CLP: 0, ISK: 0 };
export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

export interface Formatters {
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** Integer minor units (the API's *_minor) in a currency. */
  money(minor: number | string | null | undefined, currency: string): string;
  percent(ratio: number, digits?: number): string;
  distance(meters: number): string;
  date(value: string | number | Date): string;
  dateTime(value: string | number | Date): string;
  time(value: string | number | Date, timeZone?: string): string;
  /**
   * A store's moment (opens at, pickup ready, pick up by) on the store's own clock, as a person says it:
   * the time alone today, the weekday and time this week, otherwise the day, month and time.
   */
  storeTime(value: string | number | Date, timeZone?: string, now?: Date): string;
}

// Calendar day of an instant in a zone, as YYYY-MM-DD (en-CA prints that shape), to count days between instants.
function dayIn(at: Date, timeZone: string | undefined): number {
  const key = `day|${timeZone ?? ''}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return Date.parse(`${f.format(at)}T00:00:00Z`) / 86_400_000;
}

export function formatters(locale: Locale): Formatters {
  return {
    number: (n, options = {}) => numberFormat(locale, options).format(n),
    money(minor, currency) {
      if (minor === null || minor === undefined || minor === '') return '';
      const cur = (currency || 'USD').toUpperCase();
      const value = Number(minor) / 10 ** minorUnits(cur);
      // Intl knows how each currency is shown (IRR and the like without decimals).
      return numberFormat(locale, { style: 'currency', currency: cur, currencyDisplay: locale === 'en' ? 'symbol' : 'narrowSymbol' }).format(value);
    },
    percent: (ratio, digits = 1) => numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio),
    distance(meters) {
      if (meters < 1000) return numberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(Math.round(meters / 10) * 10);
      return numberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: meters < 10_000 ? 1 : 0 }).format(meters / 1000);
    },
    date: (v) => dateFormat(locale, { dateStyle: 'medium' }).format(new Date(v)),
    dateTime: (v) => dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(v)),
    time: (v, timeZone) => dateFormat(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(v)),
    storeTime(v, timeZone, now = new Date()) {
      const at = new Date(v);
      const zone = timeZone || undefined;
      const days = dayIn(at, zone) - dayIn(now, zone);
      if (days === 0) return dateFormat(locale, { timeStyle: 'short', timeZone: zone }).format(at);
      if (days > 0 && days < 7) return dateFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: zone }).format(at);
      return dateFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone }).format(at);
    },
  };
}
