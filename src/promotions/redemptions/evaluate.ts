import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { normalizeCode } from '../codes/code-format.ts';
import { basketTotal, checkConditions, computeOffer, type Applied, type BasketLine, type SaleFacts } from '../offers/offer-rules.ts';
import type { NotApplicableReason } from '../offers/offer-types.ts';
import { customerRedemptionCounts, loadCodeContexts, storeFacts, type CodeContext } from './code-context.repository.ts';
import { customerSegments, hasPriorPurchase } from './customer-facts.ts';

export interface CodeRequest {
  codes: string[];
  lines: BasketLine[];
  storeId: string | null;
  channel: 'online' | 'in_store';
  customerId: string | null;
  fulfilment?: string | null;
  currency: string;
  /** When the sale happened (offline replays); defaults to now. */
  at?: Date;
  location?: { lat: number; lng: number } | null;
}

export type CodeOutcome =
  | ({ code: string; applies: true; codeId: string; campaignId: string; offerId: string; offerKind: string; context: CodeContext } & Applied)
  | { code: string; applies: false; reason: NotApplicableReason; detail: string; codeId?: string; campaignId?: string; context?: CodeContext };

export const MAX_CODES_PER_BASKET = 10;

const no = (code: string, reason: NotApplicableReason, detail: string, ctx?: CodeContext): CodeOutcome =>
  ({ code, applies: false, reason, detail, codeId: ctx?.id, campaignId: ctx?.campaign_id, context: ctx });

/** State of the code and its campaign at instant `at`; null when usable. */
function stateProblem(c: CodeContext, req: CodeRequest, at: Date): [NotApplicableReason, string] | null {
  if (c.status !== 'active') return ['code_disabled', 'This code has been disabled'];
  if (c.campaign_status === 'ended' || c.campaign_status === 'archived') return ['expired', 'This campaign has ended'];
  if (c.campaign_status !== 'active' && c.campaign_status !== 'scheduled') return ['campaign_inactive', 'This campaign is not running'];
  const starts = c.starts_at ?? c.campaign_starts_at;
  const ends = c.ends_at ?? c.campaign_ends_at;
  if (starts && at < new Date(starts)) return ['not_started', `This code is valid from ${new Date(starts).toISOString()}`];
  if (ends && at >= new Date(ends)) return ['expired', `This code expired at ${new Date(ends).toISOString()}`];
  if (c.campaign_store_ids?.length && (!req.storeId || !c.campaign_store_ids.includes(req.storeId))) {
    return ['wrong_store', 'This code is not valid at this store'];
  }
  if (c.currency !== req.currency) return ['currency_mismatch', `This code is for ${c.currency} sales`];
  if (c.kind !== 'shared' && c.redemptions_count >= (c.max_redemptions ?? 1)) return ['already_redeemed', 'This code has already been used'];
  if (c.max_redemptions !== null && c.redemptions_count >= c.max_redemptions) return ['limit_reached', 'This code has reached its limit of uses'];
  if (c.customer_id && req.customerId && c.customer_id !== req.customerId) return ['issued_to_another_customer', 'This code belongs to another customer'];
  if ((c.budget_minor !== null && c.spent_minor >= c.budget_minor) || (c.budget_redemptions !== null && c.campaign_redemptions >= c.budget_redemptions)) {
    return ['budget_exhausted', 'This campaign has used up its budget'];
  }
  return null;
}

function validateRequest(req: CodeRequest) {
  if (req.codes.length > MAX_CODES_PER_BASKET) throw new AppError('validation', `At most ${MAX_CODES_PER_BASKET} codes per basket`);
  req.lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0 || !Number.isInteger(l.unitPriceMinor) || l.unitPriceMinor < 0) {
      throw new AppError('validation', `Basket line ${i + 1}: quantity must be a positive whole number and the price a whole non-negative amount`, { index: i });
    }
  });
}

/**
 * Decides, per code, the discount it gives on this basket or the reason it does not, applying codes
 * by priority (highest first) on what earlier codes left. With `lock`, code rows stay locked in the
 * caller's transaction so the answer holds until it commits. `preloaded` (unlocked contexts read for a
 * whole batch of requests, by code) spares the code lookup; a code missing from it is unknown.
 */
