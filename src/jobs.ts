import type { Job } from './platform/workers.ts';
import { purgeExpiredIdempotencyKeys } from './platform/idempotency.ts';
// platform
import { relayOutboxEvents } from './webhooks/relay.ts';
import { deliverDueWebhooks } from './webhooks/delivery.ts';
import { sendQueuedMessages } from './notifications/sender.ts';
import { purgeOldWebhookLog } from './webhooks/retention.ts';
import { purgeLoginFailures } from './platform/login-throttle.ts';
import { plannerStatisticsJob } from './platform/planner-stats.ts';

// stores, catalog, inventory

// orders
import { abandonStaleCarts, expireHolds, expireUncollected, reconcilePayments } from './orders/order-jobs.ts';
import { deliverTestProviderWebhooks } from './payments/test-provider.ts';
import { expireCartHolds } from './orders/cart-holds.ts';

// promotions
import { promotionJobs } from './promotions/promotion.jobs.ts';

// customers, analytics
import { expirePoints } from './loyalty/points.ts';
import { refreshAllSegments } from './segments/segment.service.ts';
import { analyticsFeedJob } from './analytics/feed.ts';

/** Every background job. Domains add theirs in their section. */
export const jobs: Job[] = [
  { name: 'idempotency-purge', intervalMs: 10 * 60_000, run: purgeExpiredIdempotencyKeys },
  // platform
  { name: 'outbox-relay', intervalMs: 1_000, run: relayOutboxEvents },
  { name: 'webhook-delivery', intervalMs: 1_000, run: deliverDueWebhooks },
  { name: 'message-sender', intervalMs: 1_000, run: sendQueuedMessages },
  { name: 'webhook-log-purge', intervalMs: 60 * 60_000, run: purgeOldWebhookLog },
  { name: 'login-failures-purge', intervalMs: 15 * 60_000, run: purgeLoginFailures },
  { name: 'planner-statistics', intervalMs: 5_000, run: plannerStatisticsJob },

  // stores, catalog, inventory

  // orders
  { name: 'orders-expire-holds', intervalMs: 15_000, run: expireHolds },
  { name: 'carts-expire-holds', intervalMs: 15_000, run: expireCartHolds },
  { name: 'orders-expire-uncollected', intervalMs: 60_000, run: expireUncollected },
  { name: 'payments-reconcile', intervalMs: 60_000, run: reconcilePayments },
  { name: 'payments-test-provider-webhooks', intervalMs: 1_000, run: deliverTestProviderWebhooks },
  { name: 'carts-abandon-stale', intervalMs: 3600_000, run: abandonStaleCarts },

  // promotions
  ...promotionJobs,

  // customers, analytics
  { name: 'loyalty-expiry', intervalMs: 60 * 60_000, run: (ctx) => expirePoints(ctx.db, null) },
  analyticsFeedJob,
  { name: 'segment-refresh', intervalMs: 15 * 60_000, run: (ctx) => refreshAllSegments(ctx.db) },

];
