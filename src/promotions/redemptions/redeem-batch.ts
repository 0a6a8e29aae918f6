import type { Db, Executor } from '../../platform/db.ts';
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

interface Item {
  code: string;
  req: CodeRequest;
  meta: RedemptionMeta;
  resolve(r: LookResult): void;
  reject(err: unknown): void;
}

interface Lane { waiting: Item[]; inFlight: number; scheduled: boolean }

const MAX_BATCH = 64;
// Two batches at once: one is evaluated while the other writes.
const MAX_IN_FLIGHT = 2;

const lanes = new WeakMap<Db, Map<string, Lane>>();

/**
 * Evaluates one code (unlocked) and, when it applies and needs nothing but its code row guarded,
 * records the redemption in a single statement. Otherwise `written` is null and the caller decides
 * (a rejection, or the locking path). Inside a caller's transaction it runs alone, in that transaction.
 */
export function lookAndRecord(db: Executor, merchantId: string, req: CodeRequest, meta: RedemptionMeta): Promise<LookResult> {
  if (db.isTransaction || req.codes.length !== 1) return lookAndRecordOne(db, merchantId, req, meta);
  const pool = db as Db;
  let byMerchant = lanes.get(pool);
  if (!byMerchant) lanes.set(pool, (byMerchant = new Map()));
  let lane = byMerchant.get(merchantId);
  if (!lane) byMerchant.set(merchantId, (lane = { waiting: [], inFlight: 0, scheduled: false }));
  const queued = lane;
  return new Promise((resolve, reject) => {
    queued.waiting.push({ code: normalizeCode(req.codes[0]), req, meta, resolve, reject });
    schedule(pool, merchantId, queued);
  });
}

/** Today's one-at-a-time path: its own look, its own statement. */
async function lookAndRecordOne(db: Executor, merchantId: string, req: CodeRequest, meta: RedemptionMeta): Promise<LookResult> {
  const [outcome] = await evaluate(db, merchantId, req, false);
  const written = outcome.applies && fitsOneStatement(outcome) ? await recordRedemptionInOneStatement(db, merchantId, outcome, req, meta) : null;
  return { outcome, written };
}

// Drains once the current turn of the event loop is over, so the tills a finished batch woke up
// (they come back within that turn) form the next batch together instead of one going alone.
function schedule(db: Db, merchantId: string, lane: Lane) {
  if (lane.scheduled) return;
  lane.scheduled = true;
  setImmediate(() => {
    lane.scheduled = false;
    pump(db, merchantId, lane);
  });
}

function pump(db: Db, merchantId: string, lane: Lane) {
  while (lane.inFlight < MAX_IN_FLIGHT && lane.waiting.length) {
    const batch = take(lane);
    lane.inFlight++;
    void run(db, merchantId, batch).finally(() => {
      lane.inFlight--;
      if (!lane.inFlight && !lane.waiting.length) lanes.get(db)?.delete(merchantId);
      else schedule(db, merchantId, lane);
    });
  }
}

/** Up to MAX_BATCH waiting items in arrival order, one per code: a repeated code waits for a later batch. */
function take(lane: Lane): Item[] {
  const batch: Item[] = [];
  const rest: Item[] = [];
  const codes = new Set<string>();
  for (const item of lane.waiting) {
    if (batch.length < MAX_BATCH && !codes.has(item.code)) {
      codes.add(item.code);
      batch.push(item);
    } else rest.push(item);
  }
  lane.waiting = rest;
  return batch;
}

async function run(db: Db, merchantId: string, items: Item[]) {
  if (items.length === 1) return settle(items[0], lookAndRecordOne(db, merchantId, items[0].req, items[0].meta));
  let results: LookResult[];
  try {
    results = await lookAndRecordBatch(db, merchantId, items);
  } catch {
    // A failed batch (a deadlock, a reused clientRedemptionId, one bad request) wrote nothing:
    // each item goes its own way, so one bad item never fails its neighbours.
    await Promise.all(items.map((it) => settle(it, lookAndRecordOne(db, merchantId, it.req, it.meta))));
    return;
  }
  items.forEach((it, k) => it.resolve(results[k]));
}

async function lookAndRecordBatch(db: Db, merchantId: string, items: Item[]): Promise<LookResult[]> {
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

async function settle(item: Item, work: Promise<LookResult>) {
  try {
    item.resolve(await work);
  } catch (err) {
    item.reject(err);
  }
}
