import { useEffect } from 'react';
import { useT } from '@shared/i18n.tsx';
import { Async, useAsync } from '@shared/ui.tsx';
import { api, chooseStore, session } from '../session.ts';

interface StoreRow { id: string; name: string; code: string; address: { city: string } }

/** An associate works at one store at a time; one assigned store is chosen for them. */
export function StorePicker() {
  const t = useT();
  const allowed = session.get()?.user.storeIds ?? null;
  const stores = useAsync((signal) => api.request<{ items: StoreRow[] }>('GET', '/v1/admin/stores', { signal, query: { limit: 500 } })
    .then((r) => r.items.filter((s) => !allowed || allowed.includes(s.id))), []);
  useEffect(() => {
    if (stores.data?.length === 1) chooseStore({ id: stores.data[0].id, name: stores.data[0].name, code: stores.data[0].code });
  }, [stores.data]);
  return (
    <section className="stack">
      <h1>{t('store.choose')}</h1>
      <Async state={stores} empty={<p>{t('store.none')}</p>}>
        {(items) => (
          <div className="grid">
            {items.map((s) => (
              <button key={s.id} type="button" className="card button secondary" style={{ blockSize: 'auto', flexDirection: 'column' }}
                onClick={() => chooseStore({ id: s.id, name: s.name, code: s.code })}>
                <strong>{s.name}</strong><span className="small">{s.code} · {s.address.city}</span>
              </button>
            ))}
          </div>
        )}
      </Async>
    </section>
  );
}
