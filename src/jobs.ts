import type { Job } from './platform/workers.ts';
import { purgeExpiredIdempotencyKeys } from './platform/idempotency.ts';
// platform
import { relayOutboxEvents } from './webhooks/relay.ts';
import { deliverDueWebhooks } from './webhooks/delivery.ts';
import { sendQueuedMessages } from './notifications/sender.ts';

// stores, catalog, inventory

// orders

// promotions

// customers, analytics
import { expirePoints } from './loyalty/points.ts';

/** Every background job. Domains add theirs in their section. */
export const jobs: Job[] = [
  { name: 'idempotency-purge', intervalMs: 10 * 60_000, run: purgeExpiredIdempotencyKeys },
  // platform
  { name: 'outbox-relay', intervalMs: 1_000, run: relayOutboxEvents },
  { name: 'webhook-delivery', intervalMs: 1_000, run: deliverDueWebhooks },
  { name: 'message-sender', intervalMs: 1_000, run: sendQueuedMessages },

  // stores, catalog, inventory

  // orders

  // promotions

  // customers, analytics
  { name: 'loyalty-expiry', intervalMs: 60 * 60_000, run: (ctx) => expirePoints(ctx.db, null) },

];
