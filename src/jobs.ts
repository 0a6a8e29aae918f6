import type { Job } from './platform/workers.ts';
import { purgeExpiredIdempotencyKeys } from './platform/idempotency.ts';
// platform

// stores, catalog, inventory

// orders

// promotions
import { promotionJobs } from './promotions/promotion.jobs.ts';

// customers, analytics

/** Every background job. Domains add theirs in their section. */
export const jobs: Job[] = [
  { name: 'idempotency-purge', intervalMs: 10 * 60_000, run: purgeExpiredIdempotencyKeys },
  // platform

  // stores, catalog, inventory

  // orders

  // promotions
  ...promotionJobs,

  // customers, analytics

];
