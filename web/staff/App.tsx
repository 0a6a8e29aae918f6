import { LanguageSwitcher, useT } from '@shared/i18n.tsx';

export function App() {
  const t = useT();
  return (
    <>
      <header className="topbar"><span className="brand">{t('app.title')}</span><LanguageSwitcher /></header>
      <main id="main"><h1>{t('app.title')}</h1></main>
    </>
  );
}
