import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { distanceM } from '../offers/offer-rules.ts';

/** Campaign channels whose offers are shown to anyone browsing the shop (email and SMS offers are targeted). */
const PUBLIC_CHANNELS = ['web', 'geo', 'in_app', 'social', 'ads', 'contest', 'referral'];

/** Campaigns that are running now. */
export function liveCampaigns(db: Executor, merchantId: string) {
  return db.selectFrom('campaigns').selectAll().where('merchant_id', '=', merchantId).where('status', 'in', ['active', 'scheduled'])
    .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', sql<Date>`now()`)]))
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', sql<Date>`now()`)]));
}

type OfferRow = { id: string; campaign_id: string; name: string; kind: string; params: unknown; conditions: unknown; priority: number };

function offerCard(c: { id: string; name: string; ends_at: Date | null; landing_path: string | null; radius_m: number | null }, offers: OfferRow[]) {
  return {
    campaignId: c.id, name: c.name, endsAt: c.ends_at ? new Date(c.ends_at).toISOString() : null,
    landingPath: c.landing_path ?? `/offers/${c.id}`, radiusM: c.radius_m,
    offers: offers.filter((o) => o.campaign_id === c.id).map((o) => ({ id: o.id, name: o.name, kind: o.kind, params: o.params, conditions: o.conditions })),
  };
}

export interface OfferSearch {
  lat?: number;
  lng?: number;
  storeId?: string;
  /** The shopper agreed to share their location for this search. */
  locationConsent?: boolean;
}

/**
 * Offers a shopper can see now. With a location (shared with consent) or a store, geo campaigns are
 * matched by their radius around each store they apply to, nearest store first.
 */
export async function browseOffers(db: Db, actor: Actor, search: OfferSearch) {
  requireAccess(actor, Permission.CodeClaim);
  const campaigns = (await liveCampaigns(db, actor.merchantId).execute()).filter((c) => c.channels.some((ch) => PUBLIC_CHANNELS.includes(ch)));
  const offers = campaigns.length
    ? await db.selectFrom('offers').select(['id', 'campaign_id', 'name', 'kind', 'params', 'conditions', 'priority'])
      .where('merchant_id', '=', actor.merchantId).where('campaign_id', 'in', campaigns.map((c) => c.id)).orderBy('priority', 'desc').execute()
    : [];
  const stores = await db.selectFrom('stores').select(['id', 'name', 'lat', 'lng', 'city']).where('merchant_id', '=', actor.merchantId).where('status', '=', 'active').execute();
  const here = search.lat !== undefined && search.lng !== undefined && search.locationConsent ? { lat: search.lat, lng: search.lng } : null;
  const origin = here ?? (search.storeId ? stores.find((s) => s.id === search.storeId) ?? null : null);
  const items = campaigns.flatMap((c) => {
    const card = offerCard(c, offers);
    if (!card.offers.length) return [];
    const scope = stores.filter((s) => !c.store_ids?.length || c.store_ids.includes(s.id));
    if (!origin) return c.radius_m ? [] : [{ ...card, stores: scope.map((s) => ({ storeId: s.id, name: s.name, distanceM: null as number | null })) }];
    const near = scope.map((s) => ({ storeId: s.id, name: s.name, distanceM: Math.round(distanceM(origin, s)) }))
      .filter((s) => (c.radius_m ? s.distanceM <= c.radius_m : true))
      .sort((a, b) => a.distanceM - b.distanceM);
    return near.length ? [{ ...card, stores: near }] : [];
  });
  if (origin) items.sort((a, b) => (a.stores[0].distanceM ?? 0) - (b.stores[0].distanceM ?? 0));
  return items;
}

/** The landing data for one campaign (the page at /offers/{campaignId}). */
export async function offerLanding(db: Db, actor: Actor, campaignId: string) {
  requireAccess(actor, Permission.CodeClaim);
  const c = await liveCampaigns(db, actor.merchantId).where('id', '=', campaignId).executeTakeFirst();
  if (!c) throw notFound('Offer');
  const offers = await db.selectFrom('offers').select(['id', 'campaign_id', 'name', 'kind', 'params', 'conditions', 'priority'])
    .where('merchant_id', '=', actor.merchantId).where('campaign_id', '=', campaignId).orderBy('priority', 'desc').execute();
  const stores = await db.selectFrom('stores').select(['id', 'name', 'city', 'lat', 'lng']).where('merchant_id', '=', actor.merchantId).where('status', '=', 'active').execute();
  const scope = stores.filter((s) => !c.store_ids?.length || c.store_ids.includes(s.id));
  return { ...offerCard(c, offers), stores: scope.map((s) => ({ storeId: s.id, name: s.name, city: s.city, lat: s.lat, lng: s.lng })) };
}
