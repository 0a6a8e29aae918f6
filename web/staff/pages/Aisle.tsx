import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Link } from '@shared/router.tsx';
import { Async, ErrorPanel, Field, useAction, useAsync } from '@shared/ui.tsx';
import { api, session, type ChosenStore } from '../session.ts';

interface Line { variantId: string; sku: string; name: string; quantity: number }
interface Availability { stores?: { id?: string; storeId?: string; name: string; distanceKm: number | null; canFulfilAll?: boolean }[]; items?: { id?: string; storeId?: string; name: string; distanceKm: number | null; canFulfilAll?: boolean }[] }
interface LookedUp { id: string; sku: string; product: { name: Record<string, string> } }

/** Endless aisle: the shopper in this store orders what it lacks, from any store, for pickup elsewhere or delivery home. */
export function AislePage({ store }: { store: ChosenStore }) {
  const { t, fmt, name, locale } = useI18n();
  const slug = session.get()?.merchant.slug ?? '';
  const [sku, setSku] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [fromStore, setFromStore] = useState('');
  const [fulfilment, setFulfilment] = useState<'pickup' | 'delivery'>('pickup');
  const [customer, setCustomer] = useState({ name: '', email: '', phone: '' });
  const [address, setAddress] = useState({ line1: '', city: '', postcode: '' });
  const [created, setCreated] = useState<{ id: string; number: string } | null>(null);
  const add = useAction(async () => {
    const v = await api.get<LookedUp>('/v1/staff/variants/lookup', { code: sku.trim() });
    setLines((ls) => (ls.some((l) => l.variantId === v.id) ? ls.map((l) => (l.variantId === v.id ? { ...l, quantity: l.quantity + 1 } : l)) : [...ls, { variantId: v.id, sku: v.sku, name: name(v.product.name, v.sku), quantity: 1 }]));
    setSku('');
  });
  const key = lines.map((l) => `${l.variantId}:${l.quantity}`).join(',');
  const stores = useAsync((signal) => (lines.length
    ? api.request<Availability>('POST', `/v1/shop/${slug}/availability`, { signal, body: { lines: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })) } })
      .then((r) => (r.stores ?? r.items ?? []).filter((s) => s.canFulfilAll !== false))
    : Promise.resolve([])), [key]);
  const place = useAction(async (k) => {
    const o = await api.post<{ id: string; number: string }>(`/v1/staff/stores/${store.id}/endless-aisle-orders`, {
      lines: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })), fulfilment, fulfilFromStoreId: fromStore,
      ...(fulfilment === 'delivery' ? { deliveryAddress: { name: customer.name, line1: address.line1, city: address.city, postcode: address.postcode, country: 'MY' } } : {}),
      customer: { ...(customer.name ? { name: customer.name } : {}), ...(customer.email ? { email: customer.email } : {}), ...(customer.phone ? { phone: customer.phone } : {}), locale },
      payment: { method: 'pay_in_store' },
    }, { idempotencyKey: k });
    setCreated(o);
    setLines([]);
  });
  return (
    <section className="stack" style={{ maxInlineSize: 820 }}>
      <h1>{t('aisle.title')}</h1>
      <form className="card row" onSubmit={(e) => { e.preventDefault(); if (sku.trim()) void add.run(); }}>
        <Field label={t('counter.addItem')}><input dir="ltr" value={sku} onChange={(e) => setSku(e.target.value)} /></Field>
        <button type="submit" className="button secondary" disabled={add.busy}>{t('common.add')}</button>
      </form>
      {add.error ? <ErrorPanel error={add.error} /> : null}
      {lines.length ? (
        <>
          <ul>{lines.map((l) => <li key={l.variantId}><span dir="ltr" className="code">{l.sku}</span> · {l.name} × {fmt.number(l.quantity)}</li>)}</ul>
          <Async state={stores} empty={<p className="notice warn">{t('aisle.noStore')}</p>}>
            {(list) => (
              <Field label={t('aisle.fromStore')}>
                <select required value={fromStore} onChange={(e) => setFromStore(e.target.value)}>
                  <option value="">—</option>
                  {list.map((s) => { const id = s.storeId ?? s.id ?? ''; return <option key={id} value={id}>{s.name}{s.distanceKm != null ? ` · ${fmt.distance(s.distanceKm * 1000)}` : ''}</option>; })}
                </select>
              </Field>
            )}
          </Async>
          <fieldset className="row"><legend>{t('aisle.how')}</legend>
            <label className="choice"><input type="radio" checked={fulfilment === 'pickup'} onChange={() => setFulfilment('pickup')} />{t('aisle.pickup')}</label>
            <label className="choice"><input type="radio" checked={fulfilment === 'delivery'} onChange={() => setFulfilment('delivery')} />{t('aisle.delivery')}</label>
          </fieldset>
          <div className="row">
            <Field label={t('common.name')}><input required value={customer.name} onChange={(e) => setCustomer({ ...customer, name: e.target.value })} /></Field>
            <Field label={t('aisle.email')}><input type="email" dir="ltr" value={customer.email} onChange={(e) => setCustomer({ ...customer, email: e.target.value })} /></Field>
            <Field label={t('aisle.phone')}><input type="tel" dir="ltr" value={customer.phone} onChange={(e) => setCustomer({ ...customer, phone: e.target.value })} /></Field>
          </div>
          {fulfilment === 'delivery' ? (
            <div className="row">
              <Field label={t('aisle.address')}><input required value={address.line1} onChange={(e) => setAddress({ ...address, line1: e.target.value })} /></Field>
              <Field label={t('aisle.city')}><input required value={address.city} onChange={(e) => setAddress({ ...address, city: e.target.value })} /></Field>
              <Field label={t('aisle.postcode')}><input required dir="ltr" value={address.postcode} onChange={(e) => setAddress({ ...address, postcode: e.target.value })} /></Field>
            </div>
          ) : null}
          <p className="small muted">{t('aisle.payHere')}</p>
          {place.error ? <ErrorPanel error={place.error} onRetry={place.retry} /> : null}
          <button type="button" className="button" disabled={!fromStore || !customer.name || place.busy} onClick={() => void place.run()}>{t('aisle.place')}</button>
        </>
      ) : null}
      {created ? <p className="notice ok" role="status">{t('aisle.created', { number: created.number })} <Link to={`/orders/${created.id}`}>{t('aisle.view')}</Link></p> : null}
    </section>
  );
}
