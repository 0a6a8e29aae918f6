import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, useAsync } from '@shared/ui.tsx';
import { BarChart, ChartCard, Funnel, Legend, LiftChart, LineChart, RedemptionMap } from '../charts.tsx';
import { api } from '../session.ts';
import { useStores } from '../stores.ts';

const MODELS = ['blended', 'code', 'last_touch', 'first_touch', 'linear', 'time_decay'] as const;

interface CampaignRow { id: string; name: string; status: string; currency: string }
interface Report {
  campaign: { id: string; name: string; currency: string; costMinor: number; holdoutBp: number };
  funnel: { reach: number; clicks: number; claims: number; redemptions: number; inStoreRedemptions: number; storeVisits: number; revenueMinor: number };
  redemptionRate: number | null; discountGivenMinor: number; attributedRevenueMinor: number; attributedMarginMinor: number; roi: number | null; roas: number | null;
  lift: { treatment: { audience: number; converters: number }; holdout: { audience: number; converters: number };
    result: { treatmentRate: number; holdoutRate: number; absoluteLift: number; relativeLift: number | null; confidence95: { low: number; high: number }; significant: boolean; incrementalRevenueMinor: number } | null };
  byChannel: { channel: string; conversions: number; revenueMinor: number }[];
  byStore: { storeId: string | null; conversions: number; revenueMinor: number }[];
  byDay: { day: string; reach: number; clicks: number; claims: number; redemptions: number; revenueMinor: number }[];
}
interface Redemptions { byStore: { storeId: string | null; channel: string; redemptions: number; discountMinor: number }[] }

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Campaign dashboards: funnel, revenue and ROI over time, attribution by channel and store, lift, map. */
export function AnalyticsPage() {
  const { t } = useI18n();
  const campaigns = useAsync((signal) => api.request<{ items: CampaignRow[] }>('GET', '/v1/admin/campaigns', { signal, query: { limit: 200 } }).then((r) => r.items), []);
  const [campaignId, setCampaignId] = useState('');
  const [model, setModel] = useState<(typeof MODELS)[number]>('blended');
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 29 * 864e5)));
  const [to, setTo] = useState(isoDay(new Date()));
  const chosen = campaignId || campaigns.data?.find((c) => c.status === 'active')?.id || campaigns.data?.[0]?.id || '';
  return (
    <section className="stack">
      <h1>{t('nav.analytics')}</h1>
      <Async state={campaigns}>
        {(items) => (items.length === 0 ? <p>{t('analytics.noCampaigns')}</p> : (
          <>
            <div className="row card surface">
              <label className="field"><span className="field-label">{t('analytics.campaign')}</span>
                <select aria-label={t('analytics.campaign')} value={chosen} onChange={(e) => setCampaignId(e.target.value)}>{items.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select></label>
              <label className="field"><span className="field-label">{t('analytics.model')}</span>
                <select aria-label={t('analytics.model')} value={model} onChange={(e) => setModel(e.target.value as typeof model)}>{MODELS.map((m) => <option key={m} value={m}>{t(`model.${m}`)}</option>)}</select></label>
              <label className="field"><span className="field-label">{t('analytics.from')}</span><input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} /></label>
              <label className="field"><span className="field-label">{t('analytics.to')}</span><input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} /></label>
            </div>
            {chosen ? <CampaignDashboard id={chosen} model={model} from={from} to={to} /> : null}
          </>
        ))}
      </Async>
    </section>
  );
}

function CampaignDashboard({ id, model, from, to }: { id: string; model: string; from: string; to: string }) {
  const report = useAsync((signal) => api.request<Report>('GET', `/v1/admin/analytics/campaigns/${id}`, { signal, query: { model, from, to } }), [id, model, from, to]);
  const redemptions = useAsync((signal) => api.request<Redemptions>('GET', `/v1/admin/campaigns/${id}/report`, { signal }), [id]);
  return <Async state={report}>{(r) => <Dashboard r={r} redemptions={redemptions.data} />}</Async>;
}

