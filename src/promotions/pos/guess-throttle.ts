import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Slows down code guessing: each credential may present only FAILURES_ALLOWED unknown codes per
 * window; after that every lookup is refused with 429 until the window ends, before touching the
 * database, so a guessing key learns nothing and costs little. Failures are counted in the database,
 * so every server process shares one allowance; each process also remembers what it has seen, so a
 * credential it knows to be throttled is refused without a query and valid codes never pay for this.
 */
export const FAILURES_ALLOWED = 20;
export const WINDOW_MS = 15 * 60_000;

export interface GuessSubject { merchantId: string; credential: string }

/** What this process knows per credential: its own count, and the shared count once it reached the allowance. */
const seen = new Map<string, { since: number; count: number; blockedUntil: number }>();
const keyOf = (s: GuessSubject) => `${s.merchantId}:${s.credential}`;

function current(key: string, now: number) {
  const entry = seen.get(key);
  if (!entry || now - entry.since >= WINDOW_MS) return null;
  return entry;
}

/** Throws rate_limited (429) when the credential has used up its unknown-code allowance. */
export function assertNotThrottled(s: GuessSubject, now = Date.now()) {
  const entry = current(keyOf(s), now);
  if (!entry) return;
  const until = entry.count >= FAILURES_ALLOWED ? Math.max(entry.blockedUntil, entry.since + WINDOW_MS) : entry.blockedUntil;
  if (until > now) {
    const retryAfter = Math.ceil((until - now) / 1000);
    throw new AppError('rate_limited', `Too many unknown codes from this credential; retry in ${retryAfter} s`, { reason: 'too_many_unknown_codes', retryAfter });
  }
}

/** Counts an unknown code here (at once, so concurrent guesses see it) and in the shared count. */
export async function recordUnknownCode(db: Executor, s: GuessSubject, now = Date.now()): Promise<void> {
  const key = keyOf(s);
  const entry = current(key, now);
  if (entry) entry.count++;
  else seen.set(key, { since: now, count: 1, blockedUntil: 0 });
  if (seen.size > 100_000) {
    for (const [k, e] of seen) if (now - e.since >= WINDOW_MS) seen.delete(k);
  }
  const window = sql`make_interval(secs => ${WINDOW_MS / 1000})`;
  const stale = sql`code_guess_failures.window_started_at < now() - ${window}`;
  const shared = await sql<{ failures: number; ends_at: Date }>`
    insert into code_guess_failures (merchant_id, credential, failures) values (${s.merchantId}, ${s.credential}, 1)
    on conflict (merchant_id, credential) do update set
      failures = case when ${stale} then 1 else code_guess_failures.failures + 1 end,
      window_started_at = case when ${stale} then now() else code_guess_failures.window_started_at end
    returning failures, window_started_at + ${window} as ends_at`.execute(db);
  const row = shared.rows[0];
  if (row && row.failures >= FAILURES_ALLOWED) {
    const mine = seen.get(key);
    if (mine) mine.blockedUntil = new Date(row.ends_at).getTime();
  }
}

/** Forgets shared counts whose window is over. */
export async function purgeCodeGuessFailures(ctx: { db: Executor }): Promise<number> {
  const r = await ctx.db.deleteFrom('code_guess_failures')
    .where('window_started_at', '<', sql<Date>`now() - make_interval(secs => ${WINDOW_MS / 1000})`).executeTakeFirst();
  return Number(r.numDeletedRows);
}
