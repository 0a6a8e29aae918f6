import { lazy, Suspense, type ReactNode } from 'react';
import { LanguageSwitcher, useT } from '@shared/i18n.tsx';
import { Link, match, useRoute } from '@shared/router.tsx';
import { CrashPanel, ErrorBoundary, Loading } from '@shared/ui.tsx';
import { HomePage } from './pages/Home.tsx';
import { useCartCount } from './cart.ts';

// The first page ships only the home screen; every other screen is its own chunk.
const ProductPage = lazy(() => import('./pages/Product.tsx').then((m) => ({ default: m.ProductPage })));
const SearchPage = lazy(() => import('./pages/Search.tsx').then((m) => ({ default: m.SearchPage })));
const StoresPage = lazy(() => import('./pages/Stores.tsx').then((m) => ({ default: m.StoresPage })));
const CartPage = lazy(() => import('./pages/Cart.tsx').then((m) => ({ default: m.CartPage })));
const OrderPage = lazy(() => import('./pages/Order.tsx').then((m) => ({ default: m.OrderPage })));
const AccountPage = lazy(() => import('./pages/Account.tsx').then((m) => ({ default: m.AccountPage })));
const OffersPage = lazy(() => import('./pages/Offers.tsx').then((m) => ({ default: m.OffersPage })));
const LandingPage = lazy(() => import('./pages/Landing.tsx').then((m) => ({ default: m.LandingPage })));

function page(path: string): ReactNode {
  let p: Record<string, string> | null;
  if (path === '/') return <HomePage />;
  if (path === '/search') return <SearchPage />;
  if ((p = match('/products/:id', path))) return <ProductPage id={p.id} />;
  if (path === '/stores') return <StoresPage />;
  if (path === '/cart' || path === '/checkout') return <CartPage />;
  if ((p = match('/orders/:id', path))) return <OrderPage id={p.id} />;
  if (path === '/account' || path.startsWith('/account/')) return <AccountPage tab={path.split('/')[2] ?? 'orders'} />;
  if (path === '/offers') return <OffersPage />;
  if ((p = match('/offers/:campaignId', path))) return <LandingPage campaignId={p.campaignId} />;
  return <NotFound />;
}

function NotFound() {
  const t = useT();
  return <section><h1>{t('notFound.title')}</h1><p><Link to="/">{t('notFound.home')}</Link></p></section>;
}

export function App() {
  const t = useT();
  const route = useRoute();
  const count = useCartCount();
  const current = (to: string) => (route.path === to || (to !== '/' && route.path.startsWith(to)) ? 'page' : undefined);
  return (
    <>
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="topbar">
        <Link to="/" className="brand">{t('shop.brand')}</Link>
        <nav aria-label={t('nav.main')}>
          <Link to="/" aria-current={current('/')}>{t('nav.shop')}</Link>
          <Link to="/stores" aria-current={current('/stores')}>{t('nav.stores')}</Link>
          <Link to="/offers" aria-current={current('/offers')}>{t('nav.offers')}</Link>
          <Link to="/account" aria-current={current('/account')}>{t('nav.account')}</Link>
          <Link to="/cart" aria-current={current('/cart')}>
            {t('nav.cart')}{count ? <span className="cart-count" aria-label={t('cart.itemsCount', { count })}>{count}</span> : null}
          </Link>
        </nav>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={route.path} fallback={(error, reset) => <CrashPanel error={error} reset={reset} />}>
          <Suspense fallback={<Loading />}>{page(route.path)}</Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}
