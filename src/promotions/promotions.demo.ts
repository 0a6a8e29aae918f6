import { randomUUID } from 'node:crypto';
import type { DemoContext, DemoStep } from '../demo/demo-context.ts';
import type { DemoShared } from '../demo/stock.demo.ts';
import { SAFE_ALPHABET } from './codes/code-format.ts';

const DAY = 86_400_000;

/** Demo codes come from the seeded PRNG (not the CSPRNG) so the demo is the same on every machine. */
function demoCodes(ctx: DemoContext, prefix: string, count: number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    let s = prefix;
    for (let i = 0; i < 8; i++) s += SAFE_ALPHABET[Math.floor(ctx.random() * SAFE_ALPHABET.length)];
    out.add(s);
  }
  return [...out];
}

async function campaign(ctx: DemoContext, c: { name: string; goal: string; channels: string[]; status: string; startsInDays: number; endsInDays: number; radiusM?: number; budgetMinor?: number; costMinor: number; holdoutBp?: number },
  offer: { name: string; kind: string; params: object; conditions?: object; stackable?: boolean }) {
  const id = randomUUID();
  const offerId = randomUUID();
  const now = Date.now();
  await ctx.trx.insertInto('campaigns').values({
    merchant_id: ctx.merchantId, id, name: c.name, goal: c.goal as never, channels: c.channels, status: c.status as never,
    starts_at: new Date(now + c.startsInDays * DAY), ends_at: new Date(now + c.endsInDays * DAY), store_ids: null, currency: 'MYR',
    budget_minor: c.budgetMinor ?? null, budget_redemptions: null, cost_minor: c.costMinor, holdout_bp: c.holdoutBp ?? 0,
    radius_m: c.radiusM ?? null, landing_path: null,
  }).execute();
  await ctx.trx.insertInto('offers').values({
    merchant_id: ctx.merchantId, id: offerId, campaign_id: id, name: offer.name, kind: offer.kind as never,
    params: JSON.stringify(offer.params), conditions: JSON.stringify(offer.conditions ?? {}), stackable: offer.stackable ?? false,
  }).execute();
  return { id, offerId };
}

/** Campaigns a retailer would run: a shared weekend code, a geo walk-in offer, unique codes, a prepaid deal, tracking links. */
export const promotionsDemoStep: DemoStep = {
  name: 'promotions',
  async run(ctx) {
    const { trx, merchantId: m } = ctx;
    const shared = ctx.shared as Partial<DemoShared>;
    const weekend = await campaign(ctx,
      { name: 'Weekend in store', goal: 'footfall', channels: ['social', 'web', 'email'], status: 'active', startsInDays: -20, endsInDays: 40, budgetMinor: 5_000_000, costMinor: 250_000, holdoutBp: 1_000 },
      { name: '15 % off from RM 100, weekends', kind: 'percent_off', params: { percentBp: 1_500, maxDiscountMinor: 20_000 }, conditions: { minSpendMinor: 10_000, channel: 'both', windows: [{ days: ['sat', 'sun'], from: '09:00', to: '22:00' }] } });
    await trx.insertInto('codes').values({ merchant_id: m, id: randomUUID(), code: 'WEEKEND15', campaign_id: weekend.id, offer_id: weekend.offerId, kind: 'shared', batch_id: null, max_redemptions: 5_000, per_customer_limit: 1, customer_id: null, starts_at: null, ends_at: null }).execute();
    const batch = randomUUID();
    await trx.insertInto('codes').values(demoCodes(ctx, 'BL-', 200).map((code) => ({
      merchant_id: m, code, campaign_id: weekend.id, offer_id: weekend.offerId, kind: 'unique' as const, batch_id: batch, max_redemptions: 1, per_customer_limit: null, customer_id: null, starts_at: null, ends_at: null,
    }))).execute();
    for (const [channel, source] of [['social', 'instagram'], ['social', 'facebook'], ['email', 'newsletter']]) {
      await trx.insertInto('tracking_links').values({ merchant_id: m, id: randomUUID(), slug: `bl${source.slice(0, 6)}`, campaign_id: weekend.id, channel, source, medium: channel, content: '', landing_path: null }).execute();
    }

    const geo = await campaign(ctx,
      { name: 'Walk-in week', goal: 'footfall', channels: ['geo', 'in_app'], status: 'active', startsInDays: -3, endsInDays: 11, radiusM: 3_000, costMinor: 80_000 },
      { name: 'RM 20 off when you drop by', kind: 'amount_off', params: { amountMinor: 2_000 }, conditions: { minSpendMinor: 8_000, channel: 'in_store' } });
    await trx.insertInto('codes').values({ merchant_id: m, id: randomUUID(), code: 'DROPBY20', campaign_id: geo.id, offer_id: geo.offerId, kind: 'shared', batch_id: null, max_redemptions: null, per_customer_limit: 1, customer_id: null, starts_at: null, ends_at: null }).execute();

    const pickup = await campaign(ctx,
      { name: 'Collect and save', goal: 'sales', channels: ['web'], status: 'active', startsInDays: -10, endsInDays: 50, costMinor: 0 },
      { name: 'RM 10 off click & collect', kind: 'pickup_discount', params: { amountMinor: 1_000 }, conditions: { channel: 'online' }, stackable: true });
    await trx.insertInto('codes').values({ merchant_id: m, id: randomUUID(), code: 'COLLECT10', campaign_id: pickup.id, offer_id: pickup.offerId, kind: 'shared', batch_id: null, max_redemptions: null, per_customer_limit: null, customer_id: null, starts_at: null, ends_at: null }).execute();

    await campaign(ctx,
      { name: 'Spring clearance', goal: 'clearance', channels: ['email', 'sms'], status: 'ended', startsInDays: -60, endsInDays: -30, costMinor: 120_000 },
      { name: '20 % off', kind: 'percent_off', params: { percentBp: 2_000 } });

    const deals = await campaign(ctx,
      { name: 'Prepaid deals', goal: 'acquisition', channels: ['web', 'social'], status: 'active', startsInDays: -5, endsInDays: 60, costMinor: 0 },
      { name: 'Deal voucher', kind: 'amount_off', params: { amountMinor: 10_000 }, conditions: { channel: 'in_store' } });
    await trx.insertInto('voucher_products').values({
      merchant_id: m, id: randomUUID(), campaign_id: deals.id, offer_id: deals.offerId, title: 'RM 100 home voucher for RM 79',
      description: 'Spend RM 100 on anything in any Brightline store.', price_minor: 7_900, value_minor: 10_000, settle_minor: 7_500,
      currency: 'MYR', valid_days: 90, expiry_policy: 'refund', stock: 500,
    }).execute();
    Object.assign(ctx.shared, { campaignIds: { weekend: weekend.id, geo: geo.id, pickup: pickup.id }, storeCount: Object.keys(shared.storeIds ?? {}).length });
  },
};
