import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorLabel, audit } from '../../platform/outbox.ts';
import type { BasketLine } from '../offers/offer-rules.ts';
import { evaluate, type CodeOutcome, type CodeRequest } from '../redemptions/evaluate.ts';
import { recordRedemption, toView, voidRecordedRedemption, type RedemptionView } from '../redemptions/redeem.ts';
import { lookAndRecord } from '../redemptions/redeem-batch.ts';
import * as repo from '../redemptions/redemption.repository.ts';
import { assertNotThrottled, recordUnknownCode } from './guess-throttle.ts';
import { normalizeCode } from '../codes/code-format.ts';
import { resolveLines, type TillLine } from './till-lines.ts';

export interface TillBasket {
  code: string;
  storeId?: string;
  lines: TillLine[];
  currency?: string;
  customerId?: string | null;
}

export interface TillRedeem extends TillBasket {
  saleRef?: string | null;
  clientRedemptionId?: string | null;
  /** Offline replays: when the till accepted the code. */
  redeemedAt?: string;
}

/** A POS key is bound to one store; staff with several stores say which one. */
function tillStore(actor: Actor, storeId: string | undefined): string {
  const scope = actor.kind === 'apikey' || actor.kind === 'staff' ? actor.storeIds : null;
  const store = storeId ?? (scope?.length === 1 ? scope[0] : undefined);
  if (!store) throw new AppError('validation', 'Say which store this till is in (storeId)');
  requireAccess(actor, Permission.CodeRedeem, { storeIds: [store] });
  return store;
}

// A merchant's currency is fixed once trading; caching it spares a query on every till call.
const currencies = new Map<string, string>();
async function merchantCurrency(db: Db, merchantId: string) {
  let c = currencies.get(merchantId);
  if (!c) {
    c = (await db.selectFrom('merchants').select('currency').where('id', '=', merchantId).executeTakeFirstOrThrow()).currency;
    currencies.set(merchantId, c);
  }
  return c;
}

const guesser = (actor: Actor) => ({ merchantId: actor.merchantId, credential: actorLabel(actor) });

async function request(db: Db, actor: Actor, input: TillBasket, at?: Date): Promise<CodeRequest> {
  const storeId = tillStore(actor, input.storeId);
  assertNotThrottled(guesser(actor));
  const lines: BasketLine[] = await resolveLines(db, actor.merchantId, input.lines);
  const currency = input.currency ?? (await merchantCurrency(db, actor.merchantId));
  return { codes: [normalizeCode(input.code)], lines, storeId, channel: 'in_store', customerId: input.customerId ?? null, currency, at };
}

async function noteUnknown(db: Db, actor: Actor, o: CodeOutcome) {
  if (!o.applies && o.reason === 'unknown_code') await recordUnknownCode(db, guesser(actor));
}

export function outcomeView(o: CodeOutcome) {
  if (!o.applies) return { valid: false, code: o.code, reason: o.reason, detail: o.detail, discountMinor: 0, campaignId: o.campaignId ?? null };
  return {
    valid: true, code: o.code, discountMinor: o.discountMinor, lines: o.lines, campaignId: o.campaignId, offerId: o.offerId,
    offerKind: o.offerKind, gift: o.gift ?? null, pointsMultiplier: o.pointsMultiplier ?? null,
  };
}

/** Checks a code against the till's basket without redeeming it: the discount, or the reason it does not apply. */
export async function validateAtTill(db: Db, actor: Actor, input: TillBasket) {
  requireAccess(actor, Permission.CodeRedeem);
  const req = await request(db, actor, input);
  const [outcome] = await evaluate(db, actor.merchantId, req, false);
  await noteUnknown(db, actor, outcome);
  return outcomeView(outcome);
}

export type TillResult =
  | { status: 'redeemed'; replayed: boolean; redemption: RedemptionView }
  | { status: 'rejected'; code: string; reason: string; detail: string; conflict?: { redemptionId: string; storeId: string | null; redeemedAt: string } };

/**
 * Redeems a code exactly once. A retry with the same clientRedemptionId returns the first result;
 * concurrent attempts on one code serialize on its row lock, so only one can take its last use.
 */
