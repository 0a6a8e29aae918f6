import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db, Executor } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { tableExists } from '../sales/code-campaigns.ts';
import { MODELS, NIL } from './attribution.ts';
import * as repo from './report.repository.ts';

export type Model = (typeof MODELS)[number];
const DAY = 86400_000;
const MAX_RANGE_DAYS = 400;

/** Inclusive day range; defaults to the last 30 days. */
export function rangeOf(q: { from?: string; to?: string }): repo.Range {
  const to = q.to ?? new Date().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 29 * DAY).toISOString().slice(0, 10);
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new AppError('validation', 'from and to are dates (YYYY-MM-DD)');
  if (from > to) throw new AppError('validation', 'from is after to');
  if ((Date.parse(to) - Date.parse(from)) / DAY > MAX_RANGE_DAYS) throw new AppError('validation', `At most ${MAX_RANGE_DAYS} days per report`);
  return { from, to };
}

/**
 * Difference of two proportions with a 95% normal-approximation interval: the incremental conversion
 * rate of treatment over holdout. Null when either group is empty.
 */
export function liftOf(t: { audience: number; converters: number; revenue: number }, h: { audience: number; converters: number; revenue: number }) {
  if (!t.audience || !h.audience) return null;
  const pt = t.converters / t.audience;
  const ph = h.converters / h.audience;
  const se = Math.sqrt((pt * (1 - pt)) / t.audience + (ph * (1 - ph)) / h.audience);
  const diff = pt - ph;
  return {
    treatmentRate: pt, holdoutRate: ph, absoluteLift: diff, relativeLift: ph > 0 ? diff / ph : null,
    confidence95: { low: diff - 1.96 * se, high: diff + 1.96 * se }, significant: se > 0 && Math.abs(diff) > 1.96 * se,
    incrementalConversions: diff * t.audience,
    incrementalRevenueMinor: Math.round((t.revenue / t.audience - h.revenue / h.audience) * t.audience),
  };
}

async function campaignRow(db: Executor, m: string, id: string) {
  if (!(await tableExists(db, 'campaigns'))) throw notFound('Campaign');
  const r = await sql<{ id: string; name: string; cost_minor: number; currency: string; holdout_bp: number; starts_at: Date | null; ends_at: Date | null; status: string }>`
    select id, name, cost_minor, currency, holdout_bp, starts_at, ends_at, status from campaigns where merchant_id = ${m} and id = ${id}`.execute(db);
  if (!r.rows[0]) throw notFound('Campaign');
  return r.rows[0];
}

/** The campaign report, read from rollups: funnel, redemption rate, revenue and margin by model, ROI, lift. */
export async function campaignReport(db: Db, actor: Actor, campaignId: string, q: { from?: string; to?: string; model?: Model }) {
  requireAccess(actor, Permission.AnalyticsRead);
  const m = actor.merchantId;
  const range = rangeOf(q);
  const model = q.model ?? 'blended';
  const [c, funnel, attribution, lift, days, channels, stores] = await Promise.all([
    campaignRow(db, m, campaignId), repo.funnelRollup(db, m, campaignId, range), repo.attributionRollup(db, m, campaignId, range),
    repo.liftCounts(db, m, campaignId), repo.campaignDays(db, m, campaignId, model, range),
    repo.attributionBy(db, m, model, 'channel', range, campaignId), repo.attributionBy(db, m, model, 'store', range, campaignId),
  ]);
  const byModel = Object.fromEntries(MODELS.map((name) => {
    const rows = attribution.filter((a) => a.model === name);
    const sum = (k: 'conversions' | 'revenue' | 'margin', store?: boolean) => rows.filter((r) => store === undefined || r.store === store).reduce((n, r) => n + r[k], 0);
    return [name, {
      conversions: sum('conversions'), storeConversions: sum('conversions', true), onlineConversions: sum('conversions', false),
      revenueMinor: Math.round(sum('revenue')), storeRevenueMinor: Math.round(sum('revenue', true)), marginMinor: Math.round(sum('margin')),
    }];
  })) as Record<Model, { conversions: number; storeConversions: number; onlineConversions: number; revenueMinor: number; storeRevenueMinor: number; marginMinor: number }>;
  const chosen = byModel[model];
  const redemptions = Number(funnel.redemptions.in_store) + Number(funnel.redemptions.online);
  // A redemption at the till proves a visit even when the till never reported the sale itself.
  const storeVisits = Math.max(Number(funnel.redemptions.in_store), Math.round(chosen.storeConversions));
  const cost = Number(c.cost_minor);
  return {
    campaign: { id: c.id, name: c.name, status: c.status, currency: c.currency, costMinor: cost, holdoutBp: c.holdout_bp, startsAt: c.starts_at, endsAt: c.ends_at },
    range, model,
    funnel: {
      reach: Number(funnel.reach), emailOpens: Number(funnel.opens), pageViews: Number(funnel.views), clicks: Number(funnel.clicks), claims: Number(funnel.claims),
      redemptions, inStoreRedemptions: Number(funnel.redemptions.in_store), storeVisits, revenueMinor: chosen.revenueMinor,
    },
    redemptionRate: Number(funnel.claims) ? redemptions / Number(funnel.claims) : null,
    clickThroughRate: Number(funnel.reach) ? Number(funnel.clicks) / Number(funnel.reach) : null,
    discountGivenMinor: Number(funnel.redemptions.discount),
    attributedRevenueMinor: chosen.revenueMinor, attributedMarginMinor: chosen.marginMinor,
    roi: cost ? (chosen.marginMinor - cost) / cost : null, roas: cost ? chosen.revenueMinor / cost : null,
    byModel,
    lift: { ...lift, ...{ result: liftOf(lift.treatment, lift.holdout) } },
    byChannel: channels.map((r) => ({ channel: r.key, conversions: r.conversions, revenueMinor: Math.round(r.revenue), marginMinor: Math.round(r.margin) })),
    byStore: stores.map((r) => ({ storeId: r.key === NIL ? null : r.key, conversions: r.conversions, revenueMinor: Math.round(r.revenue), marginMinor: Math.round(r.margin) })),
    byDay: days.map((d) => ({ ...d, reach: Number(d.reach), clicks: Number(d.clicks), claims: Number(d.claims), redemptions: Number(d.redemptions), revenueMinor: Math.round(d.revenue) })),
  };
}

