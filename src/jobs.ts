import type { Job } from './platform/workers.ts';
import { purgeExpiredIdempotencyKeys } from './platform/idempotency.ts';
// platform

// stores, catalog, inventory

// orders
import { abandonStaleCarts, expireHolds, expireUncollected, reconcilePayments } from './orders/order-jobs.ts';
import { deliverTestProviderWebhooks } from './payments/test-provider.ts';

// promotions

// customers, analytics

/** Every background job. Domains add theirs in their section. */
export const jobs: Job[] = [
  { name: 'idempotency-purge', intervalMs: 10 * 60_000, run: purgeExpiredIdempotencyKeys },
  // platform

  // stores, catalog, inventory

  // orders
  { name: 'orders-expire-holds', intervalMs: 15_000, run: expireHolds },
  { name: 'orders-expire-uncollected', intervalMs: 60_000, run: expireUncollected },
  { name: 'payments-reconcile', intervalMs: 60_000, run: reconcilePayments },
  { name: 'payments-test-provider-webhooks', intervalMs: 1_000, run: deliverTestProviderWebhooks },
  { name: 'carts-abandon-stale', intervalMs: 3600_000, run: abandonStaleCarts },

  // promotions

  // customers, analytics

];
