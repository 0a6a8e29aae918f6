import { AppError } from '../../platform/errors.ts';
import type { CampaignStatus } from '../promotions.table.ts';

/** Every allowed status change. 'scheduled' is an active campaign whose start lies ahead. */
const TRANSITIONS: Record<CampaignStatus, CampaignStatus[]> = {
  draft: ['scheduled', 'active', 'archived'],
  scheduled: ['active', 'paused', 'ended', 'draft'],
  active: ['paused', 'ended'],
  paused: ['active', 'scheduled', 'ended'],
  ended: ['archived'],
  archived: [],
};

export interface TransitionFacts { offers: number; startsAt: Date | null; endsAt: Date | null; now: Date }

/** The status a requested change lands in, or an invalid_transition error saying why not. */
export function nextStatus(from: CampaignStatus, to: 'active' | 'paused' | 'ended' | 'archived' | 'draft', f: TransitionFacts): CampaignStatus {
  let target: CampaignStatus = to;
  if (to === 'active') {
    if (f.offers === 0) throw new AppError('invalid_transition', 'Add an offer before activating the campaign');
    if (f.endsAt && f.endsAt <= f.now) throw new AppError('invalid_transition', 'The campaign end date has passed');
    if (f.startsAt && f.startsAt > f.now) target = 'scheduled';
  }
  if (!TRANSITIONS[from].includes(target)) throw new AppError('invalid_transition', `A ${from} campaign cannot become ${target}`, { from, to: target });
  return target;
}

/** Statuses in which codes can be redeemed (timing is checked per redemption). */
export const LIVE_STATUSES: CampaignStatus[] = ['active', 'scheduled'];
