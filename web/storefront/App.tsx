import { LanguageSwitcher, useT } from '@shared/i18n.tsx';
import { Link, useRoute } from '@shared/router.tsx';

export function App() {
  const t = useT();
  const route = useRoute();
  return (
    <>
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="topbar">
        <Link to="/" className="brand">{t('shop.brand')}</Link>
        <nav aria-label={t('nav.main')}>
          <Link to="/" aria-current={route.path === '/' ? 'page' : undefined}>{t('nav.shop')}</Link>
        </nav>
        <LanguageSwitcher />
      </header>
      <main id="main">
        <h1>{t('home.title')}</h1>
      </main>
    </>
  );
}
