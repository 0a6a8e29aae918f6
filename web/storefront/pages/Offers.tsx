import { useI18n } from '@shared/i18n.tsx';
import { Link } from '@shared/router.tsx';
import { Async, useAsync } from '@shared/ui.tsx';
import { LocationPicker, useShopperLocation } from '../location.tsx';
import { nearbyOffers } from '../offers.ts';
import { OfferValue } from '../offer-text.tsx';
import { shopCurrency } from '../shop.ts';

/** Offers running now; with the shopper's location (their choice), the ones near them first. */
export function OffersPage() {
  const { t, fmt } = useI18n();
  const [location, setLocation] = useShopperLocation();
  const offers = useAsync(async (signal) => {
    const [items, currency] = await Promise.all([nearbyOffers(location ? { lat: location.lat, lng: location.lng, locationConsent: true } : {}, signal), shopCurrency()]);
    return { items, currency };
  }, [location?.lat, location?.lng]);
  return (
    <section className="stack">
      <h1>{t('offers.title')}</h1>
      <LocationPicker location={location} onChange={setLocation} />
      <Async state={offers}>
        {({ items, currency }) => (items.length === 0 ? <p>{t('offers.none')}</p> : (
          <ul className="store-list">
            {items.map((o) => (
              <li key={o.campaignId} className="card stack">
                <div className="spread"><h2 style={{ margin: 0 }}>{o.name}</h2>{o.endsAt ? <span className="small muted">{t('offers.until', { date: fmt.date(o.endsAt) })}</span> : null}</div>
                {o.offers.map((x) => <OfferValue key={x.id} offer={x} currency={currency} />)}
                {o.stores[0] ? <span className="small">{o.stores[0].distanceM != null ? t('offers.nearestStore', { store: o.stores[0].name, distance: fmt.distance(o.stores[0].distanceM) }) : t('offers.atStores', { count: o.stores.length })}</span> : null}
                <Link className="button" to={`/offers/${o.campaignId}`}>{t('offers.view')}</Link>
              </li>
            ))}
          </ul>
        ))}
      </Async>
    </section>
  );
}
