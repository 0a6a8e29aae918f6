import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access.ts';
import { sql } from 'kysely';
import type { Executor, Trx } from '../../platform/db.ts';
import { actorLabel, emitEvent } from '../../platform/outbox.ts';
import type { NotApplicableReason } from '../offers/offer-types.ts';
import type { CodeRequest, CodeOutcome } from './evaluate.ts';
import * as repo from './redemption.repository.ts';

export interface RedemptionMeta {
  actor: Actor;
  saleRef?: string | null;
  orderRef?: string | null;
  clientRedemptionId?: string | null;
}

export interface RedemptionView {
  id: string;
  code: string;
  codeId: string;
  campaignId: string;
  offerId: string;
  storeId: string | null;
  channel: 'online' | 'in_store';
  customerId: string | null;
  saleRef: string | null;
  orderRef: string | null;
  clientRedemptionId: string | null;
  basketTotalMinor: number;
  discountMinor: number;
  currency: string;
  lines: { index: number; discountMinor: number }[];
  redeemedAt: string;
  recordedAt: string;
  voidedAt: string | null;
  actor: string;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findRedemption>>>;

export function toView(r: Row): RedemptionView {
  const basket = r.basket;
  return {
    id: r.id, code: r.code, codeId: r.code_id, campaignId: r.campaign_id, offerId: r.offer_id, storeId: r.store_id,
    channel: r.channel, customerId: r.customer_id, saleRef: r.sale_ref, orderRef: r.order_ref, clientRedemptionId: r.client_redemption_id,
    basketTotalMinor: r.basket_total_minor, discountMinor: r.discount_minor, currency: r.currency,
    lines: basket.flatMap((l, index) => (l.discountMinor ? [{ index, discountMinor: l.discountMinor }] : [])),
    redeemedAt: new Date(r.redeemed_at).toISOString(), recordedAt: new Date(r.recorded_at).toISOString(),
    voidedAt: r.voided_at ? new Date(r.voided_at).toISOString() : null, actor: r.actor,
  };
}

export type RecordResult = { ok: true; redemption: RedemptionView } | { ok: false; reason: NotApplicableReason; detail: string };

/**
 * Writes one redemption for an applicable outcome, in the caller's transaction, with the code row
 * already locked by evaluate(). Budget is checked and spent under the campaign row lock.
 */
export async function recordRedemption(trx: Trx, merchantId: string, outcome: Extract<CodeOutcome, { applies: true }>, req: CodeRequest, meta: RedemptionMeta): Promise<RecordResult> {
  const ctx = outcome.context;
  const budgeted = ctx.budget_minor !== null || ctx.budget_redemptions !== null;
  // Only budgeted campaigns keep running totals: an unbudgeted campaign row would be a hot spot for nothing.
  if (budgeted) {
    const totals = await repo.spendBudget(trx, merchantId, ctx.campaign_id, outcome.discountMinor);
    if (!totals) return { ok: false, reason: 'budget_exhausted', detail: 'This campaign has used up its budget' };
    const moneyOut = totals.budget_minor !== null && totals.spent_minor >= totals.budget_minor;
    const countOut = totals.budget_redemptions !== null && totals.redemptions_count >= totals.budget_redemptions;
    if (moneyOut || countOut) {
      await emitEvent(trx, merchantId, 'campaign.budget_exhausted', {
        campaignId: ctx.campaign_id, spentMinor: totals.spent_minor, budgetMinor: totals.budget_minor,
        redemptions: totals.redemptions_count, budgetRedemptions: totals.budget_redemptions,
      });
    }
  }
  if (!(await repo.takeCodeUse(trx, merchantId, ctx.id))) {
    return { ok: false, reason: ctx.kind !== 'shared' ? 'already_redeemed' : 'limit_reached', detail: 'This code has no uses left' };
  }
  const values = redemptionValues(merchantId, outcome, req, meta);
  const row = await trx.insertInto('code_redemptions').values(values).returningAll().executeTakeFirstOrThrow();
  if (ctx.kind === 'voucher') {
    await trx.updateTable('vouchers').set({ status: 'redeemed', redeemed_at: row.redeemed_at, redeemed_store_id: req.storeId, redemption_id: row.id })
      .where('merchant_id', '=', merchantId).where('code_id', '=', ctx.id).where('status', '=', 'active').execute();
  }
  // The redemption row is itself the audit record (actor, store, basket, time), so no separate audit row.
  await emitEvent(trx, merchantId, 'code.redeemed', redeemedEvent(values));
  return { ok: true, redemption: toView(row) };
}

function redemptionValues(merchantId: string, outcome: Extract<CodeOutcome, { applies: true }>, req: CodeRequest, meta: RedemptionMeta) {
  const ctx = outcome.context;
  const discountByLine = new Map(outcome.lines.map((l) => [l.index, l.discountMinor]));
  const basket = req.lines.map((l, i) => ({
    variantId: l.variantId ?? null, productId: l.productId ?? null, categoryId: l.categoryId ?? null,
    quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, discountMinor: discountByLine.get(i) ?? 0,
  }));
  return {
    merchant_id: merchantId, id: randomUUID(), code_id: ctx.id, code: ctx.code, campaign_id: ctx.campaign_id, offer_id: ctx.offer_id,
    store_id: req.storeId, actor: actorLabel(meta.actor),
    staff_user_id: meta.actor.kind === 'staff' ? meta.actor.userId : null,
    api_key_id: meta.actor.kind === 'apikey' ? meta.actor.keyId : null,
    customer_id: req.customerId, sale_ref: meta.saleRef ?? null, order_ref: meta.orderRef ?? null,
    client_redemption_id: meta.clientRedemptionId ?? null, basket: JSON.stringify(basket),
    basket_total_minor: basket.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0), discount_minor: outcome.discountMinor,
    currency: req.currency, channel: req.channel, redeemed_at: req.at ?? new Date(), voided_at: null, void_reason: null,
  };
}

