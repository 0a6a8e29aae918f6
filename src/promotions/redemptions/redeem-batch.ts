import { coalesced } from '../../platform/coalesce.ts';
import type { Executor } from '../../platform/db.ts';
import { normalizeCode } from '../codes/code-format.ts';
import { loadCodeContexts } from './code-context.repository.ts';
import { evaluate, type CodeOutcome, type CodeRequest } from './evaluate.ts';
import { fitsOneStatement, recordRedemptionInOneStatement, recordRedemptionsInOneStatement, type RedemptionMeta, type RedemptionView } from './redeem.ts';

/**
 * Group commit for till redemptions. Concurrent redemptions of one merchant queue up and are evaluated
 * with one code lookup and written with one statement (one round trip, one commit) per batch, so
 * throughput no longer pays a commit per redemption. A lone request goes straight through.
 */

/** What the unlocked look found, and the redemption when the fast path could already write it. */
export interface LookResult { outcome: CodeOutcome; written: RedemptionView | null }

interface Item { code: string; req: CodeRequest; meta: RedemptionMeta }

/** Today's one-at-a-time path: its own look, its own statement. */
async function lookAndRecordOne(db: Executor, merchantId: string, req: CodeRequest, meta: RedemptionMeta): Promise<LookResult> {
  const [outcome] = await evaluate(db, merchantId, req, false);
  const written = outcome.applies && fitsOneStatement(outcome) ? await recordRedemptionInOneStatement(db, merchantId, outcome, req, meta) : null;
  return { outcome, written };
}

const settleOne = (db: Executor, merchantId: string, it: Item): Promise<PromiseSettledResult<LookResult>> =>
  lookAndRecordOne(db, merchantId, it.req, it.meta).then((value) => ({ status: 'fulfilled', value }), (reason: unknown) => ({ status: 'rejected', reason }));

// One item per code per batch (a repeated code waits for the next), two batches at once: one is
// evaluated while the other writes.
const redeemBatch = coalesced(async (db: Executor, merchantId: string, items: Item[]): Promise<PromiseSettledResult<LookResult>[]> => {
  if (items.length === 1) return [await settleOne(db, merchantId, items[0])];
  try {
    return (await lookAndRecordBatch(db, merchantId, items)).map((value) => ({ status: 'fulfilled', value }));
  } catch {
    // A failed batch (a deadlock, a reused clientRedemptionId, one bad request) wrote nothing:
    // each item goes its own way, so one bad item never fails its neighbours.
    return Promise.all(items.map((it) => settleOne(db, merchantId, it)));
  }
}, { inFlight: 2, maxBatch: 64, distinctBy: (it) => it.code });

/**
 * Evaluates one code (unlocked) and, when it applies and needs nothing but its code row guarded,
 * records the redemption in a single statement. Otherwise `written` is null and the caller decides
 * (a rejection, or the locking path). Inside a caller's transaction it runs alone, in that transaction.
 */
export async function lookAndRecord(db: Executor, merchantId: string, req: CodeRequest, meta: RedemptionMeta): Promise<LookResult> {
  if (req.codes.length !== 1) return lookAndRecordOne(db, merchantId, req, meta);
  const outcome = await redeemBatch(db, merchantId, { code: normalizeCode(req.codes[0]), req, meta });
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
}

async function lookAndRecordBatch(db: Executor, merchantId: string, items: Item[]): Promise<LookResult[]> {
  const found = await loadCodeContexts(db, merchantId, items.map((it) => it.code), false);
  const contexts = new Map(found.map((c) => [c.code, c]));
  const outcomes = await Promise.all(items.map(async (it) => (await evaluate(db, merchantId, it.req, false, contexts))[0]));
  const writable = outcomes.flatMap((outcome, k) => (outcome.applies && fitsOneStatement(outcome) ? [{ k, outcome }] : []));
  const written = writable.length
    ? await recordRedemptionsInOneStatement(db, merchantId, writable.map(({ k, outcome }) => ({ outcome, req: items[k].req, meta: items[k].meta })))
    : new Map<number, RedemptionView>();
  const byItem = new Map(writable.map(({ k }, w) => [k, written.get(w) ?? null]));
  return outcomes.map((outcome, k) => ({ outcome, written: byItem.get(k) ?? null }));
}