function Dashboard({ r, redemptions }: { r: Report; redemptions?: Redemptions }) {
  const { t, fmt } = useI18n();
  const stores = useStores();
  const cur = r.campaign.currency;
  const money = (m: number) => fmt.money(m, cur);
  const storeName = (id: string | null) => (id ? stores.data?.find((s) => s.id === id)?.name ?? id.slice(0, 8) : t('analytics.online'));
  const slug = r.campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || r.campaign.id;
  const f = r.funnel;
  const steps = [
    { label: t('funnel.reach'), value: f.reach }, { label: t('funnel.clicks'), value: f.clicks }, { label: t('funnel.claims'), value: f.claims },
    { label: t('funnel.storeVisits'), value: f.storeVisits }, { label: t('funnel.redemptions'), value: f.redemptions },
  ];
  // ROI to date: the attributed margin so far (at the period's margin rate) against the campaign's cost.
  const marginRate = r.attributedRevenueMinor ? r.attributedMarginMinor / r.attributedRevenueMinor : 0;
  let cumulative = 0;
  const roiSeries = r.byDay.map((d) => {
    cumulative += d.revenueMinor;
    return { x: d.day, y: r.campaign.costMinor ? (cumulative * marginRate - r.campaign.costMinor) / r.campaign.costMinor : 0 };
  });
  const lift = r.lift.result;
  const mapPoints = (stores.data ?? []).map((s) => ({
    label: s.name, lat: s.lat, lng: s.lng,
    value: (redemptions?.byStore ?? []).filter((x) => x.storeId === s.id).reduce((n, x) => n + x.redemptions, 0),
  })).filter((p) => p.value > 0);

  return (
    <div className="stack">
      <div className="kpis">
        <div className="card"><span className="small muted">{t('kpi.revenue')}</span><strong data-testid="kpi-revenue">{money(r.attributedRevenueMinor)}</strong></div>
        <div className="card"><span className="small muted">{t('kpi.roi')}</span><strong>{r.roi == null ? '—' : fmt.percent(r.roi)}</strong></div>
        <div className="card"><span className="small muted">{t('kpi.redemptions')}</span><strong data-testid="kpi-redemptions">{fmt.number(f.redemptions)}</strong></div>
        <div className="card"><span className="small muted">{t('kpi.redemptionRate')}</span><strong>{r.redemptionRate == null ? '—' : fmt.percent(r.redemptionRate)}</strong></div>
        <div className="card"><span className="small muted">{t('kpi.discount')}</span><strong>{money(r.discountGivenMinor)}</strong></div>
        <div className="card"><span className="small muted">{t('kpi.cost')}</span><strong>{money(r.campaign.costMinor)}</strong></div>
      </div>

      <ChartCard title={t('chart.funnel')} filename={`${slug}-funnel.csv`} csv={[[t('chart.step'), t('chart.count')], ...steps.map((s) => [s.label, s.value]), [t('kpi.revenue'), f.revenueMinor / 100]]}
        table={<table><tbody>{steps.map((s) => <tr key={s.label}><th>{s.label}</th><td className="num">{fmt.number(s.value)}</td></tr>)}</tbody></table>}>
        <Funnel steps={steps} label={t('chart.funnel')} />
      </ChartCard>

      <ChartCard title={t('chart.revenueOverTime')} filename={`${slug}-revenue-roi.csv`}
        csv={[[t('common.date'), t('kpi.revenue'), t('kpi.roi'), t('funnel.redemptions')], ...r.byDay.map((d, i) => [d.day, d.revenueMinor / 100, roiSeries[i].y.toFixed(4), d.redemptions])]}>
        <Legend labels={[t('kpi.revenue')]} />
        <LineChart series={[{ label: t('kpi.revenue'), points: r.byDay.map((d) => ({ x: d.day, y: d.revenueMinor })) }]} format={(v) => money(v)} label={t('chart.revenueOverTime')} />
        <Legend labels={[t('chart.roiToDate')]} />
        <LineChart series={[{ label: t('chart.roiToDate'), points: roiSeries }]} format={(v) => fmt.percent(v, 0)} label={t('chart.roiToDate')} />
      </ChartCard>

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 380px), 1fr))' }}>
        <ChartCard title={t('chart.byChannel')} filename={`${slug}-attribution-channel.csv`} csv={[[t('analytics.channel'), t('chart.conversions'), t('kpi.revenue')], ...r.byChannel.map((c) => [c.channel, c.conversions, c.revenueMinor / 100])]}>
          {r.byChannel.length ? <BarChart label={t('chart.byChannel')} format={money} rows={r.byChannel.map((c) => ({ label: t(`channel.${c.channel}`), value: c.revenueMinor, note: fmt.number(c.conversions, { maximumFractionDigits: 1 }) }))} /> : <p>{t('analytics.noData')}</p>}
        </ChartCard>
        <ChartCard title={t('chart.byStore')} filename={`${slug}-attribution-store.csv`} csv={[[t('common.store'), t('chart.conversions'), t('kpi.revenue')], ...r.byStore.map((s) => [storeName(s.storeId), s.conversions, s.revenueMinor / 100])]}>
          {r.byStore.length ? <BarChart label={t('chart.byStore')} format={money} rows={r.byStore.map((s) => ({ label: storeName(s.storeId), value: s.revenueMinor, note: fmt.number(s.conversions, { maximumFractionDigits: 1 }) }))} /> : <p>{t('analytics.noData')}</p>}
        </ChartCard>
      </div>

      <ChartCard title={t('chart.lift')} filename={`${slug}-lift.csv`}
        csv={[[t('lift.group'), t('lift.audience'), t('lift.converters'), t('lift.rate')],
          [t('lift.treated'), r.lift.treatment.audience, r.lift.treatment.converters, lift?.treatmentRate ?? ''],
          [t('lift.holdout'), r.lift.holdout.audience, r.lift.holdout.converters, lift?.holdoutRate ?? ''],
          [t('lift.absolute'), '', '', lift?.absoluteLift ?? ''], [t('lift.ciLow'), '', '', lift?.confidence95.low ?? ''], [t('lift.ciHigh'), '', '', lift?.confidence95.high ?? '']]}>
        {lift ? (
          <>
            <LiftChart treated={lift.treatmentRate} holdout={lift.holdoutRate} lift={lift.absoluteLift} low={lift.confidence95.low} high={lift.confidence95.high}
              labels={{ treated: t('lift.treated'), holdout: t('lift.holdout'), title: t('chart.lift') }} />
            <p className="small">{t('lift.summary', { lift: fmt.percent(lift.absoluteLift, 2), low: fmt.percent(lift.confidence95.low, 2), high: fmt.percent(lift.confidence95.high, 2) })} {lift.significant ? t('lift.significant') : t('lift.notSignificant')}</p>
          </>
        ) : <p>{t('lift.noHoldout')}</p>}
      </ChartCard>

      <ChartCard title={t('chart.map')} filename={`${slug}-redemptions-by-store.csv`} csv={[[t('common.store'), t('funnel.redemptions')], ...mapPoints.map((p) => [p.label, p.value])]}>
        {mapPoints.length ? <RedemptionMap points={mapPoints} label={t('chart.map')} /> : <p>{t('analytics.noRedemptions')}</p>}
      </ChartCard>
    </div>
  );
}
