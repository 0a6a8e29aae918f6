import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatters, type Formatters } from './format.ts';
import { detectLocale, interpolate, localized, NATIVE_NAMES, LOCALES, RTL_LOCALES, STORAGE_KEY, isLocale, type Locale, type Messages } from './locales.ts';

export type Catalogues = Record<Locale, () => Promise<{ default: Messages }>>;

export interface I18n {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t(key: string, vars?: Record<string, string | number>): string;
  /** The locale's text of a localized content object from the API. */
  name(value: unknown, fallback?: string): string;
  fmt: Formatters;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT() {
  return useI18n().t;
}

function initialLocale(): Locale {
  let saved: string | null = null;
  try { saved = localStorage.getItem(STORAGE_KEY); } catch { /* storage blocked */ }
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLocale(fromUrl)) return fromUrl;
  return detectLocale(saved, navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** Loads the catalogue of the chosen language, sets <html lang dir>, and remembers a choice. */
export function I18nProvider({ catalogues, children }: { catalogues: Catalogues; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [messages, setMessages] = useState<{ locale: Locale; messages: Messages } | null>(null);
  const [failed, setFailed] = useState(0);

  useEffect(() => {
    let live = true;
    catalogues[locale]()
      .then((m) => live && setMessages({ locale, messages: m.default }))
      .catch(() => live && setFailed((n) => n + 1));
    return () => { live = false; };
  }, [locale, catalogues, failed > 0 && failed < 3 ? failed : 0]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try { localStorage.setItem(STORAGE_KEY, next); } catch { /* not remembered */ }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n | null>(() => {
    if (!messages) return null;
    const m = messages.messages;
    const loc = messages.locale;
    const fmt = formatters(loc);
    // Numbers inside messages are shown in the locale's digits.
    const local = (vars?: Record<string, string | number>) =>
      vars && Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'number' ? fmt.number(v) : v]));
    return {
      locale: loc,
      dir: RTL_LOCALES.has(loc) ? 'rtl' : 'ltr',
      t: (key, vars) => interpolate(m[key] ?? key, local(vars)),
      name: (v, fallback) => localized(v, loc, fallback),
      fmt,
      setLocale,
    };
  }, [messages, setLocale]);

  if (!value) {
    // Before any catalogue is loaded there is no language to speak in: a neutral, wordless spinner.
    return failed >= 3
      ? <div className="boot-error" role="alert"><button type="button" onClick={() => location.reload()}>⟳</button></div>
      : <div className="boot" aria-busy="true"><span className="spinner" /></div>;
  }
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('common.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('common.language')}>
        {LOCALES.map((l) => <option key={l} value={l} lang={l}>{NATIVE_NAMES[l]}</option>)}
      </select>
    </label>
  );
}
