import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { api, type ChosenStore } from '../session.ts';

interface Level { storeId: string; storeCode: string; variantId: string; sku: string; productName: string; onHand: number; reserved: number; available: number; incoming: number; low: boolean; lowStockThreshold: number | null }
interface Transfer { id: string; number: string; status: string; note: string; fromStore: { id: string; code: string }; toStore: { id: string; code: string }; lines: { variantId: string; sku: string; quantity: number; receivedQuantity: number | null }[]; createdAt: string }

const TABS = ['lookup', 'low', 'receive', 'transfers'] as const;

export function StockPage({ store }: { store: ChosenStore }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<(typeof TABS)[number]>('lookup');
  return (
    <section className="stack">
      <h1>{t('nav.stock')}</h1>
      <div className="tabs" role="tablist">
        {TABS.map((x) => <button key={x} type="button" role="tab" aria-selected={tab === x} onClick={() => setTab(x)}>{t(`stock.tab.${x}`)}</button>)}
      </div>
      {tab === 'lookup' ? <Lookup /> : tab === 'low' ? <LowStock store={store} /> : tab === 'receive' ? <Receive store={store} /> : <Transfers store={store} />}
    </section>
  );
}

function LevelsTable({ levels }: { levels: Level[] }) {
  const { t, fmt } = useI18n();
  if (!levels.length) return <p>{t('common.none')}</p>;
  return (
    <div className="table-wrap"><table>
      <thead><tr><th>{t('common.store')}</th><th>{t('common.sku')}</th><th>{t('common.name')}</th><th className="num">{t('stock.onHand')}</th><th className="num">{t('stock.reserved')}</th><th className="num">{t('stock.available')}</th><th className="num">{t('stock.incoming')}</th></tr></thead>
      <tbody>{levels.map((l) => (
        <tr key={`${l.storeId}-${l.variantId}`}>
          <td>{l.storeCode}</td><td className="code" dir="ltr">{l.sku}</td><td>{l.productName} {l.low ? <StatusBadge status="overdue" label={t('stock.low')} /> : null}</td>
          <td className="num">{fmt.number(l.onHand)}</td><td className="num">{fmt.number(l.reserved)}</td><td className="num"><strong>{fmt.number(l.available)}</strong></td><td className="num">{fmt.number(l.incoming)}</td>
        </tr>
      ))}</tbody>
    </table></div>
  );
}

function Lookup() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const levels = useAsync((signal) => (query ? api.request<{ items: Level[] }>('GET', '/v1/staff/stock', { signal, query: { q: query, limit: 200 } }).then((r) => r.items) : Promise.resolve([] as Level[])), [query]);
  return (
    <div className="stack">
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q.trim()); }}>
        <Field label={t('stock.search')}><input value={q} onChange={(e) => setQ(e.target.value)} /></Field>
        <button type="submit" className="button">{t('common.search')}</button>
      </form>
      {query ? <Async state={levels}>{(items) => <LevelsTable levels={items} />}</Async> : <p className="muted">{t('stock.searchHint')}</p>}
    </div>
  );
}

function LowStock({ store }: { store: ChosenStore }) {
  const levels = useAsync((signal) => api.request<{ items: Level[] }>('GET', `/v1/staff/stores/${store.id}/low-stock`, { signal, query: { limit: 200 } }).then((r) => r.items), [store.id]);
  return <Async state={levels}>{(items) => <LevelsTable levels={items} />}</Async>;
}

function Receive({ store }: { store: ChosenStore }) {
  const { t, fmt } = useI18n();
  const [form, setForm] = useState({ sku: '', quantity: '1', reference: '' });
  const [done, setDone] = useState<string | null>(null);
  const receive = useAction(async (key) => {
    const r = await api.post<{ accepted: number; levels: { onHand: number; available: number }[] }>('/v1/staff/stock/movements', {
      movements: [{ storeId: store.id, sku: form.sku.trim(), type: 'receive', quantity: Number(form.quantity), ...(form.reference ? { reference: form.reference } : {}) }],
    }, { idempotencyKey: key });
    setDone(t('stock.received', { sku: form.sku.trim(), onHand: fmt.number(r.levels[0]?.onHand ?? 0) }));
    setForm({ sku: '', quantity: '1', reference: form.reference });
  });
  return (
    <form className="card stack" style={{ maxInlineSize: 520 }} onSubmit={(e) => { e.preventDefault(); setDone(null); void receive.run(); }}>
      <Field label={t('common.sku')}><input required dir="ltr" value={form.sku} onChange={(e) => setForm({ ...form, sku: e.target.value })} /></Field>
      <Field label={t('common.quantity')}><input required type="number" min={1} value={form.quantity} onChange={(e) => setForm({ ...form, quantity: e.target.value })} /></Field>
      <Field label={t('stock.reference')}><input dir="ltr" value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} /></Field>
      {receive.error ? <ErrorPanel error={receive.error} onRetry={receive.retry} /> : null}
      {done ? <p className="notice ok" role="status">{done}</p> : null}
      <button type="submit" className="button" disabled={receive.busy}>{t('stock.receive')}</button>
    </form>
  );
}

