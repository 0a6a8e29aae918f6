import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';
import { useStores } from '../stores.ts';

interface ApiKey { id: string; name: string; role: string; store_id: string | null; last_four: string; created_at: string; last_used_at: string | null; revoked_at: string | null }

export function ApiKeysPage() {
  const { t, fmt } = useI18n();
  const keys = useAsync((signal) => api.request<{ items: ApiKey[] }>('GET', '/v1/admin/api-keys', { signal }).then((r) => r.items), []);
  const stores = useStores();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'pos' | 'admin'>('pos');
  const [storeId, setStoreId] = useState('');
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const create = useAction((key) => api.post<{ key: string; name: string }>('/v1/admin/api-keys', { name, role, ...(role === 'pos' && storeId ? { storeId } : {}) }, { idempotencyKey: key }));
  const revoke = useAction((key, id: string) => api.post(`/v1/admin/api-keys/${id}/revoke`, undefined, { idempotencyKey: key }));
  const storeName = (id: string | null) => stores.data?.find((s) => s.id === id)?.name ?? '';

  return (
    <section className="stack">
      <h1>{t('nav.apiKeys')}</h1>
      <form className="card stack" onSubmit={async (e) => {
        e.preventDefault();
        const r = await create.run();
        if (r) { setCreated(r); setName(''); keys.reload(); }
      }}>
        <h2>{t('keys.new')}</h2>
        <div className="row">
          <Field label={t('common.name')}><input required value={name} onChange={(e) => setName(e.target.value)} /></Field>
          <Field label={t('keys.role')}>
            <select value={role} onChange={(e) => setRole(e.target.value as 'pos' | 'admin')}>
              <option value="pos">{t('keys.role.pos')}</option>
              <option value="admin">{t('keys.role.admin')}</option>
            </select>
          </Field>
          {role === 'pos' ? (
            <Field label={t('common.store')}>
              <select required value={storeId} onChange={(e) => setStoreId(e.target.value)}>
                <option value="">—</option>
                {(stores.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </Field>
          ) : null}
        </div>
        {create.error ? <ErrorPanel error={create.error} onRetry={create.retry} /> : null}
        <button className="button" type="submit" disabled={create.busy}>{t('common.create')}</button>
      </form>
      {created ? (
        <div className="notice ok" role="status">
          <p>{t('keys.createdOnce', { name: created.name })}</p>
          <p className="code" dir="ltr" style={{ wordBreak: 'break-all' }} data-testid="new-api-key">{created.key}</p>
        </div>
      ) : null}
      {revoke.error ? <ErrorPanel error={revoke.error} onRetry={revoke.retry} /> : null}
      <Async state={keys} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('common.name')}</th><th>{t('keys.role')}</th><th>{t('common.store')}</th><th>{t('keys.endsWith')}</th><th>{t('keys.lastUsed')}</th><th>{t('common.status')}</th><th /></tr></thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td><td>{t(`keys.role.${k.role}`)}</td><td>{storeName(k.store_id)}</td>
                  <td className="code" dir="ltr">…{k.last_four}</td>
                  <td>{k.last_used_at ? fmt.dateTime(k.last_used_at) : '—'}</td>
                  <td>{k.revoked_at ? t('keys.revoked') : t('keys.active')}</td>
                  <td>{k.revoked_at ? null : <button type="button" className="button danger small" onClick={async () => { await revoke.run(k.id); keys.reload(); }}>{t('keys.revoke')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </Async>
    </section>
  );
}
