import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db, Trx } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { tableExists } from '../sales/code-campaigns.ts';
import { NIL } from '../analytics/attribution.ts';
import { channelOf } from './channel.ts';

export const MAX_EVENTS_PER_BATCH = 1000;
// Browsers' clocks drift; beyond these bounds (after the sentAt correction) a time is not believable.
const MAX_FUTURE_MS = 5 * 60_000;
const MAX_AGE_MS = 30 * 86400_000;
export const TOUCH_TYPES = ['link_click', 'email_sent', 'email_open', 'email_click', 'ad_impression', 'page_view', 'product_view',
  'store_locator_search', 'coupon_claim', 'geo_checkin'] as const;
const NEEDS_LOCATION = new Set(['geo_checkin']);

export interface TouchInput {
  id: string;
  type: (typeof TOUCH_TYPES)[number];
  occurredAt: string;
  anonymousId?: string;
  campaignId?: string;
  utm?: { source?: string; medium?: string; campaign?: string; content?: string; term?: string };
  clickIds?: Record<string, string>;
  url?: string;
  referrer?: string;
  productId?: string;
  storeId?: string;
  code?: string;
  query?: string;
  location?: { lat: number; lng: number; accuracyM?: number };
  consent?: { analytics?: boolean; location?: boolean };
}

export type TouchResult = { index: number; id: string; status: 'accepted' | 'duplicate' | 'rejected'; error?: { code: string; detail: string } };

async function knownCampaigns(db: Db, merchantId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length || !(await tableExists(db, 'campaigns'))) return new Set();
  const r = await sql<{ id: string }>`select id from campaigns where merchant_id = ${merchantId} and id = any(${ids}::uuid[])`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

async function consentOf(db: Db, merchantId: string, customerId: string | null) {
  if (!customerId) return new Map<string, boolean>();
  const rows = await db.selectFrom('customer_consents').select(['purpose', 'granted']).where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).execute();
  return new Map(rows.map((r) => [r.purpose, r.granted]));
}

/**
 * Records a batch of touchpoints from the snippet, an email tracker or a server. Each event is accepted,
 * a duplicate of one already held (same id), or rejected with a reason; what is accepted is written in
 * one transaction with the daily rollups, so nothing accepted is lost and the rollups never drift.
 */
export async function ingestTouchpoints(db: Db, actor: Actor, batch: { sentAt?: string; events: TouchInput[] }): Promise<TouchResult[]> {
  requireAccess(actor, Permission.TouchpointTrack);
  if (batch.events.length > MAX_EVENTS_PER_BATCH) throw new AppError('batch_too_large', `At most ${MAX_EVENTS_PER_BATCH} events per batch; split it`, { max: MAX_EVENTS_PER_BATCH });
  const m = actor.merchantId;
  const received = Date.now();
  // The snippet stamps sentAt with the same (possibly wrong) clock as occurredAt, so the difference corrects both.
  const sentAt = batch.sentAt ? Date.parse(batch.sentAt) : NaN;
  const skew = Number.isNaN(sentAt) ? 0 : received - sentAt;
  const customerId = actor.kind === 'customer' ? actor.customerId : null;
  const consents = await consentOf(db, m, customerId);
  const campaigns = await knownCampaigns(db, m, [...new Set(batch.events.map((e) => e.campaignId).filter((x): x is string => !!x))]);
  const seen = new Set<string>();
  const results: TouchResult[] = [];
  const rows: { index: number; e: TouchInput; at: Date; channel: string; keepLocation: boolean }[] = [];
  for (const [index, e] of batch.events.entries()) {
    const reject = (code: string, detail: string) => results.push({ index, id: e.id, status: 'rejected', error: { code, detail } });
    if (seen.has(e.id)) { results.push({ index, id: e.id, status: 'duplicate' }); continue; }
    seen.add(e.id);
    const at = Date.parse(e.occurredAt) + skew;
    if (Number.isNaN(at)) { reject('validation', 'occurredAt is not a date-time'); continue; }
    if (at > received + MAX_FUTURE_MS) { reject('clock_skew', 'occurredAt is in the future; send sentAt so the clock can be corrected'); continue; }
    if (at < received - MAX_AGE_MS) { reject('clock_skew', 'occurredAt is more than 30 days ago'); continue; }
    if (e.campaignId && !campaigns.has(e.campaignId)) { reject('unknown_campaign', `No campaign ${e.campaignId} in this shop`); continue; }
    if (e.consent?.analytics === false || consents.get('analytics') === false) { reject('consent_withheld', 'Tracking was declined'); continue; }
    const locationOk = e.consent?.location === true || consents.get('location') === true;
    if (NEEDS_LOCATION.has(e.type) && !locationOk) { reject('consent_withheld', 'A check-in needs location consent'); continue; }
    rows.push({ index, e, at: new Date(at), channel: channelOf(e), keepLocation: locationOk });
  }
  if (!rows.length) return results.sort((a, b) => a.index - b.index);

  const inserted = await db.transaction().execute((trx) => insertTouches(trx, m, customerId, rows));
  for (const r of rows) results.push({ index: r.index, id: r.e.id, status: inserted.has(r.e.id) ? 'accepted' : 'duplicate' });
  return results.sort((a, b) => a.index - b.index);
}

