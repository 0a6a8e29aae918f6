import { coalesced } from '../../platform/coalesce.ts';
import type { Executor } from '../../platform/db.ts';
import { normalizeCode } from '../codes/code-format.ts';
import { loadCodeContexts, type CodeContext } from './code-context.repository.ts';
import { evaluate, type CodeOutcome, type CodeRequest } from './evaluate.ts';
import { fitsOneStatement, recordRedemptionsInOneStatement, type RedemptionMeta, type RedemptionView } from './redeem.ts';

/**
 * Group commit for till redemptions. Concurrent redemptions of one merchant queue up and are evaluated
 * with one code lookup and written with one statement (one round trip, one commit) per batch, so
 * throughput no longer pays a commit per redemption. A lone request goes straight through.
 */

/** What the unlocked look found, and the redemption when the fast path could already write it. */
export interface LookResult { outcome: CodeOutcome; written: RedemptionView | null }

interface Item { code: string; req: CodeRequest; meta: RedemptionMeta }

// One item per code per batch (a repeated code waits for the next), two batches at once: one is
// evaluated while the other writes. A failed batch (a deadlock, a reused clientRedemptionId, one bad
// request) wrote nothing, so its items go again one by one and one bad item never fails its neighbours.
const redeemBatch = coalesced(lookAndRecordBatch, { inFlight: 2, maxBatch: 64, distinctBy: (it) => it.code, retrySingly: true });

/**
 * Evaluates one code (unlocked) and, when it applies and needs nothing but its code row guarded,
 * records the redemption in a single statement. Otherwise `written` is null and the caller decides
 * (a rejection, or the locking path). Inside a caller's transaction it runs alone, in that transaction.
 */
export async function lookAndRecord(db: Executor, merchantId: string, req: CodeRequest, meta: RedemptionMeta): Promise<LookResult> {
  const item = { code: normalizeCode(req.codes[0]), req, meta };
  // A basket with several codes is evaluated as a whole, so it is never split across a batch.
  return req.codes.length === 1 ? redeemBatch(db, merchantId, item) : (await lookAndRecordBatch(db, merchantId, [item]))[0];
}

async function lookAndRecordBatch(db: Executor, merchantId: string, items: Item[]): Promise<LookResult[]> {
  // A batch (one code per item) shares one look-up; a lone request, which may carry several codes, looks up its own.
  let contexts: Map<string, CodeContext> | undefined;
  if (items.length > 1) contexts = new Map((await loadCodeContexts(db, merchantId, items.map((it) => it.code), false)).map((c) => [c.code, c]));
  const outcomes = await Promise.all(items.map(async (it) => (await evaluate(db, merchantId, it.req, false, contexts))[0]));
  const writable = outcomes.flatMap((outcome, k) => (outcome.applies && fitsOneStatement(outcome) ? [{ k, outcome }] : []));
  const written = writable.length
    ? await recordRedemptionsInOneStatement(db, merchantId, writable.map(({ k, outcome }) => ({ outcome, req: items[k].req, meta: items[k].meta })))
    : new Map<number, RedemptionView>();
  const byItem = new Map(writable.map(({ k }, w) => [k, written.get(w) ?? null]));
  return outcomes.map((outcome, k) => ({ outcome, written: byItem.get(k) ?? null }));
}
