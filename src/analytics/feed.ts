import { sql } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import type { Trx } from '../platform/db.ts';
import { resolveCustomer } from '../customers/identity.ts';
import { earnPointsForPurchase } from '../loyalty/points.ts';
import { tableExists } from '../sales/code-campaigns.ts';
import { rollupTouches } from '../touchpoints/ingest.ts';
import { NIL } from './attribution.ts';
import { recordPurchaseAnalytics } from './sale-analytics.ts';

const TYPES = ['code.redeemed', 'code.voided', 'code.claimed', 'link.clicked', 'order.picked_up', 'order.delivered'];
// Sequence numbers are taken at insert but become visible at commit, so a later one can appear first:
// each run looks back this far, and every step below is idempotent, so nothing is counted twice or missed.
const LOOKBACK = 5000;
const BATCH = 500;

type Ev = { merchant_id: string; seq: number; type: string; payload: Record<string, any> };

/**
 * The analytics feed job: turns other domains' events (redemptions, voids, claims, clicks, completed
 * orders) into facts, touchpoints, loyalty points and rollups. Returns how many events it handled.
 */
export async function runAnalyticsFeed(ctx: Pick<AppContext, 'db'>): Promise<number> {
  const db = ctx.db;
  const wm = await db.selectFrom('analytics_watermarks').select('last_id').where('merchant_id', '=', NIL).where('name', '=', 'outbox').executeTakeFirst();
  let from = Math.max(0, (wm?.last_id ?? 0) - LOOKBACK);
  let handled = 0;
  for (;;) {
    const events = await sql<Ev>`select merchant_id, seq, type, payload from outbox_events
      where type = any(${TYPES}::text[]) and seq > ${from} order by seq limit ${BATCH}`.execute(db);
    if (!events.rows.length) break;
    await db.transaction().execute(async (trx) => {
      for (const e of events.rows) handled += await handle(trx, e);
      const last = events.rows[events.rows.length - 1].seq;
      await trx.insertInto('analytics_watermarks').values({ merchant_id: NIL, name: 'outbox', last_id: last })
        .onConflict((oc) => oc.columns(['merchant_id', 'name']).doUpdateSet({ last_id: sql`greatest(analytics_watermarks.last_id, excluded.last_id)` })).execute();
    });
    from = events.rows[events.rows.length - 1].seq;
    if (events.rows.length < BATCH) break;
  }
  return handled;
}

async function handle(trx: Trx, e: Ev): Promise<number> {
  const p = e.payload;
  const m = e.merchant_id;
  switch (e.type) {
    case 'code.redeemed': return redemption(trx, m, p);
    case 'code.voided': return voided(trx, m, p);
    case 'code.claimed': case 'link.clicked': return touch(trx, m, e);
    case 'order.picked_up': case 'order.delivered': return order(trx, m, String(p.orderId));
    default: return 0;
  }
}

async function redemption(trx: Trx, m: string, p: Record<string, any>): Promise<number> {
  const day = String(p.redeemedAt ?? new Date().toISOString()).slice(0, 10);
  const ins = await trx.insertInto('redemption_facts').values({
    merchant_id: m, redemption_id: p.redemptionId, campaign_id: p.campaignId, store_id: p.storeId ?? null, channel: p.channel ?? 'in_store',
    day, basket_minor: Number(p.basketTotalMinor ?? 0), discount_minor: Number(p.discountMinor ?? 0),
  }).onConflict((oc) => oc.doNothing()).returning('redemption_id').executeTakeFirst();
  if (!ins) return 0;
  await bumpRedemptions(trx, m, { day, campaignId: p.campaignId, storeId: p.storeId ?? null, channel: p.channel ?? 'in_store', n: 1, basket: Number(p.basketTotalMinor ?? 0), discount: Number(p.discountMinor ?? 0) });
  return 1;
}

async function voided(trx: Trx, m: string, p: Record<string, any>): Promise<number> {
  const f = await trx.updateTable('redemption_facts').set({ voided: true }).where('merchant_id', '=', m).where('redemption_id', '=', p.redemptionId)
    .where('voided', '=', false).returningAll().executeTakeFirst();
  if (!f) return 0;
  await bumpRedemptions(trx, m, { day: f.day, campaignId: f.campaign_id, storeId: f.store_id, channel: f.channel, n: -1, basket: -f.basket_minor, discount: -f.discount_minor });
  return 1;
}

async function bumpRedemptions(trx: Trx, m: string, r: { day: string; campaignId: string; storeId: string | null; channel: string; n: number; basket: number; discount: number }) {
  await sql`insert into redemption_daily (merchant_id, day, campaign_id, store_id, channel, redemptions, basket_minor, discount_minor)
    values (${m}, ${r.day}, ${r.campaignId}, ${r.storeId ?? NIL}, ${r.channel}, ${r.n}, ${r.basket}, ${r.discount})
    on conflict (merchant_id, day, campaign_id, store_id, channel) do update set
      redemptions = redemption_daily.redemptions + excluded.redemptions, basket_minor = redemption_daily.basket_minor + excluded.basket_minor,
      discount_minor = redemption_daily.discount_minor + excluded.discount_minor`.execute(trx);
}