/** Writes validated touches and their rollups in the caller's transaction; returns the event ids that were new. */
export async function insertTouches(trx: Trx, m: string, customerId: string | null, rows: { e: TouchInput; at: Date; channel: string; keepLocation: boolean }[]) {
  const anonymousIds = [...new Set(rows.map((r) => r.e.anonymousId).filter((x): x is string => !!x))];
  let person = customerId;
  if (customerId) {
    // A signed-in shopper's device: remember it and claim the anonymous history it already has.
    for (const a of anonymousIds) {
      await trx.insertInto('customer_identities').values({ merchant_id: m, kind: 'device', value: a, customer_id: customerId, verified: true, source: 'events' })
        .onConflict((oc) => oc.doNothing()).execute();
    }
    if (anonymousIds.length) {
      await trx.updateTable('touchpoints').set({ customer_id: customerId }).where('merchant_id', '=', m)
        .where('anonymous_id', 'in', anonymousIds).where('customer_id', 'is', null).execute();
    }
  } else if (anonymousIds.length === 1) {
    const known = await trx.selectFrom('customer_identities').select('customer_id').where('merchant_id', '=', m).where('kind', '=', 'device').where('value', '=', anonymousIds[0]).executeTakeFirst();
    person = known?.customer_id ?? null;
  }
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  const ins = await sql<{ id: number; event_id: string }>`
    insert into touchpoints (merchant_id, event_id, type, occurred_at, customer_id, anonymous_id, campaign_id, channel, utm, click_id, url, product_id, store_id, code, lat, lng, data)
    select ${m}::uuid, ev, ty, at, ${person}::uuid, an, ca, ch, ut::jsonb, ck, u, pr, st, co, la, ln, da::jsonb
    from unnest(${col((r) => r.e.id)}::text[], ${col((r) => r.e.type)}::text[], ${col((r) => r.at.toISOString())}::timestamptz[],
      ${col((r) => r.e.anonymousId ?? null)}::text[], ${col((r) => r.e.campaignId ?? null)}::uuid[], ${col((r) => r.channel)}::text[],
      ${col((r) => (r.e.utm ? JSON.stringify(r.e.utm) : null))}::text[], ${col((r) => (r.e.clickIds ? Object.entries(r.e.clickIds).map(([k, v]) => `${k}:${v}`).join(',') : null))}::text[],
      ${col((r) => r.e.url ?? null)}::text[], ${col((r) => r.e.productId ?? null)}::uuid[], ${col((r) => r.e.storeId ?? null)}::uuid[], ${col((r) => r.e.code?.toUpperCase() ?? null)}::text[],
      ${col((r) => (r.keepLocation ? r.e.location?.lat ?? null : null))}::float8[], ${col((r) => (r.keepLocation ? r.e.location?.lng ?? null : null))}::float8[],
      ${col((r) => JSON.stringify({ ...(r.e.referrer ? { referrer: r.e.referrer } : {}), ...(r.e.query ? { query: r.e.query } : {}), ...(r.e.clickIds ? { clickIds: r.e.clickIds } : {}) }))}::text[])
      as x(ev, ty, at, an, ca, ch, ut, ck, u, pr, st, co, la, ln, da)
    on conflict (merchant_id, event_id) do nothing
    returning id, event_id`.execute(trx);
  const fresh = new Set(ins.rows.map((r) => r.event_id));
  const accepted = rows.filter((r) => fresh.has(r.e.id));
  await rollupTouches(trx, m, accepted.map((r) => ({ day: r.at.toISOString().slice(0, 10), campaignId: r.e.campaignId ?? null, channel: r.channel, type: r.e.type, visitor: person ?? r.e.anonymousId ?? null })));
  return fresh;
}