function redeemedEvent(v: ReturnType<typeof redemptionValues>) {
  return {
    redemptionId: v.id, code: v.code, codeId: v.code_id, campaignId: v.campaign_id, offerId: v.offer_id, storeId: v.store_id,
    channel: v.channel, customerId: v.customer_id, discountMinor: v.discount_minor, currency: v.currency, basketTotalMinor: v.basket_total_minor,
    saleRef: v.sale_ref, orderRef: v.order_ref, redeemedAt: v.redeemed_at.toISOString(), actor: v.actor,
  };
}

/** Whether a redemption can be written by the single-statement path (nothing but the code row to guard). */
export function fitsOneStatement(outcome: Extract<CodeOutcome, { applies: true }>): boolean {
  const c = outcome.context;
  return c.kind !== 'voucher' && c.per_customer_limit === null && c.budget_minor === null && c.budget_redemptions === null;
}

export interface BatchedRedemption { outcome: Extract<CodeOutcome, { applies: true }>; req: CodeRequest; meta: RedemptionMeta }

/**
 * The till's hot path, for one code or a batch of different codes (group commit): one statement, so one
 * round trip and one commit. It locks the code rows in code order (so concurrent batches cannot
 * deadlock), takes one use of each only while it has uses left (re-checked under the row lock), and
 * writes redemptions and outbox events only for the codes whose use was taken. Returns the written
 * redemptions by their index in `items`; the others had no use left, and the caller takes the locking
 * path, which gives the precise reason.
 */
