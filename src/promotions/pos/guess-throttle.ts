import { AppError } from '../../platform/errors.ts';

/**
 * Slows down code guessing: each credential may present only FAILURES_ALLOWED unknown codes per
 * window; after that every lookup is refused with 429 until the window ends, before touching the
 * database, so a guessing key learns nothing and costs little. Per process: behind a load balancer
 * each instance throttles on its own, which still bounds guesses to instances × allowance.
 */
export const FAILURES_ALLOWED = 20;
export const WINDOW_MS = 15 * 60_000;

const failures = new Map<string, { since: number; count: number }>();

function current(key: string, now: number) {
  const entry = failures.get(key);
  if (!entry || now - entry.since >= WINDOW_MS) return null;
  return entry;
}

/** Throws rate_limited (429) when the credential has used up its unknown-code allowance. */
export function assertNotThrottled(key: string, now = Date.now()) {
  const entry = current(key, now);
  if (entry && entry.count >= FAILURES_ALLOWED) {
    const retryAfter = Math.ceil((entry.since + WINDOW_MS - now) / 1000);
    throw new AppError('rate_limited', `Too many unknown codes from this credential; retry in ${retryAfter} s`, { reason: 'too_many_unknown_codes', retryAfter });
  }
}

export function recordUnknownCode(key: string, now = Date.now()) {
  const entry = current(key, now);
  if (entry) entry.count++;
  else failures.set(key, { since: now, count: 1 });
  if (failures.size > 100_000) {
    for (const [k, e] of failures) if (now - e.since >= WINDOW_MS) failures.delete(k);
  }
}
