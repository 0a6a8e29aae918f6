// Charts drawn as SVG (no chart library): each has a title, a data table for screen readers, and CSV.
import type { ReactNode } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { saveFile, toCsv } from '@shared/ui.tsx';

export const PALETTE = ['#0b5cad', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#1098ad', '#c2255c', '#5c940d'];

export function ChartCard({ title, csv, filename, children, table }: {
  title: string; csv: (string | number | null)[][]; filename: string; children: ReactNode; table?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="card stack" aria-label={title}>
      <div className="spread">
        <h2 style={{ margin: 0 }}>{title}</h2>
        <button type="button" className="button secondary small" onClick={() => saveFile(filename, toCsv(csv))}>{t('common.downloadCsv')}</button>
      </div>
      {children}
      {table ? <details><summary>{t('chart.showData')}</summary><div className="table-wrap">{table}</div></details> : null}
    </section>
  );
}

function niceMax(v: number): number {
  if (v <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p / (v / p > 5 ? 2 : 1)) * p * (v / p > 5 ? 2 : 1);
}

export interface Series { label: string; points: { x: string; y: number }[] }

/** A time series line chart; x values are dates (ISO), y formatted by `format`. Time runs with the reading direction. */
export function LineChart({ series, format, label }: { series: Series[]; format(v: number): string; label: string }) {
  const { fmt, dir } = useI18n();
  const rtl = dir === 'rtl';
  const W = 640, H = 240, AXIS = 64, END = 12, T = 12, B = 28;
  // The value axis sits at the reading start, so in Persian and Arabic time runs right to left.
  const [L, R] = rtl ? [END, AXIS] : [AXIS, END];
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort();
  const values = series.flatMap((s) => s.points.map((p) => p.y));
  const max = niceMax(Math.max(0, ...values)) || 1;
  const min = Math.min(0, ...values) < 0 ? -niceMax(-Math.min(0, ...values)) : 0;
  const along = (v: string) => (xs.length <= 1 ? 0.5 : xs.indexOf(v) / (xs.length - 1)) * (W - L - R);
  const x = (v: string) => (rtl ? W - R - along(v) : L + along(v));
  const y = (v: number) => T + (1 - (v - min) / (max - min)) * (H - T - B);
  // An all-zero series gets only its zero line: quarter ticks of one minor unit would all read "0.01".
  const flat = values.every((v) => v === 0);
  const ticks = (flat ? [0] : [0, 0.25, 0.5, 0.75, 1]).map((f) => min + f * (max - min));
  const xTicks = xs.filter((_, i) => xs.length <= 7 || i % Math.ceil(xs.length / 6) === 0);
  const axisX = rtl ? W - R + 6 : L - 6;
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} direction="ltr" data-time-runs={rtl ? 'right-to-left' : 'left-to-right'}>
      {ticks.map((v) => <g key={v}><line x1={L} x2={W - R} y1={y(v)} y2={y(v)} stroke="#e3e8ee" /><text x={axisX} y={y(v) + 4} textAnchor={rtl ? 'start' : 'end'}>{format(v)}</text></g>)}
      {xTicks.map((v) => <text key={v} x={x(v)} y={H - 8} textAnchor="middle" data-day={v}>{fmt.date(v)}</text>)}
      {series.map((s, i) => (
        <g key={s.label}>
          <polyline fill="none" stroke={PALETTE[i % PALETTE.length]} strokeWidth={2.5} points={s.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')} />
          {s.points.map((p) => <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={3} fill={PALETTE[i % PALETTE.length]}><title>{`${s.label} · ${fmt.date(p.x)}: ${format(p.y)}`}</title></circle>)}
        </g>
      ))}
    </svg>
  );
}

export function Legend({ labels }: { labels: string[] }) {
  return <div className="legend">{labels.map((l, i) => <span key={l}><i style={{ background: PALETTE[i % PALETTE.length] }} />{l}</span>)}</div>;
}

/** Horizontal bars, longest first; follows the page direction (bars grow from the start side). */
export function BarChart({ rows, format, label }: { rows: { label: string; value: number; note?: string }[]; format(v: number): string; label: string }) {
  const max = Math.max(0, ...rows.map((r) => r.value)) || 1;
  return (
    <div role="img" aria-label={label} className="stack" style={{ gap: 6 }}>
      {rows.map((r, i) => (
        <div key={r.label} style={{ display: 'grid', gridTemplateColumns: 'minmax(90px, 28%) 1fr auto', gap: 8, alignItems: 'center' }}>
          <span className="small">{r.label}</span>
          <svg viewBox="0 0 100 10" preserveAspectRatio="none" style={{ blockSize: 18, inlineSize: '100%' }} className="mirror-rtl" aria-hidden="true">
            <rect x="0" y="0" width="100" height="10" fill="#eef2f6" />
            <rect x="0" y="0" width={(r.value / max) * 100} height="10" fill={PALETTE[i % PALETTE.length]} />
          </svg>
          <span className="small num">{format(r.value)}{r.note ? ` · ${r.note}` : ''}</span>
        </div>
      ))}
    </div>
  );
}