export async function evaluate(db: Executor, merchantId: string, req: CodeRequest, lock: boolean, preloaded?: ReadonlyMap<string, CodeContext>): Promise<CodeOutcome[]> {
  validateRequest(req);
  const normalized = req.codes.map(normalizeCode);
  const at = req.at ?? new Date();
  const contexts = preloaded
    ? new Map(normalized.flatMap((code) => { const c = preloaded.get(code); return c ? [[code, c] as const] : []; }))
    : new Map((await loadCodeContexts(db, merchantId, [...new Set(normalized)], lock)).map((c) => [c.code, c]));
  const store = req.storeId ? await storeFacts(db, merchantId, req.storeId) : null;
  if (req.storeId && !store) throw new AppError('validation', 'Unknown store');

  const found = [...contexts.values()];
  const segmentIds = [...new Set(found.flatMap((c) => c.conditions.segmentIds ?? []))];
  const customerId = req.customerId;
  const [segments, firstPurchase, perCustomer] = customerId
    ? await Promise.all([
      customerSegments(db, merchantId, customerId, segmentIds),
      found.some((c) => c.conditions.firstPurchase) ? hasPriorPurchase(db, merchantId, customerId).then((p) => !p) : Promise.resolve(null),
      customerRedemptionCounts(db, merchantId, customerId, found.filter((c) => c.per_customer_limit).map((c) => c.id)),
    ])
    : [new Set<string>(), null, new Map<string, number>()];

  const facts: SaleFacts = {
    at, channel: req.channel, fulfilment: req.fulfilment ?? null, storeId: req.storeId,
    storeTimezone: store?.timezone ?? null, storeLocation: store ? { lat: store.lat, lng: store.lng } : null,
    shopperLocation: req.location ?? null, customerId, isFirstPurchase: firstPurchase, customerSegmentIds: segments,
  };

  const order = normalized.map((code, i) => ({ code, i, ctx: contexts.get(code) }))
    .sort((a, b) => (b.ctx?.priority ?? 0) - (a.ctx?.priority ?? 0) || a.i - b.i);
  const remaining = req.lines.map((l) => l.quantity * l.unitPriceMinor);
  const outcomes: CodeOutcome[] = new Array(normalized.length);
  const seen = new Set<string>();
  const applied: CodeContext[] = [];
  for (const { code, i, ctx } of order) {
    if (seen.has(code)) { outcomes[i] = no(code, 'duplicate_code', 'This code is already in the basket', ctx); continue; }
    seen.add(code);
    if (!ctx) { outcomes[i] = no(code, 'unknown_code', 'No such code'); continue; }
    const problem = stateProblem(ctx, req, at);
    if (problem) { outcomes[i] = no(code, problem[0], problem[1], ctx); continue; }
    if (ctx.per_customer_limit) {
      if (!customerId) { outcomes[i] = no(code, 'customer_required', 'Identify the customer to use this code', ctx); continue; }
      if ((perCustomer.get(ctx.id) ?? 0) >= ctx.per_customer_limit) {
        outcomes[i] = no(code, 'customer_limit_reached', 'This customer has already used this code as often as allowed', ctx); continue;
      }
    }
    const condition = checkConditions(ctx.conditions, req.lines, facts);
    if (condition && !condition.ok) { outcomes[i] = no(code, condition.reason, condition.detail, ctx); continue; }
    if (applied.length && (!ctx.stackable || applied.some((a) => !a.stackable))) {
      outcomes[i] = no(code, 'not_stackable', 'This code cannot be combined with the other codes in the basket', ctx); continue;
    }
    const result = computeOffer(ctx.offer_kind, ctx.params, ctx.conditions, req.lines, remaining, req.fulfilment);
    if (!result.ok) { outcomes[i] = no(code, result.reason, result.detail, ctx); continue; }
    if (ctx.budget_minor !== null && ctx.spent_minor + result.applied.discountMinor > ctx.budget_minor) {
      outcomes[i] = no(code, 'budget_exhausted', 'This campaign has not enough budget left for this discount', ctx); continue;
    }
    for (const l of result.applied.lines) remaining[l.index] -= l.discountMinor;
    applied.push(ctx);
    outcomes[i] = { code, applies: true, codeId: ctx.id, campaignId: ctx.campaign_id, offerId: ctx.offer_id, offerKind: ctx.offer_kind, context: ctx, ...result.applied };
  }
  return outcomes;
}

export { basketTotal };
