import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { redeemAtTill, type TillRedeem } from './pos.service.ts';

export interface QueuedRedemption extends TillRedeem {
  clientRedemptionId: string;
  redeemedAt: string;
}

export type ReplayStatus = 'redeemed' | 'already_recorded' | 'conflict' | 'rejected';

/**
 * Replays what a till queued while offline, in the order it happened. Each item is its own
 * transaction and keyed by its clientRedemptionId, so replaying a queue twice records nothing twice;
 * a code redeemed elsewhere meanwhile comes back as a conflict naming the other redemption.
 */
export async function replayOfflineQueue(db: Db, actor: Actor, items: QueuedRedemption[]) {
  requireAccess(actor, Permission.CodeRedeem);
  const ordered = items.map((item, index) => ({ item, index })).sort((a, b) => a.item.redeemedAt.localeCompare(b.item.redeemedAt) || a.index - b.index);
  const results = new Array(items.length);
  for (const { item, index } of ordered) {
    try {
      const r = await redeemAtTill(db, actor, item);
      if (r.status === 'redeemed') {
        results[index] = { clientRedemptionId: item.clientRedemptionId, status: (r.replayed ? 'already_recorded' : 'redeemed') as ReplayStatus, redemption: r.redemption };
      } else {
        const conflict = r.reason === 'already_redeemed' || r.reason === 'limit_reached' || r.reason === 'customer_limit_reached' || r.reason === 'budget_exhausted';
        results[index] = { clientRedemptionId: item.clientRedemptionId, status: (conflict ? 'conflict' : 'rejected') as ReplayStatus, reason: r.reason, detail: r.detail, conflict: r.conflict ?? null };
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.code === 'forbidden' || err.code === 'rate_limited') throw err;
      results[index] = { clientRedemptionId: item.clientRedemptionId, status: 'rejected' as ReplayStatus, reason: (err.extra.reason as string) ?? err.code, detail: err.message };
    }
  }
  const count = (s: ReplayStatus) => results.filter((r) => r.status === s).length;
  return { results, summary: { redeemed: count('redeemed'), alreadyRecorded: count('already_recorded'), conflicts: count('conflict'), rejected: count('rejected') } };
}
