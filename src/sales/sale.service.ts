import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, storeScope, type Actor } from '../platform/access.ts';
import type { Db, Trx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel, audit, emitEvent } from '../platform/outbox.ts';
import { applyMovements } from '../inventory/movements.ts';
import { resolveCustomer, normaliseCode, type CustomerIdentifiers } from '../customers/identity.ts';
import { earnPointsForPurchase, refundSpentPoints, reverseEarnedPoints, spendPoints } from '../loyalty/points.ts';
import { recordPurchaseAnalytics } from '../analytics/sale-analytics.ts';
import { campaignsForCodes, customerFromCodes } from './code-campaigns.ts';
import * as repo from './sale.repository.ts';

export const MAX_SALES_PER_BATCH = 500;
// A till that was offline for a while still reports; a sale dated in the future is a clock error.
const MAX_FUTURE_MS = 10 * 60_000;
const MAX_PAST_MS = 400 * 86400_000;

export interface SaleInput {
  clientSaleId: string;
  kind?: 'sale' | 'return';
  occurredAt: string;
  lines: { sku: string; quantity: number; unitPriceMinor: number }[];
  paymentMethod: string;
  currency?: string;
  discountMinor?: number;
  codes?: { code: string; discountMinor?: number }[];
  customer?: CustomerIdentifiers;
  pointsToRedeem?: number;
  /** A return names the sale it returns (its client sale id at the same store) when the receipt is known. */
  originalClientSaleId?: string;
}

export type SaleResult =
  | { index: number; clientSaleId: string; status: 'created' | 'duplicate'; saleId: string; totalMinor: number; pointsEarned: number; customerId: string | null }
  | { index: number; clientSaleId: string; status: 'rejected'; error: { code: string; detail: string } };

function storeOf(actor: Actor, storeId: string | undefined): string {
  const scope = storeScope(actor);
  if (storeId) return storeId;
  if (scope?.length === 1) return scope[0];
  throw new AppError('validation', 'Give storeId: this credential is not tied to one store');
}

function check(s: SaleInput) {
  if (!s.lines.length) throw new AppError('validation', 'A sale needs at least one line');
  const at = Date.parse(s.occurredAt);
  if (Number.isNaN(at)) throw new AppError('validation', 'occurredAt is not a date-time');
  if (at > Date.now() + MAX_FUTURE_MS) throw new AppError('clock_skew', 'occurredAt is in the future; check the till clock');
  if (at < Date.now() - MAX_PAST_MS) throw new AppError('clock_skew', 'occurredAt is more than 400 days ago');
  if ((s.kind ?? 'sale') === 'return' && s.pointsToRedeem) throw new AppError('validation', 'A return cannot redeem points');
}

/**
 * Records a batch of till sales and returns, each in its own transaction so one bad sale never
 * blocks the rest. A sale already recorded (same client sale id at this store) answers duplicate.
 */
export async function reportSales(db: Db, actor: Actor, input: { storeId?: string; sales: SaleInput[] }): Promise<SaleResult[]> {
  requireAccess(actor, Permission.SaleReport);
  const storeId = storeOf(actor, input.storeId);
  requireAccess(actor, Permission.SaleReport, { storeIds: [storeId] });
  if (input.sales.length > MAX_SALES_PER_BATCH) throw new AppError('batch_too_large', `At most ${MAX_SALES_PER_BATCH} sales per call`);
  const store = await db.selectFrom('stores').innerJoin('merchants', 'merchants.id', 'stores.merchant_id')
    .select(['stores.id', 'merchants.currency']).where('stores.merchant_id', '=', actor.merchantId).where('stores.id', '=', storeId).executeTakeFirst();
  if (!store) throw notFound('Store');
  const results: SaleResult[] = [];
  for (const [index, sale] of input.sales.entries()) {
    try {
      check(sale);
      const existing = await repo.findSaleByClientId(db, actor.merchantId, storeId, sale.clientSaleId);
      if (existing) {
        results.push({ index, clientSaleId: sale.clientSaleId, status: 'duplicate', saleId: existing.id, totalMinor: existing.total_minor, pointsEarned: 0, customerId: existing.customer_id });
        continue;
      }
      const r = await db.transaction().execute((trx) => recordStoreSale(trx, actor, storeId, store.currency, sale));
      results.push({ index, clientSaleId: sale.clientSaleId, status: 'created', ...r });
    } catch (err) {
      const dup = await repo.findSaleByClientId(db, actor.merchantId, storeId, sale.clientSaleId).catch(() => undefined);
      if (dup) { // a concurrent call recorded the same sale first
        results.push({ index, clientSaleId: sale.clientSaleId, status: 'duplicate', saleId: dup.id, totalMinor: dup.total_minor, pointsEarned: 0, customerId: dup.customer_id });
      } else if (err instanceof AppError && err.status < 500) {
        results.push({ index, clientSaleId: sale.clientSaleId, status: 'rejected', error: { code: err.code, detail: err.message } });
      } else {
        throw err;
      }
    }
  }
  return results;
}