/** A funnel: each step's bar is centred and sized to its count, with the step-to-step rate. */
export function Funnel({ steps, label }: { steps: { label: string; value: number }[]; label: string }) {
  const { fmt, dir } = useI18n();
  const rtl = dir === 'rtl';
  const max = Math.max(1, ...steps.map((s) => s.value));
  const W = 640, row = 44;
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${steps.length * row}`} role="img" aria-label={label}>
      {steps.map((s, i) => {
        const w = Math.max(4, (s.value / max) * (W - 200));
        const prev = i > 0 ? steps[i - 1].value : 0;
        return (
          <g key={s.label} transform={`translate(0 ${i * row})`}>
            <rect x={(W - w) / 2} y={4} width={w} height={row - 12} rx={6} fill={PALETTE[i % PALETTE.length]} opacity={0.28} />
            <text x={W / 2} y={row / 2 + 2} textAnchor="middle" style={{ fill: '#17202a', fontSize: 13, fontWeight: 700 }}>{`${s.label}: ${fmt.number(s.value)}`}</text>
            {/* The step-to-step rate sits at the reading end of the row; the text inherits the page direction, so "end" is its far side. */}
            {i > 0 ? <text x={rtl ? 4 : W - 4} y={row / 2 + 2} textAnchor="end">{prev ? fmt.percent(s.value / prev) : '—'}</text> : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Conversion of the targeted group against the holdout, with the lift's confidence interval; mirrored in right-to-left pages. */
export function LiftChart({ treated, holdout, lift, low, high, labels }: {
  treated: number; holdout: number; lift: number | null; low: number | null; high: number | null;
  labels: { treated: string; holdout: string; title: string };
}) {
  const { fmt, dir } = useI18n();
  const rtl = dir === 'rtl';
  const W = 640, H = 150, L = 130;
  // Drawn left to right, then positions are mirrored for Persian and Arabic; text stays upright.
  const at = (v: number) => (rtl ? W - v : v);
  const start = rtl ? 'start' : 'end';
  const max = Math.max(treated, holdout, 0.0001) * 1.15;
  const bar = (v: number, y: number, color: string, text: string) => {
    const w = (v / max) * (W - L - 80);
    return (
      <g><text x={at(L - 8)} y={y + 16} textAnchor={start}>{text}</text>
        <rect x={rtl ? W - L - w : L} y={y} width={w} height={24} fill={color} rx={4} />
        <text x={at(L + w + 6)} y={y + 16} textAnchor={rtl ? 'end' : 'start'}>{fmt.percent(v, 2)}</text></g>
    );
  };
  const scale = (v: number) => at(L + ((v + 1) / 3) * (W - L - 20));
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={labels.title} direction="ltr">
      {bar(treated, 10, PALETTE[0], labels.treated)}
      {bar(holdout, 44, '#868e96', labels.holdout)}
      {lift != null ? (
        <g>
          <line x1={scale(0)} x2={scale(0)} y1={86} y2={138} stroke="#adb5bd" strokeDasharray="3 3" />
          {low != null && high != null ? <line x1={scale(Math.max(-1, low))} x2={scale(Math.min(2, high))} y1={112} y2={112} stroke={PALETTE[1]} strokeWidth={3} /> : null}
          <circle cx={scale(Math.max(-1, Math.min(2, lift)))} cy={112} r={6} fill={PALETTE[1]} />
          <text x={at(L - 8)} y={116} textAnchor={start}>{fmt.percent(lift)}</text>
        </g>
      ) : null}
    </svg>
  );
}

/** Stores placed by their coordinates; circle area follows the redemption count. */
export function RedemptionMap({ points, label }: { points: { label: string; lat: number; lng: number; value: number }[]; label: string }) {
  const { fmt } = useI18n();
  const W = 640, H = 360, pad = 40;
  if (!points.length) return null;
  const lats = points.map((p) => p.lat), lngs = points.map((p) => p.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const spanLat = Math.max(maxLat - minLat, 0.01), spanLng = Math.max(maxLng - minLng, 0.01);
  const k = Math.min((W - 2 * pad) / spanLng, (H - 2 * pad) / spanLat);
  const x = (lng: number) => pad + (lng - minLng) * k + ((W - 2 * pad) - spanLng * k) / 2;
  const y = (lat: number) => H - pad - (lat - minLat) * k - ((H - 2 * pad) - spanLat * k) / 2;
  const max = Math.max(1, ...points.map((p) => p.value));
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} direction="ltr" style={{ background: '#eef4f9', borderRadius: 8 }}>
      {points.map((p) => {
        const r = 4 + Math.sqrt(p.value / max) * 26;
        return (
          <g key={p.label}>
            <circle cx={x(p.lng)} cy={y(p.lat)} r={r} fill="#0b5cad" fillOpacity={0.35} stroke="#0b5cad"><title>{`${p.label}: ${fmt.number(p.value)}`}</title></circle>
            <text x={x(p.lng)} y={y(p.lat) - r - 4} textAnchor="middle">{`${p.label} (${fmt.number(p.value)})`}</text>
          </g>
        );
      })}
    </svg>
  );
}
