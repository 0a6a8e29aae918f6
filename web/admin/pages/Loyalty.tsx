import { useEffect, useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, useAction, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';

interface Program {
  settings: { pointsPerUnit: number; pointValueMinor: number; expiryDays: number | null; maxRedeemBp: number };
  tiers: { id: string; name: string; thresholdPoints: number; earnMultiplierBp: number; benefits: string[] }[];
  rules: { id: string; kind: string; categoryId: string | null; campaignId: string | null; multiplierBp: number }[];
}

export function LoyaltyPage() {
  const { t } = useI18n();
  const program = useAsync((signal) => api.request<Program>('GET', '/v1/admin/loyalty', { signal }), []);
  return (
    <section className="stack">
      <h1>{t('nav.loyalty')}</h1>
      <Async state={program}>{(p) => <ProgramView program={p} onChange={program.setData} />}</Async>
    </section>
  );
}

function ProgramView({ program: p, onChange }: { program: Program; onChange(p: Program): void }) {
  const { t, fmt } = useI18n();
  const [s, setS] = useState({ pointsPerUnit: String(p.settings.pointsPerUnit), pointValueMinor: String(p.settings.pointValueMinor), expiryDays: p.settings.expiryDays == null ? '' : String(p.settings.expiryDays), maxRedeem: String(p.settings.maxRedeemBp / 100) });
  useEffect(() => setS({ pointsPerUnit: String(p.settings.pointsPerUnit), pointValueMinor: String(p.settings.pointValueMinor), expiryDays: p.settings.expiryDays == null ? '' : String(p.settings.expiryDays), maxRedeem: String(p.settings.maxRedeemBp / 100) }), [p.settings]);
  const [tier, setTier] = useState({ name: '', threshold: '', multiplier: '1', benefits: '' });
  const save = useAction(async () => onChange(await api.request<Program>('PUT', '/v1/admin/loyalty/settings', { body: {
    pointsPerUnit: Number(s.pointsPerUnit), pointValueMinor: Number(s.pointValueMinor), expiryDays: s.expiryDays ? Number(s.expiryDays) : null, maxRedeemBp: Math.round(Number(s.maxRedeem) * 100),
  } })));
  const addTier = useAction(async (key) => {
    onChange(await api.post<Program>('/v1/admin/loyalty/tiers', { name: tier.name, thresholdPoints: Number(tier.threshold), earnMultiplierBp: Math.round(Number(tier.multiplier) * 10_000), benefits: tier.benefits.split('\n').map((b) => b.trim()).filter(Boolean) }, { idempotencyKey: key }));
    setTier({ name: '', threshold: '', multiplier: '1', benefits: '' });
  });
  return (
    <>
      <form className="card stack" onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
        <h2>{t('loyalty.settings')}</h2>
        <div className="row">
          <Field label={t('loyalty.pointsPerUnit')}><input type="number" min={0} value={s.pointsPerUnit} onChange={(e) => setS({ ...s, pointsPerUnit: e.target.value })} /></Field>
          <Field label={t('loyalty.pointValue')}><input type="number" min={1} value={s.pointValueMinor} onChange={(e) => setS({ ...s, pointValueMinor: e.target.value })} /></Field>
          <Field label={t('loyalty.expiryDays')} hint={t('loyalty.expiryHint')}><input type="number" min={1} value={s.expiryDays} onChange={(e) => setS({ ...s, expiryDays: e.target.value })} /></Field>
          <Field label={t('loyalty.maxRedeem')}><input type="number" min={0} max={100} value={s.maxRedeem} onChange={(e) => setS({ ...s, maxRedeem: e.target.value })} /></Field>
        </div>
        {save.error ? <ErrorPanel error={save.error} onRetry={save.retry} /> : null}
        <button type="submit" className="button" disabled={save.busy}>{t('common.save')}</button>
      </form>
      <section className="card stack">
        <h2>{t('loyalty.tiers')}</h2>
        {p.tiers.length ? (
          <table><thead><tr><th>{t('common.name')}</th><th className="num">{t('loyalty.threshold')}</th><th className="num">{t('loyalty.multiplier')}</th><th>{t('loyalty.benefits')}</th></tr></thead>
            <tbody>{p.tiers.map((x) => <tr key={x.id}><td>{x.name}</td><td className="num">{fmt.number(x.thresholdPoints)}</td><td className="num">× {fmt.number(x.earnMultiplierBp / 10_000)}</td><td className="small">{x.benefits.join(' · ')}</td></tr>)}</tbody></table>
        ) : <p>{t('common.none')}</p>}
        <form className="row" onSubmit={(e) => { e.preventDefault(); void addTier.run(); }}>
          <Field label={t('common.name')}><input required value={tier.name} onChange={(e) => setTier({ ...tier, name: e.target.value })} /></Field>
          <Field label={t('loyalty.threshold')}><input required type="number" min={0} value={tier.threshold} onChange={(e) => setTier({ ...tier, threshold: e.target.value })} /></Field>
          <Field label={t('loyalty.multiplier')}><input type="number" min={1} step="0.1" value={tier.multiplier} onChange={(e) => setTier({ ...tier, multiplier: e.target.value })} /></Field>
          <Field label={t('loyalty.benefits')} hint={t('loyalty.benefitsHint')}><textarea rows={2} value={tier.benefits} onChange={(e) => setTier({ ...tier, benefits: e.target.value })} /></Field>
          <button type="submit" className="button secondary" disabled={addTier.busy}>{t('loyalty.addTier')}</button>
        </form>
        {addTier.error ? <ErrorPanel error={addTier.error} onRetry={addTier.retry} /> : null}
      </section>
      {p.rules.length ? (
        <section className="card"><h2>{t('loyalty.rules')}</h2>
          <ul>{p.rules.map((r) => <li key={r.id}>{t(`loyalty.ruleKind.${r.kind}`)} · × {fmt.number(r.multiplierBp / 10_000)}</li>)}</ul>
        </section>
      ) : null}
    </>
  );
}
