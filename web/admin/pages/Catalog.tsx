import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';

interface Product { id: string; handle: string; status: string; name: Record<string, string>; variants: { id: string; sku: string; barcode: string | null; prices: { currency: string; priceMinor: number; pickupPriceMinor: number | null }[] }[] }
const STATUSES = ['draft', 'active', 'archived'] as const;

export function CatalogPage() {
  const { t, fmt, name } = useI18n();
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState({ q: '', status: '' });
  const [offset, setOffset] = useState(0);
  const products = useAsync((signal) => api.request<{ items: Product[]; total?: number }>('GET', '/v1/admin/products', { signal, query: { q: filter.q || undefined, status: filter.status || undefined, limit: 50, offset } }), [filter.q, filter.status, offset]);
  const setStatus = useAction(async (_key, p: Product, status: string) => { await api.request('PATCH', `/v1/admin/products/${p.id}`, { body: { status } }); products.reload(); });
  return (
    <section className="stack">
      <h1>{t('nav.catalog')}</h1>
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setOffset(0); setFilter({ ...filter, q: q.trim() }); }}>
        <Field label={t('catalog.search')}><input value={q} onChange={(e) => setQ(e.target.value)} /></Field>
        <Field label={t('common.status')}><select value={filter.status} onChange={(e) => { setOffset(0); setFilter({ ...filter, status: e.target.value }); }}><option value="">{t('common.all')}</option>{STATUSES.map((s) => <option key={s} value={s}>{t(`productStatus.${s}`)}</option>)}</select></Field>
        <button type="submit" className="button">{t('common.search')}</button>
      </form>
      {setStatus.error ? <ErrorPanel error={setStatus.error} /> : null}
      <Async state={products}>
        {(r) => (
          <>
            {r.total != null ? <p className="small muted">{t('catalog.total', { count: r.total })}</p> : null}
            <div className="table-wrap"><table>
              <thead><tr><th>{t('common.name')}</th><th>{t('catalog.variants')}</th><th className="num">{t('catalog.price')}</th><th>{t('common.status')}</th></tr></thead>
              <tbody>{r.items.map((p) => {
                const price = p.variants[0]?.prices[0];
                return (
                  <tr key={p.id}>
                    <td>{name(p.name, p.handle)}<div className="small muted" dir="ltr">{p.handle}</div></td>
                    <td className="small" dir="ltr">{p.variants.map((v) => v.sku).join(', ')}</td>
                    <td className="num">{price ? fmt.money(price.priceMinor, price.currency) : '—'}{price?.pickupPriceMinor != null ? <div className="small">{t('catalog.pickup', { price: fmt.money(price.pickupPriceMinor, price.currency) })}</div> : null}</td>
                    <td><StatusBadge status={p.status} label={t(`productStatus.${p.status}`)} />{' '}
                      <select aria-label={t('catalog.changeStatus')} value={p.status} onChange={(e) => void setStatus.run(p, e.target.value)}>{STATUSES.map((s) => <option key={s} value={s}>{t(`productStatus.${s}`)}</option>)}</select></td>
                  </tr>
                );
              })}</tbody>
            </table></div>
            <div className="row">
              <button type="button" className="button secondary small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>{t('common.previous')}</button>
              <button type="button" className="button secondary small" disabled={r.items.length < 50} onClick={() => setOffset(offset + 50)}>{t('common.next')}</button>
            </div>
          </>
        )}
      </Async>
    </section>
  );
}
