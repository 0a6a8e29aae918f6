import { useT } from './i18n.tsx';

/** Shown where this server does not offer the API a screen needs. */
export function NotOnServer({ title }: { title: string }) {
  const t = useT();
  return <section><h1>{title}</h1><p className="notice warn">{t('common.notAvailable')}</p></section>;
}
