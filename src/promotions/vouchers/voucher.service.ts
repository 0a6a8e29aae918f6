import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import { queueMessage } from '../../notifications/notification.service.ts';
import { cardProvider, type CardDetails } from '../../payments/provider.ts';
import { findCampaign } from '../campaigns/campaign.repository.ts';
import { issueOneCode } from '../codes/code.repository.ts';
import { recordClaim } from '../distribution/wallet.service.ts';

export interface VoucherProductInput {
  title: string;
  description?: string;
  priceMinor: number;
  valueMinor: number;
  settleMinor: number;
  validDays: number;
  expiryPolicy?: 'expire' | 'refund';
  stock?: number | null;
}

/** A prepaid deal: the shopper pays priceMinor online, gets valueMinor off at the till; the store is owed settleMinor. */
export async function createVoucherProduct(db: Db, actor: Actor, campaignId: string, input: VoucherProductInput) {
  requireAccess(actor, Permission.CampaignManage);
  const campaign = await findCampaign(db, actor.merchantId, campaignId);
  if (!campaign) throw notFound('Campaign');
  if (input.settleMinor > input.valueMinor) throw new AppError('validation', 'The store settlement cannot exceed the voucher value');
  return db.transaction().execute(async (trx) => {
    // Each voucher product has its own offer: the amount off that the till applies.
    const offerId = randomUUID();
    await trx.insertInto('offers').values({
      merchant_id: actor.merchantId, id: offerId, campaign_id: campaignId, name: input.title, kind: 'amount_off',
      params: JSON.stringify({ amountMinor: input.valueMinor }), conditions: JSON.stringify({ channel: 'in_store' }),
    }).execute();
    const row = await trx.insertInto('voucher_products').values({
      merchant_id: actor.merchantId, id: randomUUID(), campaign_id: campaignId, offer_id: offerId, title: input.title, description: input.description ?? '',
      price_minor: input.priceMinor, value_minor: input.valueMinor, settle_minor: input.settleMinor, currency: campaign.currency,
      valid_days: input.validDays, expiry_policy: input.expiryPolicy ?? 'expire', stock: input.stock ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'voucher_product.created', { type: 'voucher_product', id: row.id }, { title: input.title, priceMinor: input.priceMinor });
    return productView(row);
  });
}

type ProductRow = { id: string; campaign_id: string; title: string; description: string; price_minor: number; value_minor: number; settle_minor: number; currency: string; valid_days: number; expiry_policy: string; stock: number | null; sold: number; status: string };
const productView = (p: ProductRow) => ({
  id: p.id, campaignId: p.campaign_id, title: p.title, description: p.description, priceMinor: p.price_minor, valueMinor: p.value_minor,
  settleMinor: p.settle_minor, currency: p.currency, validDays: p.valid_days, expiryPolicy: p.expiry_policy,
  remaining: p.stock === null ? null : p.stock - p.sold, status: p.status,
});

/** Vouchers on sale now (their campaign is running). */
export async function listVoucherProducts(db: Db, actor: Actor) {
  requireAccess(actor, Permission.CodeClaim);
  const rows = await db.selectFrom('voucher_products as v')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .selectAll('v').where('v.merchant_id', '=', actor.merchantId).where('v.status', '=', 'active').where('c.status', 'in', ['active', 'scheduled'])
    .where((eb) => eb.or([eb('c.ends_at', 'is', null), eb('c.ends_at', '>', sql<Date>`now()`)])).orderBy('v.created_at').execute();
  return rows.map(productView);
}

/**
 * Buys a voucher: the card is authorized and captured first, then the voucher, its code and the wallet
 * entry are written in one transaction; if that fails (e.g. sold out meanwhile) the payment is refunded.
 */
export async function purchaseVoucher(db: Db, actor: Actor, productId: string, input: { card: CardDetails; email?: string }) {
  requireAccess(actor, Permission.OrderPlace);
  const m = actor.merchantId;
  const product = await db.selectFrom('voucher_products').selectAll().where('merchant_id', '=', m).where('id', '=', productId).where('status', '=', 'active').executeTakeFirst();
  if (!product) throw notFound('Voucher');
  if (product.stock !== null && product.sold >= product.stock) throw new AppError('conflict', 'This voucher is sold out');
  const customerId = actor.kind === 'customer' ? actor.customerId : null;
  const person = customerId ? await db.selectFrom('customers').select(['email', 'locale']).where('merchant_id', '=', m).where('id', '=', customerId).executeTakeFirst() : undefined;
  const email = input.email ?? person?.email ?? null;
  if (!email) throw new AppError('validation', 'An email address is needed to send the voucher');
  const provider = cardProvider();
  const paymentId = randomUUID();
  const auth = await provider.authorize(db, { merchantId: m, paymentId, amountMinor: product.price_minor, currency: product.currency, card: input.card });
  if (auth.status !== 'authorized') {
    if (auth.status === 'pending') await provider.void(db, auth.ref);
    throw new AppError('payment_declined', auth.status === 'declined' ? `The card was declined (${auth.reason})` : 'This card needs a confirmation step; use another card');
  }
  await provider.capture(db, auth.ref, product.price_minor);
  const merchant = await db.selectFrom('merchants').select(['name', 'default_locale']).where('id', '=', m).executeTakeFirstOrThrow();
  try {
    return await db.transaction().execute(async (trx) => {
      const taken = await trx.updateTable('voucher_products').set({ sold: sql`sold + 1` })
        .where('merchant_id', '=', m).where('id', '=', productId).where((eb) => eb.or([eb('stock', 'is', null), eb('sold', '<', eb.ref('stock'))]))
        .returning('sold').executeTakeFirst();
      if (!taken) throw new AppError('conflict', 'This voucher sold out while you were paying; the payment has been refunded');
      const expiresAt = new Date(Date.now() + product.valid_days * 86_400_000);
      const code = await issueOneCode(trx, m, { campaignId: product.campaign_id, offerId: product.offer_id, kind: 'voucher', batchId: null, customerId, endsAt: expiresAt });
      const id = randomUUID();
      await trx.insertInto('vouchers').values({
        merchant_id: m, id, product_id: productId, code_id: code.id, customer_id: customerId, email, price_minor: product.price_minor,
        settle_minor: product.settle_minor, currency: product.currency, payment_ref: auth.ref, status: 'active', expires_at: expiresAt,
        redeemed_at: null, redeemed_store_id: null, redemption_id: null, closed_at: null,
      }).execute();
      if (customerId) await recordClaim(trx, m, { customerId, codeId: code.id, code: code.code, campaignId: product.campaign_id, storeId: null, channel: 'web', source: 'voucher' });
      await emitEvent(trx, m, 'code.issued', { codeId: code.id, code: code.code, kind: 'voucher', campaignId: product.campaign_id, offerId: product.offer_id, customerId, via: 'voucher' });
      await emitEvent(trx, m, 'voucher.purchased', { voucherId: id, productId, customerId, priceMinor: product.price_minor, currency: product.currency, paymentRef: auth.ref });
      await queueMessage(trx, m, {
        channel: 'email', to: email, template: 'promotions.voucher_purchased', locale: person?.locale ?? merchant.default_locale,
        data: { title: product.title, code: code.code, validUntil: expiresAt.toISOString().slice(0, 10), shopName: merchant.name }, related: { type: 'voucher', id },
      });
      return { voucherId: id, code: code.code, codeId: code.id, priceMinor: product.price_minor, valueMinor: product.value_minor, currency: product.currency, expiresAt: expiresAt.toISOString(), paymentRef: auth.ref };
    });
  } catch (err) {
    await provider.refund(db, auth.ref, product.price_minor);
    throw err;
  }
}

/** What the merchant owes each store for vouchers redeemed there in a period (settlement on redemption). */
export async function voucherSettlement(db: Db, actor: Actor, range: { from?: string; to?: string }) {
  requireAccess(actor, Permission.AnalyticsRead);
  const from = range.from ? new Date(range.from) : new Date(0);
  const to = range.to ? new Date(range.to) : new Date(Date.now() + 1000);
  const rows = await sql<{ store_id: string; store_name: string; currency: string; vouchers: number; owed_minor: number; sold_minor: number }>`
    select v.redeemed_store_id as store_id, s.name as store_name, v.currency, count(*)::int as vouchers,
           sum(v.settle_minor)::bigint as owed_minor, sum(v.price_minor)::bigint as sold_minor
    from vouchers v join stores s on s.merchant_id = v.merchant_id and s.id = v.redeemed_store_id
    where v.merchant_id = ${actor.merchantId} and v.status = 'redeemed' and v.redeemed_at >= ${from} and v.redeemed_at < ${to}
    group by v.redeemed_store_id, s.name, v.currency order by s.name`.execute(db);
  const outstanding = await sql<{ currency: string; vouchers: number; sold_minor: number }>`
    select currency, count(*)::int as vouchers, coalesce(sum(price_minor), 0)::bigint as sold_minor
    from vouchers where merchant_id = ${actor.merchantId} and status = 'active' group by currency`.execute(db);
  return {
    from: from.toISOString(), to: to.toISOString(),
    stores: rows.rows.map((r) => ({ storeId: r.store_id, storeName: r.store_name, currency: r.currency, vouchers: r.vouchers, owedMinor: Number(r.owed_minor), soldMinor: Number(r.sold_minor) })),
    outstanding: outstanding.rows.map((r) => ({ currency: r.currency, vouchers: r.vouchers, soldMinor: Number(r.sold_minor) })),
  };
}

/** Background job: unredeemed vouchers past their date expire or are refunded, per their product's policy. */
export async function closeExpiredVouchers(ctx: AppContext): Promise<number> {
  const due = await ctx.db.selectFrom('vouchers as v')
    .innerJoin('voucher_products as p', (j) => j.onRef('p.merchant_id', '=', 'v.merchant_id').onRef('p.id', '=', 'v.product_id'))
    .select(['v.merchant_id', 'v.id', 'v.code_id', 'v.payment_ref', 'v.price_minor', 'v.email', 'v.currency', 'p.expiry_policy', 'p.title'])
    .where('v.status', '=', 'active').where('v.expires_at', '<=', new Date()).limit(200).execute();
  const provider = cardProvider();
  for (const v of due) {
    const refund = v.expiry_policy === 'refund';
    await ctx.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('vouchers').set({ status: refund ? 'refunded' : 'expired', closed_at: new Date() })
        .where('merchant_id', '=', v.merchant_id).where('id', '=', v.id).where('status', '=', 'active').returning('id').executeTakeFirst();
      if (!row) return false;
      // Refunded inside the transaction: if the provider fails, the voucher stays active and the next run retries.
      if (refund) await provider.refund(trx, v.payment_ref, v.price_minor);
      await trx.updateTable('codes').set({ status: 'disabled' }).where('merchant_id', '=', v.merchant_id).where('id', '=', v.code_id).execute();
      await emitEvent(trx, v.merchant_id, refund ? 'voucher.refunded' : 'voucher.expired', { voucherId: v.id, priceMinor: v.price_minor, currency: v.currency });
      if (refund && v.email) {
        const code = await trx.selectFrom('codes').select('code').where('merchant_id', '=', v.merchant_id).where('id', '=', v.code_id).executeTakeFirstOrThrow();
        await queueMessage(trx, v.merchant_id, {
          channel: 'email', to: v.email, template: 'promotions.voucher_refunded', locale: 'en',
          data: { title: v.title, code: code.code, amount: `${(v.price_minor / 100).toFixed(2)} ${v.currency}` }, related: { type: 'voucher', id: v.id },
        });
      }
      return true;
    });
  }
  return due.length;
}
