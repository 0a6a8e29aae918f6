import type { Job } from '../platform/workers.ts';
import { advanceCampaignSchedules } from './campaigns/campaign.service.ts';
import { runQueuedCodeJobs } from './codes/generate-codes.ts';
import { closeExpiredVouchers } from './vouchers/voucher.service.ts';
import { purgeCodeGuessFailures } from './pos/guess-throttle.ts';

/** Promotions background work, registered from src/jobs.ts. */
export const promotionJobs: Job[] = [
  { name: 'promotions-code-jobs', intervalMs: 2_000, run: runQueuedCodeJobs },
  { name: 'promotions-voucher-expiry', intervalMs: 10 * 60_000, run: closeExpiredVouchers },
  { name: 'promotions-campaign-schedule', intervalMs: 60_000, run: (ctx) => advanceCampaignSchedules(ctx.db) },
  { name: 'promotions-guess-failures-purge', intervalMs: 15 * 60_000, run: purgeCodeGuessFailures },
];
