import type { Executor } from './db.ts';

interface Waiting<K, V> { key: K; resolve: (v: V) => void; reject: (err: unknown) => void }
interface Lane<K, V> { waiting: Waiting<K, V>[]; running: number; scheduled: boolean }

export interface CoalesceOptions<K> {
  /** Batches of one group running at once (default 1). */
  inFlight?: number;
  /** Most keys in one batch (default 256). */
  maxBatch?: number;
  /** Keys with the same identity never share a batch (a repeat waits for the next one). */
  distinctBy?: (key: K) => string;
  /**
   * When a batch fails, run its keys again one at a time, so one bad key fails only its own caller. For
   * writes that commit per batch: a failed batch wrote nothing, so each key can go again on its own.
   */
  retrySingly?: boolean;
}

/**
 * Turns a one-key statement into batched ones under load: calls that arrive while a batch is in flight
 * wait and go together in the next, so a busy shop pays one round trip per batch instead of one per
 * request; a lone call runs at once. `run` answers every key of a batch in order. Inside a transaction
 * the call runs alone, since the transaction's snapshot and locks are its own.
 */
export function coalesced<K, V, E extends Executor = Executor>(run: (db: E, group: string, keys: K[]) => Promise<V[]>, options: CoalesceOptions<K> = {}) {
  const { inFlight = 1, maxBatch = 256, distinctBy, retrySingly = false } = options;
  const lanes = new WeakMap<E, Map<string, Lane<K, V>>>();

  function take(lane: Lane<K, V>): Waiting<K, V>[] {
    if (!distinctBy) return lane.waiting.splice(0, maxBatch);
    const batch: Waiting<K, V>[] = [];
    const rest: Waiting<K, V>[] = [];
    const seen = new Set<string>();
    for (const w of lane.waiting) {
      const id = distinctBy(w.key);
      if (batch.length < maxBatch && !seen.has(id)) {
        seen.add(id);
        batch.push(w);
      } else rest.push(w);
    }
    lane.waiting = rest;
    return batch;
  }

  async function drain(db: E, group: string, lane: Lane<K, V>, byGroup: Map<string, Lane<K, V>>) {
    lane.running++;
    try {
      while (lane.waiting.length) {
        const batch = take(lane);
        try {
          const answers = await run(db, group, batch.map((w) => w.key));
          batch.forEach((w, i) => w.resolve(answers[i]));
        } catch (err) {
          if (!retrySingly || batch.length === 1) for (const w of batch) w.reject(err);
          else for (const w of batch) await run(db, group, [w.key]).then((a) => w.resolve(a[0]), w.reject);
        }
      }
    } finally {
      lane.running--;
      if (lane.running === 0 && lane.waiting.length === 0 && !lane.scheduled) byGroup.delete(group);
    }
  }

  return (db: E, group: string, key: K): Promise<V> => {
    if (db.isTransaction) return run(db, group, [key]).then((a) => a[0]);
    let byGroup = lanes.get(db);
    if (!byGroup) lanes.set(db, (byGroup = new Map()));
    let lane = byGroup.get(group);
    if (!lane) byGroup.set(group, (lane = { waiting: [], running: 0, scheduled: false }));
    const answer = new Promise<V>((resolve, reject) => lane.waiting.push({ key, resolve, reject }));
    if (lane.running < inFlight && !lane.scheduled) {
      // Starts once this turn of the event loop is over, so requests that arrived together go together.
      lane.scheduled = true;
      setImmediate(() => {
        lane.scheduled = false;
        // Each drain takes its batch at once, so a second starts only for what the first could not take.
        while (lane.running < inFlight && lane.waiting.length) void drain(db, group, lane, byGroup);
      });
    }
    return answer;
  };
}

/** A batch's rows answered in the order of its ids (undefined where there is none), as `run` must. */
export function alignById<R extends { id: string }>(ids: readonly string[], rows: readonly R[]): (R | undefined)[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The distinct well-formed ids of a batch: one caller's malformed id must not fail its neighbours' query. */
export const batchIds = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => UUID.test(id));
