import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchIds, coalesced } from '../../src/platform/coalesce.ts';
import type { Executor } from '../../src/platform/db.ts';

// The batching helper on its own: what a caller sees is its own answer, whatever else shares the batch.
describe('coalesced look-ups', () => {
  const pool = { isTransaction: false } as unknown as Executor;

  it('answers each caller with its own key, sharing batches under load, and runs a lone call at once', async () => {
    const batches: string[][] = [];
    const double = coalesced(async (_db, _group, keys: string[]) => {
      batches.push(keys);
      await new Promise((r) => setTimeout(r, 5));
      return keys.map((k) => k + k);
    });
    assert.equal(await double(pool, 'g', 'a'), 'aa');
    assert.deepEqual(batches, [['a']]);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => double(pool, 'g', String(i))));
    assert.deepEqual(answers, Array.from({ length: 50 }, (_, i) => `${i}${i}`));
    assert.ok(batches.length <= 3, `50 concurrent calls went in ${batches.length - 1} batches`);
  });

  it('keeps groups apart and rejects only the batch whose statement failed', async () => {
    const seen: string[] = [];
    const load = coalesced(async (_db, group, keys: string[]) => {
      seen.push(group);
      if (group === 'bad') throw new Error('boom');
      return keys.map((k) => `${group}:${k}`);
    });
    const [good, bad] = await Promise.allSettled([load(pool, 'ok', 'x'), load(pool, 'bad', 'y')]);
    assert.deepEqual(good, { status: 'fulfilled', value: 'ok:x' });
    assert.equal(bad.status, 'rejected');
  });

  it('with retrySingly, retries a failed batch key by key so only the bad key fails', async () => {
    const load = coalesced(async (_db, _group, keys: string[]) => {
      if (keys.includes('bad')) throw new Error(`boom ${keys.length}`);
      return keys.map((k) => k.toUpperCase());
    }, { retrySingly: true });
    const settled = await Promise.allSettled(['a', 'bad', 'c'].map((k) => load(pool, 'g', k)));
    assert.deepEqual(settled.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)), ['A', 'boom 1', 'C']);
  });

  it('drops malformed ids from a batch so one caller cannot fail the others', () => {
    assert.deepEqual(batchIds(['8a6f0c59-3f8e-4c3e-9a53-2b1f7f3e9d10', 'nope', '8a6f0c59-3f8e-4c3e-9a53-2b1f7f3e9d10']), ['8a6f0c59-3f8e-4c3e-9a53-2b1f7f3e9d10']);
  });
});
