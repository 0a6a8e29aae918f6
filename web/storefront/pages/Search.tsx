import { useI18n } from '@shared/i18n.tsx';
import { useRoute } from '@shared/router.tsx';
import { Async, useAsync } from '@shared/ui.tsx';
import { searchProducts } from '../catalog.ts';
import { ProductGrid } from '../products.tsx';
import { SearchBox } from './Home.tsx';

export function SearchPage() {
  const { t, locale } = useI18n();
  const { query } = useRoute();
  const q = query.get('q') ?? '';
  const category = query.get('category') ?? '';
  const results = useAsync((signal) => searchProducts({ q: q || undefined, category: category || undefined, locale, limit: 60 }, signal), [q, category, locale]);
  return (
    <section className="stack">
      <h1>{q ? t('search.resultsFor', { q }) : t('search.title')}</h1>
      <SearchBox key={q} initial={q} />
      <Async state={results}>
        {(r) => (r.items.length ? <><p className="muted" role="status">{t('search.count', { count: r.total ?? r.items.length })}</p><ProductGrid items={r.items} /></> : <p role="status">{t('search.none')}</p>)}
      </Async>
    </section>
  );
}