/** Adds accepted touches to touch_daily, counting a visitor's first touch of a campaign as reach. */
export async function rollupTouches(trx: Trx, m: string, touches: { day: string; campaignId: string | null; channel: string; type: string; visitor: string | null }[]) {
  if (!touches.length) return;
  const reached = touches.filter((t) => t.campaignId && t.visitor).sort((a, b) => a.day.localeCompare(b.day));
  const firsts = new Map<string, (typeof touches)[number]>();
  for (const t of reached) if (!firsts.has(`${t.campaignId}|${t.visitor}`)) firsts.set(`${t.campaignId}|${t.visitor}`, t);
  const candidates = [...firsts.values()];
  const newReach = new Map<string, number>();
  if (candidates.length) {
    const r = await sql<{ campaign_id: string; visitor: string }>`
      insert into campaign_reach (merchant_id, campaign_id, visitor, first_day)
      select ${m}::uuid, c, v, d from unnest(${candidates.map((t) => t.campaignId)}::uuid[], ${candidates.map((t) => t.visitor)}::text[], ${candidates.map((t) => t.day)}::date[]) as x(c, v, d)
      order by c, v
      on conflict do nothing returning campaign_id, visitor`.execute(trx);
    for (const row of r.rows) {
      const t = firsts.get(`${row.campaign_id}|${row.visitor}`)!;
      const k = `${t.day}|${t.campaignId}|${t.channel}|${t.type}`;
      newReach.set(k, (newReach.get(k) ?? 0) + 1);
    }
  }
  const groups = new Map<string, { day: string; campaignId: string; channel: string; type: string; events: number; reach: number }>();
  for (const t of touches) {
    const k = `${t.day}|${t.campaignId}|${t.channel}|${t.type}`;
    const g = groups.get(k) ?? { day: t.day, campaignId: t.campaignId ?? NIL, channel: t.channel, type: t.type, events: 0, reach: newReach.get(k) ?? 0 };
    g.events++;
    groups.set(k, g);
  }
  const gs = [...groups.values()].sort((a, b) => `${a.day}${a.campaignId}${a.channel}${a.type}`.localeCompare(`${b.day}${b.campaignId}${b.channel}${b.type}`));
  await sql`
    insert into touch_daily (merchant_id, day, campaign_id, channel, type, events, reach)
    select ${m}::uuid, d, c, ch, ty, ev, re from unnest(${gs.map((g) => g.day)}::date[], ${gs.map((g) => g.campaignId)}::uuid[], ${gs.map((g) => g.channel)}::text[],
      ${gs.map((g) => g.type)}::text[], ${gs.map((g) => g.events)}::bigint[], ${gs.map((g) => g.reach)}::bigint[]) as x(d, c, ch, ty, ev, re)
    on conflict (merchant_id, day, campaign_id, channel, type) do update set
      events = touch_daily.events + excluded.events, reach = touch_daily.reach + excluded.reach`.execute(trx);
}
