import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';
import { useStores } from '../stores.ts';

interface StaffUser { id: string; email: string; name: string; role: string; store_ids: string[] | null }
const ROLES = ['owner', 'admin', 'manager', 'associate'] as const;

export function StaffPage() {
  const { t } = useI18n();
  const users = useAsync((signal) => api.request<{ items: StaffUser[] }>('GET', '/v1/admin/staff', { signal }).then((r) => r.items), []);
  const stores = useStores();
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'associate' as (typeof ROLES)[number], storeId: '' });
  const create = useAction((key) => api.post('/v1/admin/staff', {
    email: form.email, name: form.name, password: form.password, role: form.role, ...(form.storeId ? { storeIds: [form.storeId] } : {}),
  }, { idempotencyKey: key }));
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section className="stack">
      <h1>{t('nav.staff')}</h1>
      <form className="card" onSubmit={async (e) => { e.preventDefault(); if (await create.run()) { setForm({ ...form, email: '', name: '', password: '' }); users.reload(); } }}>
        <h2>{t('staff.new')}</h2>
        <div className="row">
          <Field label={t('common.name')}><input required value={form.name} onChange={set('name')} /></Field>
          <Field label={t('common.email')}><input type="email" required value={form.email} onChange={set('email')} dir="ltr" /></Field>
          <Field label={t('common.password')} hint={t('staff.passwordHint')}><input type="password" required minLength={8} value={form.password} onChange={set('password')} dir="ltr" autoComplete="new-password" /></Field>
          <Field label={t('staff.role')}><select value={form.role} onChange={set('role')}>{ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select></Field>
          <Field label={t('common.store')}><select value={form.storeId} onChange={set('storeId')}><option value="">{t('staff.allStores')}</option>{(stores.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select></Field>
        </div>
        {create.error ? <ErrorPanel error={create.error} onRetry={create.retry} /> : null}
        <button className="button" type="submit" disabled={create.busy}>{t('common.create')}</button>
      </form>
      <Async state={users}>
        {(items) => (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('common.name')}</th><th>{t('common.email')}</th><th>{t('staff.role')}</th><th>{t('common.store')}</th></tr></thead>
            <tbody>{items.map((u) => (
              <tr key={u.id}><td>{u.name}</td><td dir="ltr">{u.email}</td><td>{t(`role.${u.role}`)}</td>
                <td>{u.store_ids?.length ? u.store_ids.map((id) => stores.data?.find((s) => s.id === id)?.name ?? '').join(', ') : t('staff.allStores')}</td></tr>
            ))}</tbody>
          </table></div>
        )}
      </Async>
    </section>
  );
}