/** The merchant-wide picture: store vs online sales, identified share, ROPO share, and revenue by campaign. */
export async function overview(db: Db, actor: Actor, q: { from?: string; to?: string; model?: Model }) {
  requireAccess(actor, Permission.AnalyticsRead);
  const m = actor.merchantId;
  const range = rangeOf(q);
  const model = q.model ?? 'blended';
  const [totals, stores, campaigns] = await Promise.all([repo.salesTotals(db, m, range), repo.salesTotals(db, m, range, true), repo.attributionBy(db, m, model, 'campaign', range)]);
  const store = totals.find((t) => t.channel === 'store');
  const online = totals.find((t) => t.channel === 'online');
  const names = campaigns.length && (await tableExists(db, 'campaigns'))
    ? new Map((await sql<{ id: string; name: string }>`select id, name from campaigns where merchant_id = ${m} and id = any(${campaigns.map((c) => c.key)}::uuid[])`.execute(db)).rows.map((r) => [r.id, r.name]))
    : new Map<string, string>();
  const side = (t?: (typeof totals)[number]) => ({ sales: Number(t?.sales ?? 0), returns: Number(t?.returns ?? 0), identified: Number(t?.identified ?? 0), revenueMinor: Number(t?.revenue ?? 0), marginMinor: Number(t?.revenue ?? 0) - Number(t?.cost ?? 0) });
  return {
    range, model,
    store: { ...side(store), ropo: Number(store?.ropo ?? 0), ropoShare: store?.sales ? Number(store.ropo) / Number(store.sales) : null, identifiedShare: store?.sales ? Number(store.identified) / Number(store.sales) : null },
    online: side(online),
    byStore: stores.map((s) => ({ storeId: s.key, sales: Number(s.sales), identified: Number(s.identified), ropo: Number(s.ropo), ropoShare: s.sales ? Number(s.ropo) / Number(s.sales) : null, revenueMinor: Number(s.revenue) })),
    byCampaign: campaigns.map((c) => ({ campaignId: c.key, name: names.get(c.key) ?? null, conversions: c.conversions, revenueMinor: Math.round(c.revenue), marginMinor: Math.round(c.margin) })),
  };
}

export async function attributionBreakdown(db: Db, actor: Actor, q: { from?: string; to?: string; model?: Model; by: repo.Dimension; campaignId?: string }) {
  requireAccess(actor, Permission.AnalyticsRead);
  const range = rangeOf(q);
  const rows = await repo.attributionBy(db, actor.merchantId, q.model ?? 'blended', q.by, range, q.campaignId);
  return { range, model: q.model ?? 'blended', by: q.by, rows: rows.map((r) => ({ key: r.key === NIL ? null : r.key, conversions: r.conversions, revenueMinor: Math.round(r.revenue), marginMinor: Math.round(r.margin) })) };
}