function Transfers({ store }: { store: ChosenStore }) {
  const { t, fmt } = useI18n();
  const list = useAsync((signal) => api.request<{ items: Transfer[] }>('GET', '/v1/staff/transfers', { signal, query: { storeId: store.id, limit: 100 } }).then((r) => r.items), [store.id]);
  const stores = useAsync((signal) => api.request<{ items: { id: string; name: string; code: string }[] }>('GET', '/v1/admin/stores', { signal, query: { limit: 500 } }).then((r) => r.items), []);
  const [form, setForm] = useState({ fromStoreId: '', sku: '', quantity: '1' });
  const request = useAction(async (key) => {
    await api.post('/v1/staff/transfers', { fromStoreId: form.fromStoreId, toStoreId: store.id, lines: [{ sku: form.sku.trim(), quantity: Number(form.quantity) }] }, { idempotencyKey: key });
    setForm({ ...form, sku: '', quantity: '1' });
    list.reload();
  });
  const step = useAction(async (key, id: string, action: 'ship' | 'receive' | 'cancel') => { await api.post(`/v1/staff/transfers/${id}/${action}`, action === 'receive' ? {} : undefined, { idempotencyKey: key }); list.reload(); });
  return (
    <div className="stack">
      <form className="card row" onSubmit={(e) => { e.preventDefault(); void request.run(); }}>
        <Field label={t('stock.fromStore')}>
          <select required value={form.fromStoreId} onChange={(e) => setForm({ ...form, fromStoreId: e.target.value })}>
            <option value="">—</option>
            {(stores.data ?? []).filter((s) => s.id !== store.id).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field label={t('common.sku')}><input required dir="ltr" value={form.sku} onChange={(e) => setForm({ ...form, sku: e.target.value })} /></Field>
        <Field label={t('common.quantity')}><input required type="number" min={1} value={form.quantity} onChange={(e) => setForm({ ...form, quantity: e.target.value })} style={{ inlineSize: 90 }} /></Field>
        <button type="submit" className="button" disabled={request.busy}>{t('stock.requestTransfer')}</button>
      </form>
      {request.error ? <ErrorPanel error={request.error} onRetry={request.retry} /> : null}
      {step.error ? <ErrorPanel error={step.error} onRetry={step.retry} /> : null}
      <Async state={list} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('stock.transfer')}</th><th>{t('stock.route')}</th><th>{t('stock.lines')}</th><th>{t('common.status')}</th><th /></tr></thead>
            <tbody>{items.map((tr) => (
              <tr key={tr.id}>
                <td>{tr.number}<div className="small muted">{fmt.date(tr.createdAt)}</div></td>
                <td dir="ltr">{tr.fromStore.code} → {tr.toStore.code}</td>
                <td className="small">{tr.lines.map((l) => `${l.sku} × ${fmt.number(l.quantity)}`).join(', ')}</td>
                <td><StatusBadge status={tr.status} label={t(`transfer.${tr.status}`)} /></td>
                <td className="row">
                  {tr.status === 'requested' && tr.fromStore.id === store.id ? <button type="button" className="button small" onClick={() => void step.run(tr.id, 'ship')}>{t('stock.ship')}</button> : null}
                  {tr.status === 'shipped' && tr.toStore.id === store.id ? <button type="button" className="button small" onClick={() => void step.run(tr.id, 'receive')}>{t('stock.receive')}</button> : null}
                  {tr.status === 'requested' ? <button type="button" className="button secondary small" onClick={() => void step.run(tr.id, 'cancel')}>{t('common.cancel')}</button> : null}
                </td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </Async>
    </div>
  );
}
