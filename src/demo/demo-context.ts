import type { Actor } from '../platform/access.ts';
import type { Trx } from '../platform/db.ts';

/** Handed to every demo step: the demo tenant, a system actor, and a seeded random source. */
export interface DemoContext {
  trx: Trx;
  merchantId: string;
  system: Actor;
  /** Deterministic PRNG in [0, 1): the same seed gives the same demo data on every machine. */
  random(): number;
  /** What earlier steps made, for later steps to use (store ids, variant ids, customer ids, …). */
  shared: Record<string, unknown>;
}

export type DemoStep = { name: string; run(ctx: DemoContext): Promise<void> };

/** mulberry32: tiny, fast and good enough for demo data; not for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
