// The six locales, their direction, and the Intl locale each one formats with.

export const LOCALES = ['en', 'fa', 'ar', 'ru', 'ms', 'th'] as const;
export type Locale = (typeof LOCALES)[number];

export const RTL_LOCALES: ReadonlySet<Locale> = new Set(['fa', 'ar']);

/** Each language named in itself, so a reader of any of them can find theirs. */
export const NATIVE_NAMES: Record<Locale, string> = {
  en: 'English',
  fa: 'فارسی',
  ar: 'العربية',
  ru: 'Русский',
  ms: 'Bahasa Melayu',
  th: 'ไทย',
};

/**
 * Persian uses Persian digits and the Solar Hijri calendar; Arabic uses Arabic-Indic digits as in the Gulf;
 * Thai uses Western digits (customary in commerce) and the Buddhist calendar.
 */
export const INTL_LOCALE: Record<Locale, string> = {
  en: 'en-GB',
  fa: 'fa-IR-u-nu-arabext',
  ar: 'ar-AE-u-nu-arab',
  ru: 'ru-RU',
  ms: 'ms-MY',
  th: 'th-TH',
};

export const STORAGE_KEY = 'footfall.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The remembered choice first, then the browser's languages in order, then English. */
export function detectLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export type Messages = Record<string, string>;

/** Fills {name} placeholders. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** Picks the text of a localized content object ({ en: 'Kettle', ar: 'غلاية' }) for the locale. */
export function localized(value: unknown, locale: Locale, fallback = ''): string {
  if (value == null) return fallback;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const o = value as Record<string, string | undefined>;
    return o[locale] || o.en || Object.values(o).find((v) => typeof v === 'string' && v) || fallback;
  }
  return String(value);
}