export async function redeemAtTill(db: Db, actor: Actor, input: TillRedeem): Promise<TillResult> {
  requireAccess(actor, Permission.CodeRedeem);
  const at = input.redeemedAt ? new Date(input.redeemedAt) : undefined;
  if (at && (at.getTime() > Date.now() + 5 * 60_000 || at.getTime() < Date.now() - 90 * 24 * 3600_000)) {
    throw new AppError('validation', 'redeemedAt must be within the last 90 days and not in the future');
  }
  const req = await request(db, actor, input, at);
  const clientId = input.clientRedemptionId ?? null;
  const replay = async () => {
    const prior = clientId ? await repo.findByClientId(db, actor.merchantId, clientId) : undefined;
    if (!prior) return null;
    if (prior.code !== req.codes[0]) {
      throw new AppError('conflict', 'This clientRedemptionId was already used for another code');
    }
    return { status: 'redeemed' as const, replayed: true, redemption: toView(prior) };
  };
  const first = await replay();
  if (first) return first;
  const meta = { actor, saleRef: input.saleRef, clientRedemptionId: clientId };
  try {
    // Unlocked look first: a code that is used up (the common case under a rush) is refused without queueing on its row lock.
    // Concurrent tills share the look and the write (group commit), see redeem-batch.ts.
    const { outcome: look, written } = await lookAndRecord(db, actor.merchantId, req, meta);
    await noteUnknown(db, actor, look);
    if (written) return { status: 'redeemed', replayed: false, redemption: written };
    if (!look.applies) return await rejected(db, actor.merchantId, look);
    return await db.transaction().execute(async (trx): Promise<TillResult> => {
      const [outcome] = await evaluate(trx, actor.merchantId, req, true);
      // Checked again under the code lock: a concurrent retry may have committed meanwhile.
      const prior = clientId ? await repo.findByClientId(trx, actor.merchantId, clientId) : undefined;
      if (prior) return { status: 'redeemed', replayed: true, redemption: toView(prior) };
      if (!outcome.applies) return rejected(trx, actor.merchantId, outcome);
      const r = await recordRedemption(trx, actor.merchantId, outcome, req, meta);
      if (!r.ok) return { status: 'rejected', code: outcome.code, reason: r.reason, detail: r.detail };
      return { status: 'redeemed', replayed: false, redemption: r.redemption };
    });
  } catch (err) {
    // Two first attempts with one clientRedemptionId on different codes race to the unique index.
    if ((err as { code?: string }).code === '23505') {
      const again = await replay();
      if (again) return again;
    }
    throw err;
  }
}

async function rejected(db: Db | Parameters<typeof repo.latestLiveRedemption>[0], merchantId: string, o: Extract<CodeOutcome, { applies: false }>): Promise<TillResult> {
  const base = { status: 'rejected' as const, code: o.code, reason: o.reason, detail: o.detail };
  if ((o.reason === 'already_redeemed' || o.reason === 'limit_reached') && o.codeId) {
    const other = await repo.latestLiveRedemption(db, merchantId, o.codeId);
    if (other) return { ...base, conflict: { redemptionId: other.id, storeId: other.store_id, redeemedAt: new Date(other.redeemed_at).toISOString() } };
  }
  return base;
}

/** Cancels a redemption when the sale is cancelled; only a till of the same store (or a wider actor) may. */
export async function voidAtTill(db: Db, actor: Actor, redemptionId: string, reason: string) {
  requireAccess(actor, Permission.CodeRedeem);
  const r = await repo.findRedemption(db, actor.merchantId, redemptionId);
  if (!r) throw notFound('Redemption');
  requireAccess(actor, Permission.CodeRedeem, { storeIds: [r.store_id] });
  if (r.order_ref) throw new AppError('invalid_transition', 'This redemption belongs to an online order: cancel the order instead');
  if (r.voided_at) return toView(r);
  return db.transaction().execute(async (trx) => {
    const view = await voidRecordedRedemption(trx, actor.merchantId, r, actor, reason);
    await audit(trx, actor, 'code.redemption_voided', { type: 'code_redemption', id: r.id }, { code: r.code, reason });
    return view;
  });
}

export async function getRedemption(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CampaignRead);
  const r = await repo.findRedemption(db, actor.merchantId, id);
  if (!r) throw notFound('Redemption');
  requireAccess(actor, Permission.CampaignRead, { storeIds: [r.store_id] });
  return toView(r);
}
