import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DemoContext, DemoStep } from '../demo/demo-context.ts';
import { recordStoreSale } from '../sales/sale.service.ts';
import { rollupTouches } from '../touchpoints/ingest.ts';
import { channelOf } from '../touchpoints/channel.ts';
import { refreshInto } from '../segments/segment.service.ts';
import type { SegmentRule } from '../segments/segment-rules.ts';
import { tableExists } from '../sales/code-campaigns.ts';

const FIRST = ['Aisha', 'Wei Ling', 'Ravi', 'Nurul', 'Somchai', 'Dmitri', 'Farah', 'Jason', 'Mei', 'Arjun', 'Siti', 'Omar', 'Lina', 'Kamal', 'Hana', 'Tan', 'Priya', 'Reza'];
const LAST = ['Rahman', 'Tan', 'Kumar', 'Ismail', 'Wong', 'Petrov', 'Abdullah', 'Lee', 'Lim', 'Nair', 'Hassan', 'Karimi'];
const LOCALES = ['en', 'en', 'en', 'ms', 'ms', 'th', 'ru', 'fa', 'ar'];
const BANDS = ['18_24', '25_34', '25_34', '35_44', '45_54', '55_64'] as const;
const INTERESTS = ['kitchen', 'audio', 'smart home', 'coffee', 'gaming', 'lighting', 'outdoor'];
const DAY = 86400_000;

const pick = <T>(ctx: DemoContext, xs: readonly T[]) => xs[Math.floor(ctx.random() * xs.length)];

/**
 * Customers with consent and demographics, their online touches, store sales through the real sale path
 * (stock, points, attribution, rollups) and a few segments, so the analytics dashboard is not empty.
 * Uses whatever stores, stock and campaigns earlier steps made; skips sales when there is no stock.
 */
