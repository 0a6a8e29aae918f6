import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { navigate } from '@shared/router.tsx';
import { Async, useAsync } from '@shared/ui.tsx';
import { listCategories, searchProducts } from '../catalog.ts';
import { ProductGrid } from '../products.tsx';

export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState(initial);
  return (
    <form role="search" className="row" onSubmit={(e) => { e.preventDefault(); navigate(`/search?q=${encodeURIComponent(q.trim())}`); }}>
      <label className="visually-hidden" htmlFor="q">{t('search.label')}</label>
      <input id="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} style={{ flex: 1, minInlineSize: 180 }} />
      <button type="submit" className="button">{t('common.search')}</button>
    </form>
  );
}

export function HomePage() {
  const { t, locale } = useI18n();
  const products = useAsync((signal) => searchProducts({ locale, limit: 12 }, signal).then((r) => r.items), [locale]);
  const categories = useAsync((signal) => listCategories(locale, signal), [locale]);
  return (
    <div className="stack">
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p>{t('home.subtitle')}</p>
        <SearchBox />
      </section>
      {categories.data?.length ? (
        <nav aria-label={t('home.categories')} className="row">
          {categories.data.filter((c) => !c.parentId).map((c) => (
            <a key={c.id} className="button secondary small" href={`/search?category=${encodeURIComponent(c.slug)}`}
              onClick={(e) => { e.preventDefault(); navigate(`/search?category=${encodeURIComponent(c.slug)}`); }}>{c.name || c.slug}</a>
          ))}
        </nav>
      ) : null}
      <h2>{t('home.featured')}</h2>
      <Async state={products} empty={<p>{t('search.none')}</p>}>{(items) => <ProductGrid items={items} />}</Async>
    </div>
  );
}
