import { api, shopPath } from './shop.ts';

export interface OfferCard {
  campaignId: string; name: string; endsAt: string | null; landingPath: string; radiusM: number | null;
  offers: { id: string; name: string; kind: string; params: { percentBp?: number; amountMinor?: number; priceMinor?: number; multiplier?: number }; conditions: { minSpendMinor?: number } }[];
  stores: { storeId: string; name: string; distanceM?: number | null; city?: string; lat?: number; lng?: number }[];
}
export interface Claim { claimId: string; code: string; codeId: string; campaignId: string; alreadyClaimed: boolean }
export interface WalletItem {
  claimId: string; code: string; codeId: string; claimedAt: string; intendedStoreId: string | null; campaignId: string; campaignName: string;
  offer: { name: string; kind: string; params: OfferCard['offers'][number]['params'] }; validUntil: string | null; state: 'usable' | 'used' | 'expired' | 'disabled';
}

// What the tracking link told us (campaign, channel, source, click id), kept for the claim.
const KEY = 'footfall.attribution';
export function rememberArrival(query: URLSearchParams) {
  const channel = query.get('channel');
  if (!channel && !query.get('click_id')) return;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ campaign: query.get('campaign'), channel, source: query.get('utm_source'), clickId: query.get('click_id') }));
  } catch { /* kept for this page only */ }
}
export function arrival(): { campaign?: string; channel?: string; source?: string; clickId?: string } {
  try { return JSON.parse(sessionStorage.getItem(KEY) ?? '{}'); } catch { return {}; }
}

export const nearbyOffers = (q: { lat?: number; lng?: number; locationConsent?: boolean }, signal?: AbortSignal) =>
  api.request<{ items: OfferCard[] }>('GET', shopPath('/offers'), { query: q, signal }).then((r) => r.items);
export const offerLanding = (campaignId: string, signal?: AbortSignal) => api.request<OfferCard>('GET', shopPath(`/offers/${campaignId}`), { signal });
export const claimOffer = (key: string, campaignId: string, body: { offerId?: string; storeId?: string; location?: { lat: number; lng: number }; channel?: string; source?: string }) =>
  api.post<Claim>(shopPath(`/offers/${campaignId}/claim`), body, { idempotencyKey: key });
export const wallet = (signal?: AbortSignal) => api.request<{ items: WalletItem[] }>('GET', shopPath('/wallet'), { signal }).then((r) => r.items);
export const saveCode = (key: string, code: string) => api.post<Claim>(shopPath('/wallet'), { code }, { idempotencyKey: key });