export const customerDemoStep: DemoStep = {
  name: 'customers, sales, loyalty, touchpoints',
  async run(ctx) {
    const { trx, merchantId: m } = ctx;
    await trx.insertInto('loyalty_settings').values({ merchant_id: m, points_per_unit: 1, point_value_minor: 1, expiry_days: 365, max_redeem_bp: 5000 }).execute();
    await trx.insertInto('loyalty_tiers').values([
      { merchant_id: m, id: randomUUID(), name: 'Silver', threshold_points: 1000, earn_multiplier_bp: 11000, benefits: JSON.stringify(['Birthday voucher']) },
      { merchant_id: m, id: randomUUID(), name: 'Gold', threshold_points: 5000, earn_multiplier_bp: 12500, benefits: JSON.stringify(['Free delivery', 'Early access to sales']) },
    ]).execute();
    const stores = await trx.selectFrom('stores').select(['id', 'lat', 'lng']).where('merchant_id', '=', m).orderBy('code').execute();
    const campaigns = (await tableExists(trx, 'campaigns'))
      ? (await sql<{ id: string }>`select id from campaigns where merchant_id = ${m} and status in ('active', 'ended', 'paused') order by created_at, id`.execute(trx)).rows.map((r) => r.id)
      : [];

    // Built in memory and written in a few multi-row statements: the demo must load in seconds on PGlite.
    const customers: { id: string; email: string }[] = [];
    const rows = [];
    const consents: { customer_id: string; purpose: 'marketing_email' | 'marketing_sms' | 'location' | 'analytics'; granted: boolean; source: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const id = randomUUID();
      const name = `${pick(ctx, FIRST)} ${pick(ctx, LAST)}`;
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${i}@example.com`;
      const home = stores.length ? stores[i % stores.length] : null;
      rows.push({
        merchant_id: m, id, email, phone: `+6012${String(3000000 + i * 7919).slice(0, 7)}`, name, password_hash: null, locale: pick(ctx, LOCALES),
        kind: i % 3 === 0 ? 'pos' as const : 'registered' as const, age_band: pick(ctx, BANDS), gender: i % 4 === 0 ? null : pick(ctx, ['female', 'male']),
        postcode: String(50000 + Math.floor(ctx.random() * 9000)), country: 'MY',
        lat: home ? home.lat + (ctx.random() - 0.5) * 0.12 : null, lng: home ? home.lng + (ctx.random() - 0.5) * 0.12 : null,
        interests: [pick(ctx, INTERESTS), pick(ctx, INTERESTS)].filter((v, k, a) => a.indexOf(v) === k),
        email_verified_at: i % 3 === 0 ? null : new Date(), phone_verified_at: null, merged_into: null, anonymised_at: null,
      });
      for (const purpose of ['marketing_email', 'marketing_sms', 'location', 'analytics'] as const) {
        consents.push({ customer_id: id, purpose, granted: purpose === 'analytics' ? ctx.random() < 0.9 : ctx.random() < 0.55, source: i % 3 === 0 ? 'pos' : 'signup' });
      }
      customers.push({ id, email });
    }
    await trx.insertInto('customers').values(rows).execute();
    await trx.insertInto('customer_identities').values(rows.map((r, i) => ({ merchant_id: m, kind: 'email' as const, value: r.email, customer_id: r.id, verified: i % 3 !== 0, source: 'demo' }))).execute();
    await trx.insertInto('consent_events').values(consents.map((c) => ({ merchant_id: m, ...c, actor: 'demo' }))).execute();
    await trx.insertInto('customer_consents').values(consents.map((c) => ({ merchant_id: m, customer_id: c.customer_id, purpose: c.purpose, granted: c.granted }))).execute();

    // Online research: clicks from campaigns, product views and store searches over the last 30 days.
    const now = Date.now();
    const touches: { day: string; campaignId: string | null; channel: string; type: string; visitor: string | null }[] = [];
    const touchRows = customers.flatMap((c, i) => Array.from({ length: 1 + Math.floor(ctx.random() * 4) }, (_, k) => {
      const type = pick(ctx, ['link_click', 'email_click', 'product_view', 'page_view', 'store_locator_search', 'email_open'] as const);
      const campaignId = campaigns.length && ctx.random() < 0.6 ? campaigns[(i + k) % campaigns.length] : null;
      const utm = type.startsWith('email') ? { source: 'newsletter', medium: 'email' } : pick(ctx, [{ source: 'google', medium: 'cpc' }, { source: 'facebook', medium: 'paid_social' }, { source: 'instagram', medium: 'social' }]);
      const clickIds = utm.medium === 'cpc' ? { gclid: `demo${i}${k}` } : null;
      const at = new Date(now - Math.floor((2 + ctx.random() * 26) * DAY));
      const channel = channelOf({ type, utm, clickIds });
      touches.push({ day: at.toISOString().slice(0, 10), campaignId, channel, type, visitor: c.id });
      return {
        merchant_id: m, event_id: `demo-${i}-${k}`, type, occurred_at: at, customer_id: c.id, anonymous_id: `demo-device-${i}`, campaign_id: campaignId, channel,
        utm: JSON.stringify(utm), click_id: clickIds ? `gclid:${clickIds.gclid}` : null, url: null, product_id: null, store_id: null, code: null, lat: null, lng: null,
      };
    }));
    await trx.insertInto('touchpoints').values(touchRows).execute();
    await rollupTouches(trx, m, touches);

    // Store sales: mostly identified, a few anonymous, only from stock that is on the shelf.
    const stock = await trx.selectFrom('stock_levels').innerJoin('variants', (j) => j.onRef('variants.merchant_id', '=', 'stock_levels.merchant_id').onRef('variants.id', '=', 'stock_levels.variant_id'))
      .leftJoin('variant_prices', (j) => j.onRef('variant_prices.merchant_id', '=', 'variants.merchant_id').onRef('variant_prices.variant_id', '=', 'variants.id'))
      .select(['stock_levels.store_id', 'variants.sku', 'stock_levels.on_hand', 'stock_levels.reserved', 'variant_prices.price_minor'])
      .where('stock_levels.merchant_id', '=', m).where(sql<boolean>`stock_levels.on_hand - stock_levels.reserved >= 6`).orderBy('stock_levels.store_id').orderBy('variants.sku').limit(400).execute();
    const merchant = await trx.selectFrom('merchants').select('currency').where('id', '=', m).executeTakeFirstOrThrow();
    for (let i = 0; stock.length && i < 40; i++) {
      const item = stock[Math.floor(ctx.random() * stock.length)];
      const customer = i % 5 === 4 ? null : customers[Math.floor(ctx.random() * customers.length)];
      await recordStoreSale(trx, ctx.system, item.store_id, merchant.currency, {
        clientSaleId: `DEMO-${1000 + i}`, occurredAt: new Date(now - Math.floor(ctx.random() * 20 * DAY) - 3600_000).toISOString(), paymentMethod: pick(ctx, ['card', 'cash', 'ewallet']),
        lines: [{ sku: item.sku, quantity: 1, unitPriceMinor: item.price_minor ?? 4990 }], customer: customer ? { email: customer.email } : undefined,
      });
    }

    const segments: [string, SegmentRule[]][] = [
      ['Researched online, never bought in store', [{ type: 'purchased', channel: 'online', withinDays: 90 }, { type: 'never_purchased', channel: 'store' }]],
      ['Email subscribers who bought in store', [{ type: 'consent', purpose: 'marketing_email' }, { type: 'purchased', channel: 'store', withinDays: 90 }]],
      ['Young audio fans', [{ type: 'age_band', values: ['18_24', '25_34'] }, { type: 'interest', value: 'audio' }]],
      ...(stores[0] ? [['Within 5 km of the first store', [{ type: 'near_store', storeId: stores[0].id, km: 5 }]] as [string, SegmentRule[]]] : []),
    ];
    for (const [name, rules] of segments) {
      const id = randomUUID();
      await trx.insertInto('segments').values({ merchant_id: m, id, name, description: '', rules: JSON.stringify(rules), refreshed_at: null }).execute();
      await refreshInto(trx, m, id, rules);
    }
    ctx.shared.customerIds = customers.map((c) => c.id);
  },
};
