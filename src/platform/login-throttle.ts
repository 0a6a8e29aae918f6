import { sql } from 'kysely';
import type { Executor } from './db.ts';
import { AppError } from './errors.ts';

/** Guessing limits: per account and per client address, counted over a window, then a lockout. */
export const LOGIN_LIMITS = {
  perAccount: 5,
  perAddress: 30,
  windowSeconds: 15 * 60,
  lockoutSeconds: 15 * 60,
};

export interface LoginSubject { merchantId: string; account: string; address: string }

const keysOf = (s: LoginSubject) => [
  { key: `account:${s.account.toLowerCase()}`, max: LOGIN_LIMITS.perAccount },
  { key: `address:${s.address}`, max: LOGIN_LIMITS.perAddress },
];

/** Throws rate_limited (429) while the account or the address is locked out, before any password is checked. */
export async function assertLoginAllowed(db: Executor, s: LoginSubject): Promise<void> {
  const locked = await db.selectFrom('login_failures')
    .select(sql<number>`ceil(extract(epoch from max(locked_until) - now()))::int`.as('seconds'))
    .where('merchant_id', '=', s.merchantId).where('key', 'in', keysOf(s).map((k) => k.key)).where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (locked?.seconds) {
    throw new AppError('rate_limited', 'Too many failed sign-ins; wait before trying again', { retryAfterSeconds: Math.max(1, locked.seconds) });
  }
}

/** Counts a failed sign-in; reaching a limit inside the window starts a lockout. */
export async function recordLoginFailure(db: Executor, s: LoginSubject): Promise<void> {
  const window = sql`make_interval(secs => ${LOGIN_LIMITS.windowSeconds})`;
  // A row whose window or lockout has passed starts counting afresh.
  const stale = sql`(login_failures.window_started_at < now() - ${window} or login_failures.locked_until < now())`;
  const failures = sql`(case when ${stale} then 1 else login_failures.failures + 1 end)`;
  for (const { key, max } of keysOf(s)) {
    await sql`
      insert into login_failures (merchant_id, key, failures, locked_until)
      values (${s.merchantId}, ${key}, 1, ${max <= 1 ? sql`now() + make_interval(secs => ${LOGIN_LIMITS.lockoutSeconds})` : null})
      on conflict (merchant_id, key) do update set
        failures = ${failures},
        window_started_at = case when ${stale} then now() else login_failures.window_started_at end,
        locked_until = case when ${failures} >= ${max} then now() + make_interval(secs => ${LOGIN_LIMITS.lockoutSeconds}) else null end
    `.execute(db);
  }
}

/** A successful sign-in clears the account's count (the address keeps its own). */
export async function clearLoginFailures(db: Executor, s: LoginSubject): Promise<void> {
  await db.deleteFrom('login_failures').where('merchant_id', '=', s.merchantId).where('key', '=', keysOf(s)[0].key).execute();
}

/** Forgets counts whose window and lockout are both over. */
export async function purgeLoginFailures(ctx: { db: Executor }): Promise<number> {
  const r = await ctx.db.deleteFrom('login_failures')
    .where('window_started_at', '<', sql<Date>`now() - make_interval(secs => ${LOGIN_LIMITS.windowSeconds})`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