export async function recordRedemptionsInOneStatement(db: Executor, merchantId: string, items: BatchedRedemption[]): Promise<Map<number, RedemptionView>> {
  const vs = items.map((it) => redemptionValues(merchantId, it.outcome, it.req, it.meta));
  const codes = vs.map((v) => v.code);
  // One JSON parameter for the whole batch: cheaper to build than twenty array parameters.
  const input = JSON.stringify(vs.map((v) => ({ ...v, event_id: randomUUID(), event: redeemedEvent(v) })));
  const r = await sql<{ id: string; recorded_at: Date }>`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb)
        as t(id uuid, code text, campaign_id uuid, offer_id uuid, store_id uuid, actor text, staff_user_id uuid, api_key_id uuid,
          customer_id uuid, sale_ref text, order_ref text, client_redemption_id text, basket text, basket_total_minor bigint,
          discount_minor bigint, currency text, channel text, redeemed_at timestamptz, event_id uuid, event jsonb)
    ), locked as materialized (
      select id from codes where merchant_id = ${merchantId} and code = any(${codes}::text[]) order by code for update
    ), used as (
      update codes c set redemptions_count = c.redemptions_count + 1
      from locked
      where c.merchant_id = ${merchantId} and c.id = locked.id and c.status = 'active'
        and (c.max_redemptions is null or c.redemptions_count < c.max_redemptions)
      returning c.id, c.code
    ), saved as (
      insert into code_redemptions (merchant_id, id, code_id, code, campaign_id, offer_id, store_id, actor, staff_user_id, api_key_id, customer_id,
        sale_ref, order_ref, client_redemption_id, basket, basket_total_minor, discount_minor, currency, channel, redeemed_at)
      select ${merchantId}::uuid, i.id, used.id, i.code, i.campaign_id, i.offer_id, i.store_id, i.actor, i.staff_user_id, i.api_key_id,
        i.customer_id, i.sale_ref, i.order_ref, i.client_redemption_id, i.basket::jsonb, i.basket_total_minor, i.discount_minor,
        i.currency::char(3), i.channel, i.redeemed_at
      from input i join used on used.code = i.code
      returning id, recorded_at
    ), event as (
      insert into outbox_events (merchant_id, id, type, payload)
      select ${merchantId}::uuid, i.event_id, 'code.redeemed', i.event from input i join saved on saved.id = i.id
    )
    select id, recorded_at from saved`.execute(db);
  const index = new Map<string, number>(vs.map((v, k) => [v.id, k]));
  return new Map(r.rows.map((row) => {
    const k = index.get(row.id)!;
    return [k, toView({ ...vs[k], basket: JSON.parse(vs[k].basket), recorded_at: row.recorded_at } as Row)];
  }));
}

/** Voids a redemption in the caller's transaction: the code use and any budget come back. */
export async function voidRecordedRedemption(trx: Trx, merchantId: string, r: Row, actor: Actor, reason: string): Promise<RedemptionView> {
  // Lock order matches redemption: code row first, then campaign row.
  await trx.selectFrom('codes').select('id').where('merchant_id', '=', merchantId).where('id', '=', r.code_id).forUpdate().execute();
  const row = await trx.updateTable('code_redemptions').set({ voided_at: new Date(), void_reason: reason })
    .where('merchant_id', '=', merchantId).where('id', '=', r.id).where('voided_at', 'is', null).returningAll().executeTakeFirst();
  if (!row) return toView((await repo.findRedemption(trx, merchantId, r.id))!);
  await repo.giveBackCodeUse(trx, merchantId, r.code_id);
  const campaign = await trx.selectFrom('campaigns').select(['budget_minor', 'budget_redemptions'])
    .where('merchant_id', '=', merchantId).where('id', '=', r.campaign_id).executeTakeFirstOrThrow();
  if (campaign.budget_minor !== null || campaign.budget_redemptions !== null) await repo.refundBudget(trx, merchantId, r.campaign_id, r.discount_minor);
  await trx.updateTable('vouchers').set({ status: 'active', redeemed_at: null, redeemed_store_id: null, redemption_id: null })
    .where('merchant_id', '=', merchantId).where('redemption_id', '=', r.id).execute();
  await emitEvent(trx, merchantId, 'code.voided', {
    redemptionId: r.id, code: r.code, codeId: r.code_id, campaignId: r.campaign_id, storeId: r.store_id, discountMinor: r.discount_minor,
    reason, actor: actorLabel(actor),
  });
  return toView(row);
}
