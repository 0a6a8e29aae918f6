import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { LanguageSwitcher, useT } from '@shared/i18n.tsx';
import { Link, match, navigate, useRoute } from '@shared/router.tsx';
import { StaffSignIn } from '@shared/staff-session.tsx';
import { CrashPanel, ErrorBoundary, Loading } from '@shared/ui.tsx';
import { api, chosenStore, session, useSession, type ChosenStore } from './session.ts';
import { StorePicker } from './pages/StorePicker.tsx';

const QueuePage = lazy(() => import('./pages/Queue.tsx').then((m) => ({ default: m.QueuePage })));
const OrderPage = lazy(() => import('./pages/Order.tsx').then((m) => ({ default: m.OrderPage })));
const HandoverPage = lazy(() => import('./pages/Handover.tsx').then((m) => ({ default: m.HandoverPage })));
const CounterPage = lazy(() => import('./pages/Counter.tsx').then((m) => ({ default: m.CounterPage })));
const ReturnsPage = lazy(() => import('./pages/Returns.tsx').then((m) => ({ default: m.ReturnsPage })));
const AislePage = lazy(() => import('./pages/Aisle.tsx').then((m) => ({ default: m.AislePage })));
const StockPage = lazy(() => import('./pages/Stock.tsx').then((m) => ({ default: m.StockPage })));

function page(path: string, store: ChosenStore): ReactNode {
  let p: Record<string, string> | null;
  if (path === '/' || path === '/queue') return <QueuePage store={store} />;
  if ((p = match('/orders/:id', path))) return <OrderPage store={store} id={p.id} />;
  if (path === '/handover') return <HandoverPage store={store} />;
  if (path === '/counter') return <CounterPage store={store} />;
  if (path === '/returns') return <ReturnsPage store={store} />;
  if (path === '/aisle') return <AislePage store={store} />;
  if (path === '/stock') return <StockPage store={store} />;
  return <QueuePage store={store} />;
}

function useChosenStore() {
  const [store, setStore] = useState(chosenStore);
  useEffect(() => {
    const update = () => setStore(chosenStore());
    window.addEventListener('footfall-store', update);
    return () => window.removeEventListener('footfall-store', update);
  }, []);
  return store;
}

export function App() {
  const t = useT();
  const route = useRoute();
  useSession();
  const current = session.get();
  const store = useChosenStore();
  const nav: [string, string][] = [['/queue', 'nav.queue'], ['/handover', 'nav.handover'], ['/counter', 'nav.counter'], ['/returns', 'nav.returns'], ['/aisle', 'nav.aisle'], ['/stock', 'nav.stock']];
  return (
    <>
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="topbar">
        <Link to="/" className="brand">{t('app.title')}</Link>
        {current && store ? (
          <nav aria-label={t('nav.main')}>
            {nav.map(([to, key]) => <Link key={to} to={to} aria-current={route.path === to || (to === '/queue' && route.path === '/') ? 'page' : undefined}>{t(key)}</Link>)}
          </nav>
        ) : null}
        {current && store ? <button type="button" className="button secondary small" onClick={() => { localStorage.removeItem('footfall.staff.store'); window.dispatchEvent(new Event('footfall-store')); }}>{store.name}</button> : null}
        <LanguageSwitcher />
        {current ? <button type="button" className="button secondary small" onClick={() => { session.set(null); navigate('/'); }}>{t('common.signOut')}</button> : null}
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={route.path} fallback={(error, reset) => <CrashPanel error={error} reset={reset} />}>
          {!current ? <StaffSignIn api={api} title={t('signin.title')} onSignedIn={(s) => session.set(s)} />
            : !store ? <StorePicker />
              : <Suspense fallback={<Loading />}>{page(route.path, store)}</Suspense>}
        </ErrorBoundary>
      </main>
    </>
  );
}
