/**
 * The promotions API for the orders domain (carts and checkout). Prices are integer minor units.
 *
 *   evaluateCodes(db, merchantId, input)           → per code: the discount, or why it does not apply
 *   redeemCodesForOrder(trx, merchantId, input)    → redeems them exactly once, in the caller's transaction
 *   voidRedemptionsForOrder(trx, merchantId, ref)  → gives the codes back when the order is cancelled
 */
import { systemActor, type Actor } from '../platform/access.ts';
import type { Executor, Trx } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { BasketLine } from './offers/offer-rules.ts';
import type { NotApplicableReason } from './offers/offer-types.ts';
import { evaluate, type CodeOutcome } from './redemptions/evaluate.ts';
import { recordRedemption, toView, voidRecordedRedemption, type RedemptionView } from './redemptions/redeem.ts';
import * as repo from './redemptions/redemption.repository.ts';

export type { BasketLine } from './offers/offer-rules.ts';

export interface BasketCodesInput {
  codes: string[];
  lines: { variantId: string; productId: string; categoryId: string | null; quantity: number; unitPriceMinor: number }[];
  storeId: string | null;
  channel: 'online' | 'in_store';
  customerId: string | null;
  /** e.g. 'pickup' (click & collect), 'delivery', 'ship_from_store': pickup discounts need 'pickup'. */
  fulfilment: string | null;
  currency: string;
  /** Shopper location, for offers limited to a distance from the store. */
  location?: { lat: number; lng: number } | null;
}

export type CodeEvaluation =
  | {
    code: string; applies: true; codeId: string; campaignId: string; offerId: string; offerKind: string;
    discountMinor: number; lines: { index: number; discountMinor: number }[];
    gift?: { variantId: string; quantity: number }; pointsMultiplier?: number;
  }
  | { code: string; applies: false; reason: NotApplicableReason; detail: string };

function publicOutcome(o: CodeOutcome): CodeEvaluation {
  if (!o.applies) return { code: o.code, applies: false, reason: o.reason, detail: o.detail };
  const { context: _context, ...rest } = o;
  return rest;
}

/** Read-only: what each code would give on this basket right now. Throws `malformed_code` (400) for a badly shaped code. */
export async function evaluateCodes(db: Executor, merchantId: string, input: BasketCodesInput): Promise<CodeEvaluation[]> {
  const outcomes = await evaluate(db, merchantId, { ...input, lines: input.lines as BasketLine[] }, false);
  return outcomes.map(publicOutcome);
}

/**
 * Redeems every code for an order inside the caller's transaction, locking the code rows; calling it
 * again for the same orderRef returns the redemptions already made (never redeems twice). If any code
 * no longer applies it throws `code_not_applicable` (422, with `code` and `reason`) so the order rolls back.
 */
export async function redeemCodesForOrder(
  trx: Trx,
  merchantId: string,
  input: BasketCodesInput & { orderRef: string; actor?: Actor },
): Promise<RedemptionView[]> {
  if (!input.codes.length) return [];
  const existing = await repo.findForOrder(trx, merchantId, input.orderRef);
  if (existing.length) return existing.filter((r) => !r.voided_at).map(toView);
  const req = { ...input, lines: input.lines as BasketLine[] };
  const outcomes = await evaluate(trx, merchantId, req, true);
  const actor = input.actor ?? (input.customerId ? { kind: 'customer' as const, merchantId, customerId: input.customerId } : systemActor(merchantId));
  const views: RedemptionView[] = [];
  for (const o of outcomes) {
    if (!o.applies) throw new AppError('code_not_applicable', `Code ${o.code}: ${o.detail}`, { code: o.code, reason: o.reason });
    const r = await recordRedemption(trx, merchantId, o, req, { actor, orderRef: input.orderRef });
    if (!r.ok) throw new AppError('code_not_applicable', `Code ${o.code}: ${r.detail}`, { code: o.code, reason: r.reason });
    views.push(r.redemption);
  }
  return views;
}

/** Voids an order's redemptions (cancellation or full refund): codes and budget are given back. */
export async function voidRedemptionsForOrder(trx: Trx, merchantId: string, orderRef: string, reason = 'order cancelled', actor?: Actor): Promise<RedemptionView[]> {
  const rows = await repo.findForOrder(trx, merchantId, orderRef);
  const out: RedemptionView[] = [];
  for (const r of rows.filter((x) => !x.voided_at)) out.push(await voidRecordedRedemption(trx, merchantId, r, actor ?? systemActor(merchantId), reason));
  return out;
}
