import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';
import { useStores } from '../stores.ts';

interface Segment { id: string; name: string; description: string; rules: Rule[]; memberCount: number; refreshedAt: string | null }
type Rule = Record<string, unknown> & { type: string };
const TYPES = ['purchased', 'never_purchased', 'near_store', 'tier', 'claimed_not_redeemed', 'consent', 'postcode_prefix', 'points_at_least'] as const;

function defaults(type: string, storeId: string): Rule {
  switch (type) {
    case 'purchased': case 'never_purchased': return { type, channel: 'store', withinDays: 90 };
    case 'near_store': return { type, storeId, km: 5 };
    case 'tier': return { type, tier: 'gold' };
    case 'consent': return { type, purpose: 'marketing_email' };
    case 'postcode_prefix': return { type, prefix: '50' };
    case 'points_at_least': return { type, points: 100 };
    default: return { type };
  }
}

/** Rule-based segments ("bought online in 90 days but never in a store", "within 5 km of a store", …). */
export function SegmentsPage() {
  const { t, fmt } = useI18n();
  const stores = useStores();
  const list = useAsync((signal) => api.request<{ items: Segment[] }>('GET', '/v1/admin/segments', { signal }).then((r) => r.items), []);
  const [name, setName] = useState('');
  const [rules, setRules] = useState<Rule[]>([{ type: 'purchased', channel: 'online', withinDays: 90 }, { type: 'never_purchased', channel: 'store' }]);
  const [preview, setPreview] = useState<number | null>(null);
  const firstStore = stores.data?.[0]?.id ?? '';
  const doPreview = useAction(async () => setPreview((await api.post<{ count: number }>('/v1/admin/segments/preview', { rules })).count));
  const save = useAction(async (key) => { await api.post('/v1/admin/segments', { name, rules }, { idempotencyKey: key }); setName(''); list.reload(); });
  const refresh = useAction(async (key, id: string) => { await api.post(`/v1/admin/segments/${id}/refresh`, undefined, { idempotencyKey: key }); list.reload(); });
  const setRule = (i: number, patch: Record<string, unknown>) => { setPreview(null); setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r))); };
  return (
    <section className="stack">
      <h1>{t('nav.segments')}</h1>
      <Async state={list} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <table><thead><tr><th>{t('common.name')}</th><th className="num">{t('segments.members')}</th><th>{t('segments.refreshed')}</th><th /></tr></thead>
            <tbody>{items.map((s) => (
              <tr key={s.id}><td>{s.name}<div className="small muted">{s.rules.map((r) => t(`rule.${r.type}`)).join(' · ')}</div></td>
                <td className="num">{fmt.number(s.memberCount)}</td><td>{s.refreshedAt ? fmt.dateTime(s.refreshedAt) : '—'}</td>
                <td><button type="button" className="button secondary small" onClick={() => void refresh.run(s.id)}>{t('common.refresh')}</button></td></tr>
            ))}</tbody></table>
        )}
      </Async>
      {refresh.error ? <ErrorPanel error={refresh.error} /> : null}
      <form className="card stack" onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
        <h2>{t('segments.new')}</h2>
        <Field label={t('common.name')}><input required value={name} onChange={(e) => setName(e.target.value)} /></Field>
        {rules.map((r, i) => (
          <fieldset key={i} className="row">
            <legend>{t('segments.rule', { n: i + 1 })}</legend>
            <select aria-label={t('segments.ruleType')} value={r.type} onChange={(e) => { setPreview(null); setRules(rules.map((x, j) => (j === i ? defaults(e.target.value, firstStore) : x))); }}>
              {TYPES.map((ty) => <option key={ty} value={ty}>{t(`rule.${ty}`)}</option>)}
            </select>
            {'channel' in r ? <select aria-label={t('segments.channel')} value={String(r.channel)} onChange={(e) => setRule(i, { channel: e.target.value })}>{['online', 'store', 'any'].map((c) => <option key={c} value={c}>{t(`segChannel.${c}`)}</option>)}</select> : null}
            {'withinDays' in r ? <label className="row small">{t('segments.withinDays')}<input type="number" min={1} value={Number(r.withinDays)} onChange={(e) => setRule(i, { withinDays: Number(e.target.value) })} style={{ inlineSize: 90 }} /></label> : null}
            {'storeId' in r ? <select aria-label={t('common.store')} value={String(r.storeId)} onChange={(e) => setRule(i, { storeId: e.target.value })}>{(stores.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select> : null}
            {'km' in r ? <label className="row small">{t('segments.km')}<input type="number" min={0.1} step="0.1" value={Number(r.km)} onChange={(e) => setRule(i, { km: Number(e.target.value) })} style={{ inlineSize: 90 }} /></label> : null}
            {'tier' in r ? <input aria-label={t('segments.tier')} value={String(r.tier)} onChange={(e) => setRule(i, { tier: e.target.value })} /> : null}
            {'purpose' in r ? <select aria-label={t('segments.purpose')} value={String(r.purpose)} onChange={(e) => setRule(i, { purpose: e.target.value })}>{['marketing_email', 'marketing_sms', 'location', 'analytics'].map((p) => <option key={p} value={p}>{t(`consent.${p}`)}</option>)}</select> : null}
            {'prefix' in r ? <input aria-label={t('stores.postcode')} dir="ltr" value={String(r.prefix)} onChange={(e) => setRule(i, { prefix: e.target.value })} /> : null}
            {'points' in r ? <input aria-label={t('segments.points')} type="number" min={0} value={Number(r.points)} onChange={(e) => setRule(i, { points: Number(e.target.value) })} /> : null}
            {rules.length > 1 ? <button type="button" className="button secondary small" onClick={() => setRules(rules.filter((_, j) => j !== i))}>{t('common.remove')}</button> : null}
          </fieldset>
        ))}
        <div className="row">
          <button type="button" className="button secondary" onClick={() => setRules([...rules, defaults('tier', firstStore)])}>{t('segments.addRule')}</button>
          <button type="button" className="button secondary" disabled={doPreview.busy} onClick={() => void doPreview.run()}>{t('segments.preview')}</button>
          {preview != null ? <span role="status">{t('segments.previewCount', { count: preview })}</span> : null}
        </div>
        {doPreview.error ? <ErrorPanel error={doPreview.error} /> : null}
        {save.error ? <ErrorPanel error={save.error} onRetry={save.retry} /> : null}
        <button type="submit" className="button" disabled={save.busy}>{t('common.save')}</button>
      </form>
    </section>
  );
}
