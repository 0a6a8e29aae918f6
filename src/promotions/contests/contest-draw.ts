import { createHash, createHmac } from 'node:crypto';

/**
 * The fair draw, reproducible by anyone from the published seed and entrant list:
 *  1. entrants are the customer ids sorted ascending (byte order); entrantsHash = sha256 of them joined by "\n";
 *  2. the seed (hex) was committed before entries closed: seedCommitment = sha256(seed);
 *  3. a partial Fisher–Yates shuffle picks the winners: for i = 0..k-1, draw r from
 *     HMAC-SHA256(key = seed, message = entrantsHash + ":" + i + ":" + attempt), read its first 4 bytes as an
 *     unsigned big-endian integer, reject values >= the largest multiple of (n - i) below 2^32 (no modulo bias),
 *     and swap position i with i + (r mod (n - i)). Winners are positions 0..k-1.
 * Binding the draw to entrantsHash means the same seed with a different entrant list gives a different draw.
 */
export const DRAW_ALGORITHM = 'ff-draw-v1: sorted entrants, sha256 commitment, HMAC-SHA256 partial Fisher-Yates with rejection sampling';

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

export function entrantsHash(sortedIds: string[]): string {
  return sha256Hex(sortedIds.join('\n'));
}

export function sortEntrants(ids: string[]): string[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function uniform(seed: string, hash: string, i: number, bound: number): number {
  const limit = Math.floor(2 ** 32 / bound) * bound;
  for (let attempt = 0; ; attempt++) {
    const r = createHmac('sha256', Buffer.from(seed, 'hex')).update(`${hash}:${i}:${attempt}`).digest().readUInt32BE(0);
    if (r < limit) return r % bound;
  }
}

/** Picks k winners from the entrants (any order given; sorted here). Pure and deterministic. */
export function drawWinners(seed: string, entrants: string[], k: number): { winners: string[]; entrantsHash: string } {
  const pool = sortEntrants(entrants);
  const hash = entrantsHash(pool);
  const n = pool.length;
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + uniform(seed, hash, i, n - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return { winners: pool.slice(0, Math.min(k, n)), entrantsHash: hash };
}
