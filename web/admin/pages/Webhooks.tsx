import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';

interface Endpoint { id: string; url: string; description: string; event_types: string[]; enabled: boolean; created_at: string }
interface Delivery { id: string; event_type?: string; status?: string; attempts?: number; created_at?: string; response_status?: number | null }

export function WebhooksPage() {
  const { t } = useI18n();
  const endpoints = useAsync((signal) => api.request<{ items: Endpoint[] }>('GET', '/v1/admin/webhooks', { signal }).then((r) => r.items), []);
  const [form, setForm] = useState({ url: '', description: '', events: '*' });
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const create = useAction(async (key) => {
    const r = await api.post<Endpoint & { secret: string }>('/v1/admin/webhooks', { url: form.url, description: form.description, eventTypes: form.events.split(/[\s,]+/).filter(Boolean) }, { idempotencyKey: key });
    setSecret(r.secret);
    setForm({ url: '', description: '', events: '*' });
    endpoints.reload();
  });
  const act = useAction(async (key, id: string, what: 'test' | 'toggle', enabled?: boolean) => {
    if (what === 'test') await api.post(`/v1/admin/webhooks/${id}/test`, undefined, { idempotencyKey: key });
    else await api.request('PATCH', `/v1/admin/webhooks/${id}`, { body: { enabled: !enabled } });
    endpoints.reload();
  });
  return (
    <section className="stack">
      <h1>{t('nav.webhooks')}</h1>
      <form className="card stack" onSubmit={(e) => { e.preventDefault(); void create.run(); }}>
        <h2>{t('webhooks.new')}</h2>
        <div className="row">
          <Field label={t('webhooks.url')}><input type="url" required dir="ltr" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} placeholder="https://" /></Field>
          <Field label={t('webhooks.description')}><input value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} /></Field>
          <Field label={t('webhooks.events')} hint={t('webhooks.eventsHint')}><input dir="ltr" value={form.events} onChange={(e) => setForm({ ...form, events: e.target.value })} /></Field>
        </div>
        {create.error ? <ErrorPanel error={create.error} onRetry={create.retry} /> : null}
        <button type="submit" className="button" disabled={create.busy}>{t('common.create')}</button>
      </form>
      {secret ? <div className="notice ok" role="status"><p>{t('webhooks.secretOnce')}</p><p className="code" dir="ltr" style={{ wordBreak: 'break-all' }}>{secret}</p></div> : null}
      {act.error ? <ErrorPanel error={act.error} onRetry={act.retry} /> : null}
      <Async state={endpoints} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('webhooks.url')}</th><th>{t('webhooks.events')}</th><th>{t('common.status')}</th><th /></tr></thead>
            <tbody>{items.map((w) => (
              <tr key={w.id}>
                <td dir="ltr" style={{ wordBreak: 'break-all' }}>{w.url}<div className="small muted">{w.description}</div></td>
                <td className="small" dir="ltr">{w.event_types.join(', ')}</td>
                <td><StatusBadge status={w.enabled ? 'active' : 'closed'} label={w.enabled ? t('webhooks.enabled') : t('webhooks.disabled')} /></td>
                <td className="stack" style={{ gap: 4 }}>
                  <div className="row">
                    <button type="button" className="button secondary small" onClick={() => void act.run(w.id, 'test')}>{t('webhooks.test')}</button>
                    <button type="button" className="button secondary small" onClick={() => void act.run(w.id, 'toggle', w.enabled)}>{w.enabled ? t('webhooks.disable') : t('webhooks.enable')}</button>
                    <button type="button" className="button secondary small" aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? null : w.id)}>{t('webhooks.deliveries')}</button>
                  </div>
                  {open === w.id ? <Deliveries id={w.id} /> : null}
                </td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </Async>
    </section>
  );
}

function Deliveries({ id }: { id: string }) {
  const { t, fmt } = useI18n();
  const list = useAsync((signal) => api.request<{ items: Delivery[] }>('GET', `/v1/admin/webhooks/${id}/deliveries`, { signal, query: { limit: 20 } }).then((r) => r.items), [id]);
  return (
    <Async state={list} empty={<p className="small">{t('common.none')}</p>}>
      {(items) => (
        <ul className="small">{items.map((d) => <li key={d.id}>{d.created_at ? fmt.dateTime(d.created_at) : ''} · <span dir="ltr">{d.event_type}</span> · {d.status}{d.response_status ? ` (${d.response_status})` : ''}</li>)}</ul>
      )}
    </Async>
  );
}
