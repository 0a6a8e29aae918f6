import { lazy, Suspense, useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, useAsync } from '@shared/ui.tsx';
import { LocationPicker, useShopperLocation } from '../location.tsx';
import { api, shopPath } from '../shop.ts';
import type { Store } from '../stores.ts';
import { StoreCard } from '../components.tsx';

const StoreMap = lazy(() => import('../map.tsx'));

/** The store locator: a map when tiles load, and always the list (the list alone when they cannot). */
export function StoresPage() {
  const { t } = useI18n();
  const [location, setLocation] = useShopperLocation();
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [mapFailed, setMapFailed] = useState(typeof navigator !== 'undefined' && navigator.onLine === false);
  const stores = useAsync((signal) => api.request<{ items: Store[] }>('GET', shopPath('/stores'), {
    signal,
    query: location && !submitted ? { lat: location.lat, lng: location.lng, radiusKm: 200, limit: 100 } : { q: submitted || undefined, limit: 100 },
  }).then((r) => r.items), [location?.lat, location?.lng, submitted]);

  return (
    <section className="stack" aria-labelledby="stores-title">
      <h1 id="stores-title">{t('stores.title')}</h1>
      <LocationPicker location={location} onChange={(l) => { setSubmitted(''); setLocation(l); }} />
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setSubmitted(query.trim()); }}>
        <label className="visually-hidden" htmlFor="store-q">{t('stores.searchLabel')}</label>
        <input id="store-q" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('stores.searchLabel')} />
        <button className="button" type="submit">{t('common.search')}</button>
      </form>
      <Async state={stores}>
        {(items) => (
          <>
            {mapFailed ? (
              <p className="notice" role="status" data-testid="map-fallback">{t('stores.mapUnavailable')}</p>
            ) : (
              <Suspense fallback={<div className="map" aria-hidden="true" />}>
                <StoreMap
                  points={items.map((s) => ({ id: s.id, lat: s.lat, lng: s.lng, label: s.name }))}
                  center={location}
                  label={t('stores.mapLabel')}
                  attribution={t('stores.osmAttribution')}
                  onUnavailable={() => setMapFailed(true)}
                />
              </Suspense>
            )}
            {items.length === 0 ? <p>{t('stores.none')}</p> : (
              <ul className="store-list" aria-label={t('stores.listLabel')}>
                {items.map((s) => <li key={s.id}><StoreCard store={s} /></li>)}
              </ul>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
