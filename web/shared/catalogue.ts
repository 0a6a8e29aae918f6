import type { Catalogues } from './i18n.tsx';
import { LOCALES, type Locale, type Messages } from './locales.ts';

type Loader = () => Promise<{ default: Messages }>;

const shared: Record<Locale, Loader> = {
  en: () => import('./messages/en.ts'),
  fa: () => import('./messages/fa.ts'),
  ar: () => import('./messages/ar.ts'),
  ru: () => import('./messages/ru.ts'),
  ms: () => import('./messages/ms.ts'),
  th: () => import('./messages/th.ts'),
};

/** An app's catalogues: the shared strings merged with the app's own, one chunk pair per language. */
export function withShared(app: Record<Locale, Loader>): Catalogues {
  return Object.fromEntries(LOCALES.map((l) => [l, async () => {
    const [s, a] = await Promise.all([shared[l](), app[l]()]);
    return { default: { ...s.default, ...a.default } };
  }])) as Catalogues;
}
