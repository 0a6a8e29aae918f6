import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, Field, StatusBadge, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';

interface Level { storeId: string; storeCode: string; variantId: string; sku: string; productName: string; onHand: number; reserved: number; available: number; incoming: number; safetyStock: number; low: boolean; lowStockThreshold: number | null }

export function StockPage() {
  const { t, fmt } = useI18n();
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState({ q: '', lowOnly: false });
  const levels = useAsync((signal) => api.request<{ items: Level[] }>('GET', '/v1/staff/stock', { signal, query: { q: filter.q || undefined, lowOnly: filter.lowOnly || undefined, limit: 200 } }).then((r) => r.items), [filter.q, filter.lowOnly]);
  return (
    <section className="stack">
      <h1>{t('nav.stock')}</h1>
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setFilter({ ...filter, q: q.trim() }); }}>
        <Field label={t('catalog.search')}><input value={q} onChange={(e) => setQ(e.target.value)} /></Field>
        <label className="choice"><input type="checkbox" checked={filter.lowOnly} onChange={(e) => setFilter({ ...filter, lowOnly: e.target.checked })} />{t('stock.lowOnly')}</label>
        <button type="submit" className="button">{t('common.search')}</button>
      </form>
      <Async state={levels} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('common.store')}</th><th>{t('common.sku')}</th><th>{t('common.name')}</th><th className="num">{t('stock.onHand')}</th><th className="num">{t('stock.reserved')}</th><th className="num">{t('stock.safety')}</th><th className="num">{t('stock.available')}</th><th className="num">{t('stock.incoming')}</th></tr></thead>
            <tbody>{items.map((l) => (
              <tr key={`${l.storeId}-${l.variantId}`}><td>{l.storeCode}</td><td className="code" dir="ltr">{l.sku}</td><td>{l.productName} {l.low ? <StatusBadge status="overdue" label={t('stock.low')} /> : null}</td>
                <td className="num">{fmt.number(l.onHand)}</td><td className="num">{fmt.number(l.reserved)}</td><td className="num">{fmt.number(l.safetyStock)}</td><td className="num"><strong>{fmt.number(l.available)}</strong></td><td className="num">{fmt.number(l.incoming)}</td></tr>
            ))}</tbody>
          </table></div>
        )}
      </Async>
    </section>
  );
}