/** One sale in the caller's transaction (the batch use-case, and demo data). */
export async function recordStoreSale(trx: Trx, actor: Actor, storeId: string, merchantCurrency: string, s: SaleInput) {
  const m = actor.merchantId;
  const kind = s.kind ?? 'sale';
  const currency = (s.currency ?? merchantCurrency).toUpperCase();
  if (currency !== merchantCurrency) throw new AppError('validation', `This shop sells in ${merchantCurrency}`);
  const variants = await repo.variantsBySku(trx, m, [...new Set(s.lines.map((l) => l.sku))]);
  const bySku = new Map(variants.flatMap((v) => [[v.sku, v], ...(v.barcode ? [[v.barcode, v] as const] : [])]));
  const lines = s.lines.map((l, i) => {
    const v = bySku.get(l.sku);
    if (!v) throw new AppError('validation', `Line ${i + 1}: unknown SKU ${l.sku}`, { line: i + 1 });
    return { ...l, variant: v, total: l.quantity * l.unitPriceMinor };
  });
  const subtotal = lines.reduce((n, l) => n + l.total, 0);
  // Money must stay exact in a JS number and believable for one till receipt.
  if (subtotal > 1e13) throw new AppError('validation', 'The sale total is beyond any real receipt');
  const codeDiscount = (s.codes ?? []).reduce((n, c) => n + (c.discountMinor ?? 0), 0);
  const discount = (s.discountMinor ?? 0) + codeDiscount;
  if (discount > subtotal) throw new AppError('validation', 'Discounts exceed the sale subtotal');
  const saleId = randomUUID();
  const codes = [...new Set((s.codes ?? []).map((c) => normaliseCode(c.code)))];
  const customerId = s.customer
    ? await resolveCustomer(trx, m, s.customer, { kind: 'pos', source: 'pos', verified: !!s.customer.loyaltyCard })
    : await customerFromCodes(trx, m, codes, s.clientSaleId);

  let original: Awaited<ReturnType<typeof repo.findSale>> | undefined;
  if (kind === 'return' && s.originalClientSaleId) {
    original = await repo.findSaleByClientId(trx, m, storeId, s.originalClientSaleId);
    if (!original || original.kind !== 'sale') throw new AppError('validation', `No sale ${s.originalClientSaleId} at this store to return against`);
  }
  let pointsDiscount = 0;
  if (s.pointsToRedeem) {
    if (!customerId) throw new AppError('validation', 'Redeeming points needs the customer (loyalty card, email or phone)');
    pointsDiscount = await spendPoints(trx, m, { customerId, points: s.pointsToRedeem, basketMinor: subtotal - discount, refType: 'store_sale', refId: saleId });
  }
  const total = subtotal - discount - pointsDiscount;
  const cost = lines.reduce((n, l) => n + (l.variant.cost_minor ?? 0) * l.quantity, 0);
  const campaigns = await campaignsForCodes(trx, m, codes, s.clientSaleId);

  await trx.insertInto('store_sales').values({
    merchant_id: m, id: saleId, store_id: storeId, client_sale_id: s.clientSaleId, kind, occurred_at: new Date(s.occurredAt),
    customer_id: customerId, payment_method: s.paymentMethod, currency, subtotal_minor: subtotal, discount_minor: discount,
    points_discount_minor: pointsDiscount, total_minor: total, cost_minor: cost, original_sale_id: original?.id ?? null, actor: actorLabel(actor),
  }).execute();
  await trx.insertInto('store_sale_lines').values(lines.map((l, i) => ({
    merchant_id: m, sale_id: saleId, line_no: i + 1, variant_id: l.variant.id, sku: l.variant.sku, quantity: l.quantity,
    unit_price_minor: l.unitPriceMinor, line_total_minor: l.total, unit_cost_minor: l.variant.cost_minor,
  }))).execute();
  if (codes.length) {
    await trx.insertInto('store_sale_codes').values(codes.map((code) => ({
      merchant_id: m, sale_id: saleId, code, campaign_id: campaigns.get(code) ?? null,
      discount_minor: (s.codes ?? []).filter((c) => normaliseCode(c.code) === code).reduce((n, c) => n + (c.discountMinor ?? 0), 0),
    }))).execute();
  }
  await applyMovements(trx, m, lines.map((l) => ({
    storeId, variantId: l.variant.id, type: kind, quantity: l.quantity, refType: 'store_sale', refId: saleId,
  })), { actor: actorLabel(actor) });

  let pointsEarned = 0;
  if (customerId && kind === 'sale') {
    await trx.insertInto('customer_purchases').values({ merchant_id: m, channel: 'store', ref_id: saleId, customer_id: customerId, store_id: storeId, total_minor: total, occurred_at: new Date(s.occurredAt) }).execute();
    const share = subtotal ? total / subtotal : 0;
    pointsEarned = await earnPointsForPurchase(trx, m, {
      customerId, channel: 'store', refType: 'store_sale', refId: saleId, currency, occurredAt: new Date(s.occurredAt),
      lines: lines.map((l) => ({ amountMinor: Math.floor(l.total * share), categoryId: l.variant.category_id })),
      campaignIds: [...campaigns.values()].filter((c): c is string => !!c),
    });
  }
  if (kind === 'return' && original?.customer_id) {
    const share = original.total_minor ? total / original.total_minor : 1;
    await reverseEarnedPoints(trx, m, { customerId: original.customer_id, earnRef: { type: 'store_sale', id: original.id }, share, refType: 'store_return', refId: saleId });
    if (original.points_discount_minor > 0 && share >= 1) {
      const spent = await trx.selectFrom('loyalty_ledger').select('points').where('merchant_id', '=', m).where('kind', '=', 'spend').where('ref_type', '=', 'store_sale').where('ref_id', '=', original.id).executeTakeFirst();
      if (spent) await refundSpentPoints(trx, m, { customerId: original.customer_id, points: -spent.points, refType: 'store_return', refId: saleId });
    }
  }
  await recordPurchaseAnalytics(trx, m, {
    channel: 'store', ref: saleId, storeId, kind, occurredAt: new Date(s.occurredAt), customerId: customerId ?? original?.customer_id ?? null,
    totalMinor: total, costMinor: cost, codeCampaigns: [...campaigns.values()].filter((c): c is string => !!c), originalRef: original?.id ?? null,
  });
  await audit(trx, actor, kind === 'sale' ? 'store_sale.recorded' : 'store_return.recorded', { type: 'store_sale', id: saleId }, { storeId, clientSaleId: s.clientSaleId, totalMinor: total });
  await emitEvent(trx, m, kind === 'sale' ? 'store_sale.recorded' : 'store_return.recorded', {
    saleId, storeId, clientSaleId: s.clientSaleId, occurredAt: s.occurredAt, customerId, totalMinor: total, currency, codes, pointsEarned,
  });
  return { saleId, totalMinor: total, pointsEarned, customerId };
}

export async function getSale(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.SaleReport);
  const sale = await repo.findSale(db, actor.merchantId, id);
  if (!sale) throw notFound('Sale');
  requireAccess(actor, Permission.SaleReport, { storeIds: [sale.store_id] });
  const [lines, codes] = await Promise.all([repo.linesOf(db, actor.merchantId, id), repo.codesOf(db, actor.merchantId, id)]);
  return { ...sale, lines, codes };
}

export async function listSales(db: Db, actor: Actor, q: repo.SaleListQuery) {
  requireAccess(actor, Permission.SaleReport, { storeIds: q.storeId ? [q.storeId] : [] });
  const scope = storeScope(actor);
  if (scope && !q.storeId) {
    if (scope.length !== 1) throw new AppError('validation', 'Give storeId');
    q = { ...q, storeId: scope[0] };
  }
  return repo.listSales(db, actor.merchantId, q);
}
