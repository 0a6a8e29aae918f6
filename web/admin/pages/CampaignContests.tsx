import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';
import type { Campaign } from './Campaigns.tsx';

interface Contest {
  id: string; name: string; winnersCount: number; closesAt: string | null; status: string; seedCommitment: string; entrants: number | null;
  seed?: string; drawnAt?: string | null; winners?: string[];
}

/** A campaign's contests and giveaways: create one with a prize offer, follow its entries, draw the winners. */
export function Contests({ campaign: c }: { campaign: Campaign }) {
  const { t, fmt } = useI18n();
  const offers = c.offers ?? [];
  const contests = useAsync((signal) => api.request<{ items: Contest[] }>('GET', `/v1/admin/campaigns/${c.id}/contests`, { signal }).then((r) => r.items), [c.id]);
  const [form, setForm] = useState({ name: '', winners: '3', offerId: offers[0]?.id ?? '' });
  const create = useAction(async (key) => {
    await api.post(`/v1/admin/campaigns/${c.id}/contests`, { name: form.name.trim(), winnersCount: Number(form.winners), offerId: form.offerId || offers[0].id }, { idempotencyKey: key });
    setForm({ ...form, name: '' });
    contests.reload();
  });
  const draw = useAction(async (key, id: string) => {
    await api.post(`/v1/admin/contests/${id}/draw`, {}, { idempotencyKey: key });
    contests.reload();
  });
  return (
    <section className="card stack">
      <h2>{t('contests.title')}</h2>
      <Async state={contests} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('common.name')}</th><th className="num">{t('contests.entrants')}</th><th className="num">{t('contests.winners')}</th><th>{t('common.status')}</th><th /></tr></thead>
            <tbody>{items.map((x) => (
              <tr key={x.id}>
                <td>{x.name}<div className="small code" dir="ltr" title={t('contests.commitment')}>{x.seedCommitment.slice(0, 16)}…</div></td>
                <td className="num" data-testid="contest-entrants">{fmt.number(x.entrants ?? 0)}</td>
                <td className="num">{x.winners ? fmt.number(x.winners.length) : fmt.number(x.winnersCount)}</td>
                <td><StatusBadge status={x.status} label={t(`contestStatus.${x.status}`)} />{x.drawnAt ? <div className="small">{fmt.dateTime(x.drawnAt)}</div> : null}</td>
                <td>{x.status === 'drawn'
                  ? <span className="small code" dir="ltr" title={t('contests.seed')}>{x.seed?.slice(0, 16)}…</span>
                  : <button type="button" className="button secondary small" disabled={draw.busy || !x.entrants} onClick={() => void draw.run(x.id)}>{t('contests.draw')}</button>}</td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </Async>
      {draw.error ? <ErrorPanel error={draw.error} onRetry={draw.retry} /> : null}
      <form className="row" onSubmit={(e) => { e.preventDefault(); void create.run(); }}>
        <Field label={t('contests.name')}><input required maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>
        <Field label={t('contests.winnersCount')}><input required type="number" min={1} max={10000} value={form.winners} onChange={(e) => setForm({ ...form, winners: e.target.value })} style={{ inlineSize: 90 }} /></Field>
        <Field label={t('contests.prize')}><select value={form.offerId} onChange={(e) => setForm({ ...form, offerId: e.target.value })}>{offers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></Field>
        <button type="submit" className="button" disabled={create.busy}>{t('contests.create')}</button>
      </form>
      {create.error ? <ErrorPanel error={create.error} onRetry={create.retry} /> : null}
    </section>
  );
}
