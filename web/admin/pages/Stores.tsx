import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';
import { StoreHoursPanel } from './StoreHours.tsx';

interface Store { id: string; code: string; name: string; status: string; address: { line1: string; city: string; postcode: string; country: string }; lat: number; lng: number; timezone: string; services: string[]; pickupPrepMinutes: number; openNow?: boolean }
const SERVICES = ['pickup', 'returns', 'ship_from_store', 'reserve_pay_in_store'] as const;

export function StoresPage() {
  const { t, fmt } = useI18n();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [hoursOf, setHoursOf] = useState<string | null>(null);
  const stores = useAsync((signal) => api.request<{ items: Store[] }>('GET', '/v1/admin/stores', { signal, query: { q: query || undefined, limit: 500 } }).then((r) => r.items), [query]);
  const [form, setForm] = useState({ code: '', name: '', line1: '', city: '', postcode: '', country: 'MY', lat: '', lng: '', timezone: 'Asia/Kuala_Lumpur', services: ['pickup', 'returns'] as string[], prep: '60' });
  const create = useAction(async (key) => {
    await api.post('/v1/admin/stores', {
      code: form.code, name: form.name, address: { line1: form.line1, city: form.city, postcode: form.postcode, country: form.country.toUpperCase() },
      lat: Number(form.lat), lng: Number(form.lng), timezone: form.timezone, services: form.services, pickupPrepMinutes: Number(form.prep),
      openingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '10:00', close: '22:00' }]])),
    }, { idempotencyKey: key });
    setForm({ ...form, code: '', name: '', line1: '' });
    stores.reload();
  });
  const toggle = useAction(async (_key, s: Store) => { await api.request('PATCH', `/v1/admin/stores/${s.id}`, { body: { status: s.status === 'active' ? 'inactive' : 'active' } }); stores.reload(); });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section className="stack">
      <h1>{t('nav.stores')}</h1>
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q.trim()); }}>
        <Field label={t('stores.search')}><input value={q} onChange={(e) => setQ(e.target.value)} /></Field>
        <button type="submit" className="button">{t('common.search')}</button>
      </form>
      {toggle.error ? <ErrorPanel error={toggle.error} /> : null}
      <Async state={stores} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('common.code')}</th><th>{t('common.name')}</th><th>{t('stores.city')}</th><th>{t('stores.services')}</th><th className="num">{t('stores.prep')}</th><th>{t('common.status')}</th><th /></tr></thead>
            <tbody>{items.map((s) => (
              <tr key={s.id}><td className="code" dir="ltr">{s.code}</td><td>{s.name}</td><td>{s.address.city}</td>
                <td className="small">{s.services.map((x) => t(`service.${x}`)).join(', ')}</td><td className="num">{fmt.number(s.pickupPrepMinutes)}</td>
                <td><StatusBadge status={s.status} label={t(`storeStatus.${s.status}`)} /></td>
                <td className="row"><button type="button" className="button secondary small" aria-expanded={hoursOf === s.id} onClick={() => setHoursOf(hoursOf === s.id ? null : s.id)}>{t('stores.hours')}</button>
                  <button type="button" className="button secondary small" onClick={() => void toggle.run(s)}>{s.status === 'active' ? t('stores.deactivate') : t('stores.activate')}</button></td></tr>
            ))}</tbody>
          </table></div>
        )}
      </Async>
      {hoursOf ? <StoreHoursPanel key={hoursOf} storeId={hoursOf} /> : null}
      <form className="card stack" onSubmit={(e) => { e.preventDefault(); void create.run(); }}>
        <h2>{t('stores.new')}</h2>
        <div className="row">
          <Field label={t('common.code')}><input required dir="ltr" value={form.code} onChange={set('code')} /></Field>
          <Field label={t('common.name')}><input required value={form.name} onChange={set('name')} /></Field>
          <Field label={t('stores.address')}><input value={form.line1} onChange={set('line1')} /></Field>
          <Field label={t('stores.city')}><input value={form.city} onChange={set('city')} /></Field>
          <Field label={t('stores.postcode')}><input dir="ltr" value={form.postcode} onChange={set('postcode')} /></Field>
          <Field label={t('stores.country')}><input required dir="ltr" maxLength={2} value={form.country} onChange={set('country')} /></Field>
          <Field label={t('stores.lat')}><input required type="number" step="any" min={-90} max={90} value={form.lat} onChange={set('lat')} /></Field>
          <Field label={t('stores.lng')}><input required type="number" step="any" min={-180} max={180} value={form.lng} onChange={set('lng')} /></Field>
          <Field label={t('stores.timezone')}><input required dir="ltr" value={form.timezone} onChange={set('timezone')} /></Field>
          <Field label={t('stores.prep')}><input type="number" min={0} value={form.prep} onChange={set('prep')} /></Field>
        </div>
        <fieldset className="row"><legend>{t('stores.services')}</legend>
          {SERVICES.map((s) => <label key={s} className="choice"><input type="checkbox" checked={form.services.includes(s)} onChange={(e) => setForm({ ...form, services: e.target.checked ? [...form.services, s] : form.services.filter((x) => x !== s) })} />{t(`service.${s}`)}</label>)}
        </fieldset>
        {create.error ? <ErrorPanel error={create.error} onRetry={create.retry} /> : null}
        <button type="submit" className="button" disabled={create.busy}>{t('common.create')}</button>
      </form>
    </section>
  );
}
