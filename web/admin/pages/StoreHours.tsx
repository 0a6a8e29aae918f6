import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';

interface Interval { open: string; close: string }
interface HoursException { date: string; closed: boolean; intervals: Interval[]; note?: string }
interface StoreHours { id: string; name: string; timezone: string; openingHours: Record<string, Interval[]>; exceptions: HoursException[] }

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A store's weekly hours and its dated exceptions (holidays closed, special hours), kept in the store's time zone. */
export function StoreHoursPanel({ storeId }: { storeId: string }) {
  const { t, locale } = useI18n();
  const store = useAsync((signal) => api.request<StoreHours>('GET', `/v1/admin/stores/${storeId}`, { signal }), [storeId]);
  const [form, setForm] = useState({ date: '', closed: true, open: '10:00', close: '22:00', note: '' });
  // Local dates, shown with their weekday in the reader's language; UTC keeps the date itself unshifted.
  const day = (date: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const weekday = (i: number) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 23 + i)));
  const save = useAction(async () => {
    await api.request('PUT', `/v1/admin/stores/${storeId}/hours-exceptions/${form.date}`, {
      body: { closed: form.closed, intervals: form.closed ? [] : [{ open: form.open, close: form.close }], ...(form.note.trim() ? { note: form.note.trim() } : {}) },
    });
    setForm({ ...form, date: '', note: '' });
    store.reload();
  });
  const remove = useAction(async (_key, date: string) => {
    await api.request('DELETE', `/v1/admin/stores/${storeId}/hours-exceptions/${date}`);
    store.reload();
  });
  const hours = (intervals: Interval[]) => (intervals.length ? intervals.map((i) => `${i.open}–${i.close}`).join(', ') : t('stores.closedDay'));
  return (
    <Async state={store}>
      {(s) => (
        <div className="card stack" role="region" aria-label={t('stores.hoursOf', { name: s.name })}>
          <h2>{t('stores.hoursOf', { name: s.name })}</h2>
          <p className="small" dir="ltr">{s.timezone}</p>
          <table><caption>{t('stores.weekly')}</caption><tbody>
            {WEEK.map((d, i) => <tr key={d}><th scope="row">{weekday(i)}</th><td dir="ltr">{hours(s.openingHours[d] ?? [])}</td></tr>)}
          </tbody></table>
          <h3>{t('stores.exceptions')}</h3>
          {s.exceptions.length ? (
            <ul className="stack">{s.exceptions.map((e) => (
              <li key={e.date} className="row">
                <span>{day(e.date)}</span><span dir="ltr">{e.closed ? t('stores.closedDay') : hours(e.intervals)}</span>{e.note ? <span className="small">{e.note}</span> : null}
                <button type="button" className="button secondary small" onClick={() => void remove.run(e.date)}>{t('stores.removeException')}</button>
              </li>
            ))}</ul>
          ) : <p>{t('common.none')}</p>}
          {remove.error ? <ErrorPanel error={remove.error} /> : null}
          <form className="row" onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
            <Field label={t('stores.exceptionDate')}><input required type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} /></Field>
            <label className="choice"><input type="checkbox" checked={form.closed} onChange={(e) => setForm({ ...form, closed: e.target.checked })} />{t('stores.exceptionClosed')}</label>
            {!form.closed ? <>
              <Field label={t('stores.opens')}><input required type="time" value={form.open} onChange={(e) => setForm({ ...form, open: e.target.value })} /></Field>
              <Field label={t('stores.closes')}><input required type="time" value={form.close} onChange={(e) => setForm({ ...form, close: e.target.value })} /></Field>
            </> : null}
            <Field label={t('stores.note')}><input maxLength={200} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} /></Field>
            <button type="submit" className="button" disabled={save.busy}>{t('stores.addException')}</button>
          </form>
          {save.error ? <ErrorPanel error={save.error} onRetry={save.retry} /> : null}
        </div>
      )}
    </Async>
  );
}