/** A claim or a tracked-link click becomes a touchpoint (event id derived from its source row: dedupes itself). */
async function touch(trx: Trx, m: string, e: Ev): Promise<number> {
  const p = e.payload;
  const claim = e.type === 'code.claimed';
  const at = new Date(p.claimedAt ?? p.clickedAt ?? p.at ?? Date.now());
  const channel = String(p.channel ?? (claim ? 'web' : 'direct'));
  const ins = await trx.insertInto('touchpoints').values({
    merchant_id: m, event_id: `${claim ? 'claim' : 'click'}:${p.claimId ?? p.clickId ?? p.id ?? e.seq}`, type: claim ? 'coupon_claim' : 'link_click',
    occurred_at: at, customer_id: p.customerId ?? null, anonymous_id: null, campaign_id: p.campaignId ?? null, channel,
    utm: p.utm ? JSON.stringify(p.utm) : null, click_id: p.clickIdValue ?? null, url: null, product_id: null, store_id: p.intendedStoreId ?? p.storeId ?? null,
    code: p.code ?? null, lat: null, lng: null,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!ins) return 0;
  await rollupTouches(trx, m, [{ day: at.toISOString().slice(0, 10), campaignId: p.campaignId ?? null, channel, type: claim ? 'coupon_claim' : 'link_click', visitor: p.customerId ?? null }]);
  return 1;
}

/** A completed online order: points, the customer's purchase history, and the online side of the rollups. */
async function order(trx: Trx, m: string, orderId: string): Promise<number> {
  if (!(await tableExists(trx, 'orders'))) return 0;
  const seen = await trx.selectFrom('online_sales').select('order_id').where('merchant_id', '=', m).where('order_id', '=', orderId).executeTakeFirst();
  if (seen) return 0;
  const o = await sql<{ id: string; customer_id: string | null; email: string | null; phone: string | null; store_id: string | null; total_minor: number; currency: string; closed_at: Date | null; updated_at: Date }>`
    select id, customer_id, email, phone, store_id, total_minor, currency, closed_at, updated_at from orders where merchant_id = ${m} and id = ${orderId}`.execute(trx);
  const row = o.rows[0];
  if (!row) return 0;
  const lines = await sql<{ total_minor: number; quantity: number; cost_minor: number | null; category_id: string | null }>`
    select l.total_minor, l.quantity - l.cancelled_quantity as quantity, v.cost_minor, p.category_id
    from order_lines l join variants v on v.merchant_id = l.merchant_id and v.id = l.variant_id join products p on p.merchant_id = v.merchant_id and p.id = v.product_id
    where l.merchant_id = ${m} and l.order_id = ${orderId}`.execute(trx);
  const at = row.closed_at ?? row.updated_at;
  const cost = lines.rows.reduce((n, l) => n + (l.cost_minor ?? 0) * l.quantity, 0);
  const customerId = await resolveCustomer(trx, m, { customerId: row.customer_id, email: row.customer_id ? null : row.email, phone: row.customer_id ? null : row.phone }, { kind: 'guest', source: 'checkout' });
  const ins = await trx.insertInto('online_sales').values({ merchant_id: m, order_id: orderId, customer_id: customerId, store_id: row.store_id, total_minor: row.total_minor, cost_minor: cost, occurred_at: at })
    .onConflict((oc) => oc.doNothing()).returning('order_id').executeTakeFirst();
  if (!ins) return 0;
  let codeCampaigns: string[] = [];
  if (await tableExists(trx, 'code_redemptions')) {
    const r = await sql<{ campaign_id: string }>`select distinct campaign_id from code_redemptions where merchant_id = ${m} and order_ref = ${orderId} and voided_at is null`.execute(trx);
    codeCampaigns = r.rows.map((x) => x.campaign_id);
  }
  if (customerId) {
    await trx.insertInto('customer_purchases').values({ merchant_id: m, channel: 'online', ref_id: orderId, customer_id: customerId, store_id: row.store_id, total_minor: row.total_minor, occurred_at: at })
      .onConflict((oc) => oc.doNothing()).execute();
    await earnPointsForPurchase(trx, m, {
      customerId, channel: 'online', refType: 'order', refId: orderId, currency: row.currency, occurredAt: at,
      lines: lines.rows.map((l) => ({ amountMinor: l.total_minor, categoryId: l.category_id })), campaignIds: codeCampaigns,
    });
  }
  await recordPurchaseAnalytics(trx, m, { channel: 'online', ref: orderId, storeId: null, kind: 'sale', occurredAt: at, customerId, totalMinor: row.total_minor, costMinor: cost, codeCampaigns, originalRef: null });
  return 1;
}

export const analyticsFeedJob = { name: 'analytics-feed', intervalMs: 30_000, run: runAnalyticsFeed };
