import { useEffect, useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Link } from '@shared/router.tsx';
import { Async, ErrorPanel, Field, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { minorUnits } from '@shared/format.ts';
import { api } from '../session.ts';
import type { Campaign } from './Campaigns.tsx';
import { Contests } from './CampaignContests.tsx';

const KINDS = ['percent_off', 'amount_off', 'fixed_price', 'free_item', 'buy_x_get_y', 'pickup_discount', 'gift_with_purchase', 'points_multiplier'] as const;
const NEXT: Record<string, string[]> = { draft: ['active'], scheduled: ['paused', 'ended', 'draft'], active: ['paused', 'ended'], paused: ['active', 'ended'], ended: ['archived'], archived: [] };

interface Code { id: string; code: string; kind: string; offerId: string; maxRedemptions: number | null; perCustomerLimit: number | null; redemptionsCount: number; status: string }
interface CodeJob { id: string; status: string; requested: number; done: number; progress: number; error: string | null; batchId: string }

export function CampaignPage({ id }: { id: string }) {
  const campaign = useAsync((signal) => api.request<Campaign>('GET', `/v1/admin/campaigns/${id}`, { signal }), [id]);
  return <Async state={campaign}>{(c) => <CampaignView campaign={c} reload={campaign.reload} onChange={campaign.setData} />}</Async>;
}

function CampaignView({ campaign: c, reload, onChange }: { campaign: Campaign; reload(): void; onChange(c: Campaign): void }) {
  const { t, fmt } = useI18n();
  const money = (m: number | null) => (m == null ? '—' : fmt.money(m, c.currency));
  const move = useAction(async (key, to: string) => onChange(await api.post<Campaign>(`/v1/admin/campaigns/${c.id}/transition`, { to }, { idempotencyKey: key })));
  const [holdout, setHoldout] = useState(String(c.holdoutBp / 100));
  const saveHoldout = useAction(async () => onChange(await api.request<Campaign>('PATCH', `/v1/admin/campaigns/${c.id}`, { body: { holdoutBp: Math.round(Number(holdout) * 100) } })));
  return (
    <article className="stack">
      <p><Link to="/campaigns">← {t('nav.campaigns')}</Link></p>
      <div className="spread"><h1>{c.name}</h1><StatusBadge status={c.status} label={t(`campaignStatus.${c.status}`)} /></div>
      <dl className="kpis">
        <div className="card"><dt className="small muted">{t('campaign.goal')}</dt><dd style={{ margin: 0 }}>{t(`goal.${c.goal}`)}</dd></div>
        <div className="card"><dt className="small muted">{t('campaign.period')}</dt><dd style={{ margin: 0 }}>{c.startsAt ? fmt.date(c.startsAt) : '…'} – {c.endsAt ? fmt.date(c.endsAt) : '…'}</dd></div>
        <div className="card"><dt className="small muted">{t('campaign.redemptions')}</dt><dd style={{ margin: 0 }}><strong>{fmt.number(c.redemptionsCount)}</strong>{c.budgetRedemptions ? ` / ${fmt.number(c.budgetRedemptions)}` : ''}</dd></div>
        <div className="card"><dt className="small muted">{t('campaign.spent')}</dt><dd style={{ margin: 0 }}><strong>{money(c.spentMinor)}</strong>{c.budgetMinor != null ? ` / ${money(c.budgetMinor)}` : ''}</dd></div>
        <div className="card"><dt className="small muted">{t('campaign.costShort')}</dt><dd style={{ margin: 0 }}>{money(c.costMinor)}</dd></div>
      </dl>
      <div className="row">
        {(NEXT[c.status] ?? []).map((to) => <button key={to} type="button" className="button secondary" disabled={move.busy} onClick={() => void move.run(to)}>{t(`campaignMove.${to}`)}</button>)}
        <Link className="button secondary" to="/analytics">{t('nav.analytics')}</Link>
      </div>
      {move.error ? <ErrorPanel error={move.error} onRetry={move.retry} /> : null}
      <form className="card row" onSubmit={(e) => { e.preventDefault(); void saveHoldout.run(); }}>
        <Field label={t('campaign.holdout')} hint={t('campaign.holdoutHint')}><input type="number" min={0} max={90} step="0.5" value={holdout} onChange={(e) => setHoldout(e.target.value)} /></Field>
        <button type="submit" className="button secondary" disabled={saveHoldout.busy}>{t('common.save')}</button>
        {saveHoldout.error ? <ErrorPanel error={saveHoldout.error} /> : null}
      </form>
      <Offers campaign={c} onAdded={reload} />
      {c.offers?.length ? <Codes campaign={c} /> : null}
      {c.offers?.length ? <Distribution campaign={c} /> : null}
      {c.offers?.length ? <Contests campaign={c} /> : null}
    </article>
  );
}

function Offers({ campaign: c, onAdded }: { campaign: Campaign; onAdded(): void }) {
  const { t, fmt } = useI18n();
  const [form, setForm] = useState({ name: '', kind: 'percent_off' as (typeof KINDS)[number], value: '10', minSpend: '', channel: 'both' });
  const units = 10 ** minorUnits(c.currency);
  const add = useAction(async (key) => {
    const v = Number(form.value);
    const params = form.kind === 'percent_off' || form.kind === 'pickup_discount' ? { percentBp: Math.round(v * 100) }
      : form.kind === 'amount_off' ? { amountMinor: Math.round(v * units) }
        : form.kind === 'fixed_price' ? { priceMinor: Math.round(v * units) }
          : form.kind === 'points_multiplier' ? { multiplier: v }
            : form.kind === 'buy_x_get_y' ? { buyQuantity: Math.max(1, Math.round(v)), getQuantity: 1 } : {};
    await api.post(`/v1/admin/campaigns/${c.id}/offers`, {
      name: form.name, kind: form.kind, params,
      conditions: { channel: form.channel, ...(form.minSpend ? { minSpendMinor: Math.round(Number(form.minSpend) * units) } : {}) },
    }, { idempotencyKey: key });
    setForm({ ...form, name: '' });
    onAdded();
  });
  const describe = (o: NonNullable<Campaign['offers']>[number]) => {
    const p = o.params as { percentBp?: number; amountMinor?: number; priceMinor?: number; multiplier?: number };
    if (p.percentBp) return fmt.percent(p.percentBp / 10_000);
    if (p.amountMinor) return fmt.money(p.amountMinor, c.currency);
    if (p.priceMinor != null) return fmt.money(p.priceMinor, c.currency);
    if (p.multiplier) return `× ${fmt.number(p.multiplier)}`;
    return '';
  };
  return (
    <section className="card stack">
      <h2>{t('campaign.offers')}</h2>
      {c.offers?.length ? (
        <table><thead><tr><th>{t('common.name')}</th><th>{t('offer.kind')}</th><th>{t('offer.value')}</th></tr></thead>
          <tbody>{c.offers.map((o) => <tr key={o.id}><td>{o.name}</td><td>{t(`offerKind.${o.kind}`)}</td><td>{describe(o)}</td></tr>)}</tbody></table>
      ) : <p>{t('offer.none')}</p>}
      <form className="row" onSubmit={(e) => { e.preventDefault(); void add.run(); }}>
        <Field label={t('common.name')}><input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>
        <Field label={t('offer.kind')}><select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as typeof form.kind })}>{KINDS.map((k) => <option key={k} value={k}>{t(`offerKind.${k}`)}</option>)}</select></Field>
        <Field label={t('offer.value')} hint={t(`offerValueHint.${form.kind}`)}><input type="number" step="0.01" min={0} value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} /></Field>
        <Field label={t('offer.minSpend', { currency: c.currency })}><input type="number" step="0.01" min={0} value={form.minSpend} onChange={(e) => setForm({ ...form, minSpend: e.target.value })} /></Field>
        <Field label={t('offer.channel')}><select value={form.channel} onChange={(e) => setForm({ ...form, channel: e.target.value })}>{['both', 'online', 'in_store'].map((ch) => <option key={ch} value={ch}>{t(`offerChannel.${ch}`)}</option>)}</select></Field>
        <button type="submit" className="button" disabled={add.busy}>{t('offer.add')}</button>
      </form>
      {add.error ? <ErrorPanel error={add.error} onRetry={add.retry} /> : null}
    </section>
  );
}

