import type { Job } from './platform/workers.ts';
import { purgeExpiredIdempotencyKeys } from './platform/idempotency.ts';

/** Every background job. Domains add theirs here (hold expiry, webhook relay, …). */
export const jobs: Job[] = [
  { name: 'idempotency-purge', intervalMs: 10 * 60_000, run: purgeExpiredIdempotencyKeys },
];
