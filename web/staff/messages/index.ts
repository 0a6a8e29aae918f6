import { withShared } from '@shared/catalogue.ts';

export const catalogues = withShared({
  en: () => import('./en.ts'),
  fa: () => import('./fa.ts'),
  ar: () => import('./ar.ts'),
  ru: () => import('./ru.ts'),
  ms: () => import('./ms.ts'),
  th: () => import('./th.ts'),
});
