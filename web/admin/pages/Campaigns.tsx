import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Link, navigate } from '@shared/router.tsx';
import { Async, ErrorPanel, Field, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { minorUnits } from '@shared/format.ts';
import { api, session } from '../session.ts';

export interface Campaign {
  id: string; name: string; goal: string; channels: string[]; startsAt: string | null; endsAt: string | null; storeIds: string[] | null;
  currency: string; budgetMinor: number | null; budgetRedemptions: number | null; spentMinor: number; redemptionsCount: number; costMinor: number;
  holdoutBp: number; radiusM: number | null; landingPath: string | null; status: string; createdAt: string;
  offers?: { id: string; name: string; kind: string; params: Record<string, unknown>; conditions: Record<string, unknown>; stackable: boolean; priority: number }[];
}

export const GOALS = ['footfall', 'acquisition', 'retention', 'reactivation', 'awareness', 'clearance', 'sales'] as const;
export const CHANNELS = ['email', 'sms', 'social', 'ads', 'referral', 'contest', 'geo', 'in_app', 'web', 'in_store'] as const;

export function CampaignsPage() {
  const { t, fmt } = useI18n();
  const campaigns = useAsync((signal) => api.request<{ items: Campaign[] }>('GET', '/v1/admin/campaigns', { signal, query: { limit: 200 } }).then((r) => r.items), []);
  const currency = session.get()?.merchant.currency ?? 'MYR';
  const [form, setForm] = useState({ name: '', goal: 'footfall', channels: ['email'] as string[], startsAt: '', endsAt: '', budget: '', cost: '', holdout: '10' });
  const toMinor = (v: string) => Math.round(Number(v) * 10 ** minorUnits(currency));
  const create = useAction(async (key) => {
    const c = await api.post<Campaign>('/v1/admin/campaigns', {
      name: form.name, goal: form.goal, channels: form.channels, currency,
      ...(form.startsAt ? { startsAt: new Date(form.startsAt).toISOString() } : {}), ...(form.endsAt ? { endsAt: new Date(form.endsAt).toISOString() } : {}),
      ...(form.budget ? { budgetMinor: toMinor(form.budget) } : {}), ...(form.cost ? { costMinor: toMinor(form.cost) } : {}),
      holdoutBp: Math.round(Number(form.holdout || 0) * 100),
    }, { idempotencyKey: key });
    navigate(`/campaigns/${c.id}`);
  });
  return (
    <section className="stack">
      <h1>{t('nav.campaigns')}</h1>
      <Async state={campaigns} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <div className="table-wrap"><table>
            <thead><tr><th>{t('common.name')}</th><th>{t('campaign.goal')}</th><th>{t('campaign.channels')}</th><th>{t('campaign.period')}</th><th className="num">{t('campaign.redemptions')}</th><th className="num">{t('campaign.spent')}</th><th>{t('common.status')}</th></tr></thead>
            <tbody>{items.map((c) => (
              <tr key={c.id}>
                <td><Link to={`/campaigns/${c.id}`}>{c.name}</Link></td><td>{t(`goal.${c.goal}`)}</td>
                <td className="small">{c.channels.map((ch) => t(`channel.${ch}`)).join(', ')}</td>
                <td className="small">{c.startsAt ? fmt.date(c.startsAt) : '…'} – {c.endsAt ? fmt.date(c.endsAt) : '…'}</td>
                <td className="num">{fmt.number(c.redemptionsCount)}</td><td className="num">{fmt.money(c.spentMinor, c.currency)}</td>
                <td><StatusBadge status={c.status} label={t(`campaignStatus.${c.status}`)} /></td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </Async>
      <form className="card stack" onSubmit={(e) => { e.preventDefault(); void create.run(); }}>
        <h2>{t('campaign.new')}</h2>
        <div className="row">
          <Field label={t('common.name')}><input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>
          <Field label={t('campaign.goal')}><select value={form.goal} onChange={(e) => setForm({ ...form, goal: e.target.value })}>{GOALS.map((g) => <option key={g} value={g}>{t(`goal.${g}`)}</option>)}</select></Field>
          <Field label={t('campaign.starts')}><input type="datetime-local" value={form.startsAt} onChange={(e) => setForm({ ...form, startsAt: e.target.value })} /></Field>
          <Field label={t('campaign.ends')}><input type="datetime-local" value={form.endsAt} onChange={(e) => setForm({ ...form, endsAt: e.target.value })} /></Field>
        </div>
        <fieldset className="row"><legend>{t('campaign.channels')}</legend>
          {CHANNELS.map((ch) => (
            <label key={ch} className="choice"><input type="checkbox" checked={form.channels.includes(ch)}
              onChange={(e) => setForm({ ...form, channels: e.target.checked ? [...form.channels, ch] : form.channels.filter((x) => x !== ch) })} />{t(`channel.${ch}`)}</label>
          ))}
        </fieldset>
        <div className="row">
          <Field label={t('campaign.budget', { currency })}><input type="number" min={0} step="0.01" value={form.budget} onChange={(e) => setForm({ ...form, budget: e.target.value })} /></Field>
          <Field label={t('campaign.cost', { currency })}><input type="number" min={0} step="0.01" value={form.cost} onChange={(e) => setForm({ ...form, cost: e.target.value })} /></Field>
          <Field label={t('campaign.holdout')} hint={t('campaign.holdoutHint')}><input type="number" min={0} max={90} step="0.5" value={form.holdout} onChange={(e) => setForm({ ...form, holdout: e.target.value })} /></Field>
        </div>
        {create.error ? <ErrorPanel error={create.error} onRetry={create.retry} /> : null}
        <button type="submit" className="button" disabled={create.busy}>{t('common.create')}</button>
      </form>
    </section>
  );
}
