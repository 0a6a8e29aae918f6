import type { Job } from './platform/workers.ts';
import { purgeExpiredIdempotencyKeys } from './platform/idempotency.ts';
// platform

// stores, catalog, inventory

// orders

// promotions

// customers, analytics
import { expirePoints } from './loyalty/points.ts';

/** Every background job. Domains add theirs in their section. */
export const jobs: Job[] = [
  { name: 'idempotency-purge', intervalMs: 10 * 60_000, run: purgeExpiredIdempotencyKeys },
  // platform

  // stores, catalog, inventory

  // orders

  // promotions

  // customers, analytics
  { name: 'loyalty-expiry', intervalMs: 60 * 60_000, run: (ctx) => expirePoints(ctx.db, null) },

];
