import { lazy, Suspense, type ReactNode } from 'react';
import { LanguageSwitcher, useT } from '@shared/i18n.tsx';
import { Link, match, navigate, useRoute } from '@shared/router.tsx';
import { StaffSignIn } from '@shared/staff-session.tsx';
import { CrashPanel, ErrorBoundary, Loading } from '@shared/ui.tsx';
import { api, session, useSession } from './session.ts';

const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType<any>>>, key: K) => lazy(() => load().then((m) => ({ default: m[key] })));
const AnalyticsPage = named(() => import('./pages/Analytics.tsx'), 'AnalyticsPage');
const StoresPage = named(() => import('./pages/Stores.tsx'), 'StoresPage');
const CatalogPage = named(() => import('./pages/Catalog.tsx'), 'CatalogPage');
const StockPage = named(() => import('./pages/Stock.tsx'), 'StockPage');
const ImportsPage = named(() => import('./pages/Imports.tsx'), 'ImportsPage');
const CampaignsPage = named(() => import('./pages/Campaigns.tsx'), 'CampaignsPage');
const CampaignPage = named(() => import('./pages/Campaign.tsx'), 'CampaignPage');
const CustomersPage = named(() => import('./pages/Customers.tsx'), 'CustomersPage');
const SegmentsPage = named(() => import('./pages/Segments.tsx'), 'SegmentsPage');
const LoyaltyPage = named(() => import('./pages/Loyalty.tsx'), 'LoyaltyPage');
const WebhooksPage = named(() => import('./pages/Webhooks.tsx'), 'WebhooksPage');
const ApiKeysPage = named(() => import('./pages/ApiKeys.tsx'), 'ApiKeysPage');
const StaffPage = named(() => import('./pages/Staff.tsx'), 'StaffPage');
const MailboxPage = named(() => import('./pages/Mailbox.tsx'), 'MailboxPage');
const VouchersPage = named(() => import('./pages/Vouchers.tsx'), 'VouchersPage');

export const SECTIONS: [string, string][] = [
  ['/analytics', 'nav.analytics'], ['/campaigns', 'nav.campaigns'], ['/vouchers', 'nav.vouchers'], ['/stores', 'nav.stores'], ['/catalog', 'nav.catalog'],
  ['/stock', 'nav.stock'], ['/imports', 'nav.imports'], ['/customers', 'nav.customers'], ['/segments', 'nav.segments'],
  ['/loyalty', 'nav.loyalty'], ['/webhooks', 'nav.webhooks'], ['/api-keys', 'nav.apiKeys'], ['/staff', 'nav.staff'], ['/mailbox', 'nav.mailbox'],
];

function page(path: string): ReactNode {
  let p: Record<string, string> | null;
  if (path === '/' || path.startsWith('/analytics')) return <AnalyticsPage />;
  if ((p = match('/campaigns/:id', path))) return <CampaignPage id={p.id} />;
  const pages: Record<string, ReactNode> = {
    '/campaigns': <CampaignsPage />, '/vouchers': <VouchersPage />, '/stores': <StoresPage />, '/catalog': <CatalogPage />, '/stock': <StockPage />,
    '/imports': <ImportsPage />, '/customers': <CustomersPage />, '/segments': <SegmentsPage />, '/loyalty': <LoyaltyPage />,
    '/webhooks': <WebhooksPage />, '/api-keys': <ApiKeysPage />, '/staff': <StaffPage />, '/mailbox': <MailboxPage />,
  };
  return pages[path] ?? <AnalyticsPage />;
}

export function App() {
  const t = useT();
  const route = useRoute();
  useSession();
  const current = session.get();
  const section = route.path === '/' ? '/analytics' : `/${route.path.split('/')[1]}`;
  return (
    <>
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="topbar">
        <Link to="/" className="brand">{t('app.title')}</Link>
        {current ? <span>{current.merchant.name}</span> : null}
        <LanguageSwitcher />
        {current ? <button type="button" className="button secondary small" onClick={() => { session.set(null); navigate('/'); }}>{t('common.signOut')}</button> : null}
      </header>
      {!current ? (
        <main id="main" tabIndex={-1}><StaffSignIn api={api} title={t('signin.title')} onSignedIn={(s) => session.set(s)} /></main>
      ) : (
        <div className="layout" style={{ padding: 16 }}>
          <nav className="sidenav" aria-label={t('nav.main')}>
            {SECTIONS.map(([to, key]) => <Link key={to} to={to} aria-current={section === to ? 'page' : undefined}>{t(key)}</Link>)}
          </nav>
          <main id="main" tabIndex={-1} style={{ padding: 0, margin: 0, maxInlineSize: 'none', minInlineSize: 0 }}>
            <ErrorBoundary key={route.path} fallback={(error, reset) => <CrashPanel error={error} reset={reset} />}>
              <Suspense fallback={<Loading />}>{page(route.path)}</Suspense>
            </ErrorBoundary>
          </main>
        </div>
      )}
    </>
  );
}
