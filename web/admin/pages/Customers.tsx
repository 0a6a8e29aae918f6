import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, saveFile, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';

interface Customer { id: string; email: string | null; phone: string | null; name: string; kind: string; locale: string; postcode: string | null; created_at: string }
interface Loyalty { balance: number; lifetimePoints: number; tier: string | null; cardNumber: string | null }
interface Consents { current?: Record<string, boolean>; items?: { purpose: string; granted: boolean }[] }

export function CustomersPage() {
  const { t, fmt } = useI18n();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const customers = useAsync((signal) => api.request<{ items: Customer[]; total?: number }>('GET', '/v1/admin/customers', { signal, query: { q: query || undefined, limit: 50 } }), [query]);
  return (
    <section className="stack">
      <h1>{t('nav.customers')}</h1>
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q.trim()); }}>
        <Field label={t('customers.search')}><input value={q} onChange={(e) => setQ(e.target.value)} /></Field>
        <button type="submit" className="button">{t('common.search')}</button>
      </form>
      <Async state={customers}>
        {(r) => (r.items.length === 0 ? <p>{t('common.none')}</p> : (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('common.name')}</th><th>{t('common.email')}</th><th>{t('customers.phone')}</th><th>{t('customers.kind')}</th><th>{t('customers.since')}</th><th /></tr></thead>
            <tbody>{r.items.map((c) => (
              <tr key={c.id}>
                <td>{c.name || '—'}</td><td dir="ltr">{c.email ?? ''}</td><td dir="ltr">{c.phone ?? ''}</td><td>{t(`customerKind.${c.kind}`)}</td><td>{fmt.date(c.created_at)}</td>
                <td><button type="button" className="button secondary small" aria-expanded={open === c.id} onClick={() => setOpen(open === c.id ? null : c.id)}>{t('customers.details')}</button>
                  {open === c.id ? <CustomerDetail customer={c} /> : null}</td>
              </tr>
            ))}</tbody>
          </table></div>
        ))}
      </Async>
    </section>
  );
}

function CustomerDetail({ customer }: { customer: Customer }) {
  const { t, fmt } = useI18n();
  const loyalty = useAsync((signal) => api.request<Loyalty>('GET', `/v1/admin/customers/${customer.id}/loyalty`, { signal }), [customer.id]);
  const consents = useAsync((signal) => api.request<Consents>('GET', `/v1/admin/customers/${customer.id}/consents`, { signal }), [customer.id]);
  const exportData = useAction(async () => {
    const data = await api.get(`/v1/admin/customers/${customer.id}/export`);
    saveFile(`customer-${customer.id}.json`, JSON.stringify(data, null, 2), 'application/json');
  });
  const current = consents.data?.current ?? Object.fromEntries((consents.data?.items ?? []).map((i) => [i.purpose, i.granted]));
  return (
    <div className="card stack small" style={{ marginBlockStart: 8 }}>
      <Async state={loyalty}>{(l) => <p>{t('customers.points', { points: l.balance })}{l.tier ? ` · ${l.tier}` : ''}{l.cardNumber ? <> · <span dir="ltr" className="code">{l.cardNumber}</span></> : null}</p>}</Async>
      {consents.data ? <p>{t('customers.consents')}: {Object.entries(current).map(([k, v]) => `${t(`consent.${k}`)} ${v ? '✓' : '✗'}`).join(' · ') || '—'}</p> : null}
      <p className="muted">{t('customers.language')}: {customer.locale} · {customer.postcode ?? ''} · {fmt.dateTime(customer.created_at)}</p>
      {exportData.error ? <ErrorPanel error={exportData.error} /> : null}
      <button type="button" className="button secondary small" onClick={() => void exportData.run()}>{t('customers.export')}</button>
    </div>
  );
}
