import type { AttributionModel } from './analytics.table.ts';

export const ATTRIBUTION_WINDOW_DAYS = 30;
export const MODELS = ['blended', 'code', 'last_touch', 'first_touch', 'linear', 'time_decay'] as const;
const HALF_LIFE_DAYS = 7;
export const NIL = '00000000-0000-0000-0000-000000000000';

export interface Touch { id: number; campaignId: string; channel: string; occurredAt: Date }
export interface Credit { model: AttributionModel; campaignId: string; channel: string; touchpointId: number | null; weight: number }

/**
 * Splits one conversion across the touches before it, by every model at once. Each model's weights
 * sum to 1 when it has any touch: a redeemed code is deterministic and wins its own model outright.
 */
export function creditsFor(at: Date, touches: Touch[], codeCampaigns: string[]): Credit[] {
  const out: Credit[] = [];
  const codes = [...new Set(codeCampaigns)];
  for (const c of codes) {
    out.push({ model: 'code', campaignId: c, channel: 'coupon', touchpointId: null, weight: 1 / codes.length });
    out.push({ model: 'blended', campaignId: c, channel: 'coupon', touchpointId: null, weight: 1 / codes.length });
  }
  const windowStart = at.getTime() - ATTRIBUTION_WINDOW_DAYS * 86400_000;
  const inWindow = touches.filter((t) => t.occurredAt.getTime() <= at.getTime() && t.occurredAt.getTime() >= windowStart)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id);
  if (!inWindow.length) return out;
  const first = inWindow[0];
  const last = inWindow[inWindow.length - 1];
  out.push({ model: 'first_touch', campaignId: first.campaignId, channel: first.channel, touchpointId: first.id, weight: 1 });
  out.push({ model: 'last_touch', campaignId: last.campaignId, channel: last.channel, touchpointId: last.id, weight: 1 });
  if (!codes.length) out.push({ model: 'blended', campaignId: last.campaignId, channel: last.channel, touchpointId: last.id, weight: 1 });
  for (const t of inWindow) out.push({ model: 'linear', campaignId: t.campaignId, channel: t.channel, touchpointId: t.id, weight: 1 / inWindow.length });
  const decay = inWindow.map((t) => 2 ** (-(at.getTime() - t.occurredAt.getTime()) / (HALF_LIFE_DAYS * 86400_000)));
  const sum = decay.reduce((a, b) => a + b, 0);
  inWindow.forEach((t, i) => out.push({ model: 'time_decay', campaignId: t.campaignId, channel: t.channel, touchpointId: t.id, weight: decay[i] / sum }));
  return out;
}