function CodeImage({ code }: { code: string }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    api.request<Response>('GET', `/v1/admin/codes/${encodeURIComponent(code)}/qr.svg`, { raw: true })
      .then((r) => r.blob()).then((b) => { objectUrl = URL.createObjectURL(b); setUrl(objectUrl); }).catch(() => setUrl(null));
    return () => { if (objectUrl) URL.revokeObjectURL(objectUrl); };
  }, [code]);
  return url ? <img src={url} alt={t('code.qrOf', { code })} width={96} height={96} /> : null;
}

function Codes({ campaign: c }: { campaign: Campaign }) {
  const { t, fmt } = useI18n();
  const codes = useAsync((signal) => api.request<{ items: Code[]; total?: number }>('GET', `/v1/admin/campaigns/${c.id}/codes`, { signal, query: { limit: 50 } }), [c.id]);
  const offerId = c.offers![0].id;
  const [shared, setShared] = useState({ code: '', offerId, max: '', perCustomer: '1' });
  const [batch, setBatch] = useState({ count: '1000', prefix: '', offerId });
  const [job, setJob] = useState<CodeJob | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const addShared = useAction(async (key) => {
    await api.post(`/v1/admin/campaigns/${c.id}/codes`, { code: shared.code.trim(), offerId: shared.offerId, ...(shared.max ? { maxRedemptions: Number(shared.max) } : {}), ...(shared.perCustomer ? { perCustomerLimit: Number(shared.perCustomer) } : {}) }, { idempotencyKey: key });
    setShared({ ...shared, code: '' });
    codes.reload();
  });
  const generate = useAction(async (key) => {
    setJob(await api.post<CodeJob>(`/v1/admin/campaigns/${c.id}/code-batches`, { offerId: batch.offerId, count: Number(batch.count), ...(batch.prefix ? { prefix: batch.prefix } : {}) }, { idempotencyKey: key }));
  });
  // Follow the generation job until it finishes.
  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed' || job.status === 'completed') return;
    const timer = window.setTimeout(async () => {
      try { setJob(await api.get<CodeJob>(`/v1/admin/code-jobs/${job.id}`)); } catch { setJob({ ...job }); }
    }, 700);
    return () => window.clearTimeout(timer);
  }, [job]);
  useEffect(() => { if (job && job.progress >= 1) codes.reload(); }, [job?.progress]);
  const offers = c.offers!;
  return (
    <section className="card stack">
      <h2>{t('campaign.codes')}</h2>
      <form className="row" onSubmit={(e) => { e.preventDefault(); void addShared.run(); }}>
        <Field label={t('code.shared')}><input required dir="ltr" value={shared.code} onChange={(e) => setShared({ ...shared, code: e.target.value.toUpperCase() })} /></Field>
        <Field label={t('offer.title')}><select value={shared.offerId} onChange={(e) => setShared({ ...shared, offerId: e.target.value })}>{offers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></Field>
        <Field label={t('code.limit')}><input type="number" min={1} value={shared.max} onChange={(e) => setShared({ ...shared, max: e.target.value })} /></Field>
        <Field label={t('code.perCustomer')}><input type="number" min={1} value={shared.perCustomer} onChange={(e) => setShared({ ...shared, perCustomer: e.target.value })} /></Field>
        <button type="submit" className="button secondary" disabled={addShared.busy}>{t('code.createShared')}</button>
      </form>
      {addShared.error ? <ErrorPanel error={addShared.error} onRetry={addShared.retry} /> : null}
      <form className="row" onSubmit={(e) => { e.preventDefault(); void generate.run(); }}>
        <Field label={t('code.count')}><input type="number" min={1} max={1000000} required value={batch.count} onChange={(e) => setBatch({ ...batch, count: e.target.value })} /></Field>
        <Field label={t('code.prefix')}><input dir="ltr" value={batch.prefix} onChange={(e) => setBatch({ ...batch, prefix: e.target.value.toUpperCase() })} /></Field>
        <Field label={t('offer.title')}><select value={batch.offerId} onChange={(e) => setBatch({ ...batch, offerId: e.target.value })}>{offers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></Field>
        <button type="submit" className="button secondary" disabled={generate.busy || (job != null && job.progress < 1 && job.status !== 'failed')}>{t('code.generate')}</button>
      </form>
      {generate.error ? <ErrorPanel error={generate.error} onRetry={generate.retry} /> : null}
      {job ? (
        <div className="stack" style={{ gap: 4 }}>
          <div className="progress" role="progressbar" aria-label={t('code.progress')} aria-valuemin={0} aria-valuemax={job.requested} aria-valuenow={job.done}><span style={{ inlineSize: `${Math.round(job.progress * 100)}%` }} /></div>
          <span className="small" role="status">{job.error ? t('code.failed') : t('code.progressText', { done: job.done, requested: job.requested })}</span>
        </div>
      ) : null}
      <Async state={codes}>
        {(r) => (r.items.length === 0 ? <p>{t('common.none')}</p> : (
          <>
            {r.total != null ? <p className="small muted">{t('code.total', { count: r.total })}</p> : null}
            <table><thead><tr><th>{t('common.code')}</th><th>{t('code.kind')}</th><th className="num">{t('campaign.redemptions')}</th><th>{t('common.status')}</th><th /></tr></thead>
              <tbody>{r.items.map((k) => (
                <tr key={k.id}><td className="code" dir="ltr">{k.code}</td><td>{t(`codeKind.${k.kind}`)}</td>
                  <td className="num">{fmt.number(k.redemptionsCount)}{k.maxRedemptions ? ` / ${fmt.number(k.maxRedemptions)}` : ''}</td>
                  <td>{t(`codeStatus.${k.status}`)}</td>
                  <td><button type="button" className="button secondary small" onClick={() => setPreview(preview === k.code ? null : k.code)}>{t('code.qr')}</button>{preview === k.code ? <CodeImage code={k.code} /> : null}</td></tr>
              ))}</tbody></table>
          </>
        ))}
      </Async>
    </section>
  );
}

interface TrackingLink { id: string; slug: string; url: string; channel: string; source: string; clicks?: number }
interface SendSummary { audience?: number; holdout?: number; sent?: number; skippedNoConsent?: number; skippedNoContact?: number }

/** Distribution: short tracking links per channel and source, and sending codes to a segment (holdout kept out). */
function Distribution({ campaign: c }: { campaign: Campaign }) {
  const { t, fmt } = useI18n();
  const links = useAsync((signal) => api.request<{ items: TrackingLink[] }>('GET', `/v1/admin/campaigns/${c.id}/links`, { signal }).then((r) => r.items), [c.id]);
  const segments = useAsync((signal) => api.request<{ items: { id: string; name: string; memberCount: number }[] }>('GET', '/v1/admin/segments', { signal }).then((r) => r.items), []);
  const [link, setLink] = useState({ channel: 'email', source: '' });
  const [send, setSend] = useState({ segmentId: '', channel: 'email' as 'email' | 'sms' });
  const [sent, setSent] = useState<SendSummary | null>(null);
  const addLink = useAction(async (key) => { await api.post(`/v1/admin/campaigns/${c.id}/links`, { channel: link.channel, ...(link.source ? { source: link.source } : {}) }, { idempotencyKey: key }); setLink({ ...link, source: '' }); links.reload(); });
  const doSend = useAction(async (key) => setSent(await api.post<SendSummary>(`/v1/admin/campaigns/${c.id}/sends`, { segmentId: send.segmentId, channel: send.channel }, { idempotencyKey: key })));
  return (
    <section className="card stack">
      <h2>{t('campaign.distribution')}</h2>
      <h3>{t('links.title')}</h3>
      <Async state={links} empty={<p>{t('common.none')}</p>}>
        {(items) => (
          <table><thead><tr><th>{t('links.url')}</th><th>{t('analytics.channel')}</th><th>{t('links.source')}</th><th className="num">{t('funnel.clicks')}</th></tr></thead>
            <tbody>{items.map((l) => <tr key={l.id}><td dir="ltr"><a href={l.url} data-testid="tracking-link">{l.url}</a></td><td>{t(`channel.${l.channel}`)}</td><td>{l.source}</td><td className="num">{fmt.number(l.clicks ?? 0)}</td></tr>)}</tbody></table>
        )}
      </Async>
      <form className="row" onSubmit={(e) => { e.preventDefault(); void addLink.run(); }}>
        <Field label={t('analytics.channel')}><select value={link.channel} onChange={(e) => setLink({ ...link, channel: e.target.value })}>{['email', 'sms', 'social', 'ads', 'referral', 'web'].map((ch) => <option key={ch} value={ch}>{t(`channel.${ch}`)}</option>)}</select></Field>
        <Field label={t('links.source')}><input value={link.source} onChange={(e) => setLink({ ...link, source: e.target.value })} dir="ltr" /></Field>
        <button type="submit" className="button secondary" disabled={addLink.busy}>{t('links.create')}</button>
      </form>
      {addLink.error ? <ErrorPanel error={addLink.error} onRetry={addLink.retry} /> : null}
      <h3>{t('sends.title')}</h3>
      <form className="row" onSubmit={(e) => { e.preventDefault(); void doSend.run(); }}>
        <Field label={t('nav.segments')}><select required value={send.segmentId} onChange={(e) => setSend({ ...send, segmentId: e.target.value })}><option value="">—</option>{(segments.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name} ({fmt.number(s.memberCount)})</option>)}</select></Field>
        <Field label={t('analytics.channel')}><select value={send.channel} onChange={(e) => setSend({ ...send, channel: e.target.value as 'email' | 'sms' })}><option value="email">{t('channel.email')}</option><option value="sms">{t('channel.sms')}</option></select></Field>
        <button type="submit" className="button secondary" disabled={doSend.busy}>{t('sends.send')}</button>
      </form>
      {doSend.error ? <ErrorPanel error={doSend.error} onRetry={doSend.retry} /> : null}
      {sent ? <p className="notice ok" role="status">{t('sends.summary', { sent: sent.sent ?? 0, holdout: sent.holdout ?? 0, noConsent: sent.skippedNoConsent ?? 0, noContact: sent.skippedNoContact ?? 0 })}</p> : null}
    </section>
  );
}
