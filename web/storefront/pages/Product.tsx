import { useMemo, useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Link } from '@shared/router.tsx';
import { Async, ErrorPanel, useAction, useAsync } from '@shared/ui.tsx';
import { addToCart } from '../cart.ts';
import { getProduct, type Product, type Variant } from '../catalog.ts';
import { OpenStatus } from '../components.tsx';
import { LocationPicker, useShopperLocation } from '../location.tsx';
import { Price, ProductImage } from '../products.tsx';

function variantLabel(v: Variant): string {
  return Object.values(v.options).join(' / ') || v.sku;
}

export function ProductPage({ id }: { id: string }) {
  const { locale } = useI18n();
  const [location, setLocation] = useShopperLocation();
  const product = useAsync((signal) => getProduct(id, { locale, ...(location ? { lat: location.lat, lng: location.lng, radiusKm: 50 } : {}) }, signal), [id, locale, location?.lat, location?.lng]);
  return <Async state={product}>{(p) => <ProductView product={p} location={location} setLocation={setLocation} />}</Async>;
}

function ProductView({ product: p, location, setLocation }: { product: Product; location: ReturnType<typeof useShopperLocation>[0]; setLocation: ReturnType<typeof useShopperLocation>[1] }) {
  const { t, fmt } = useI18n();
  const [variantId, setVariantId] = useState(p.variants.find((v) => v.stock.available > 0)?.id ?? p.variants[0]?.id);
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const variant = p.variants.find((v) => v.id === variantId);
  const add = useAction((key) => addToCart(key, variantId!, quantity));
  // Stores that have the chosen variant first, nearest first.
  const has = (s: Product['stores'][number]) => ((s.stock[variantId ?? ''] ?? 0) > 0 ? 1 : 0);
  const stores = useMemo(() => [...p.stores].sort((a, b) => has(b) - has(a) || (a.distanceKm ?? 1e9) - (b.distanceKm ?? 1e9)), [p.stores, variantId]);

  return (
    <article className="product-layout">
      <div><ProductImage image={p.images[0]} name={p.name} /></div>
      <div className="stack">
        {p.category ? <span className="muted small">{p.category.name || p.category.slug}</span> : null}
        <h1>{p.name}</h1>
        {variant ? <Price price={variant.price} pickup={variant.pickupPrice} compareAt={variant.compareAt} /> : null}
        {p.description ? <p>{p.description}</p> : null}
        {p.variants.length > 1 ? (
          <fieldset className="card">
            <legend>{t('product.chooseVariant')}</legend>
            {p.variants.map((v) => (
              <label key={v.id} className="choice">
                <input type="radio" name="variant" value={v.id} checked={v.id === variantId} onChange={() => setVariantId(v.id)} />
                <span>{variantLabel(v)}</span>
                <span className="small muted">{v.stock.available > 0 ? t('product.availableUnits', { count: v.stock.available }) : t('product.outOfStock')}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="row">
          <label className="field" style={{ marginBlockEnd: 0 }}>
            <span className="field-label">{t('common.quantity')}</span>
            <input type="number" min={1} max={99} value={quantity} onChange={(e) => setQuantity(Math.max(1, Math.min(99, Number(e.target.value) || 1)))} style={{ inlineSize: 90 }} />
          </label>
          <button type="button" className="button" disabled={!variant || add.busy} style={{ alignSelf: 'end' }}
            onClick={async () => { setAdded(false); if (await add.run()) setAdded(true); }}>{t('product.addToCart')}</button>
        </div>
        {add.error ? <ErrorPanel error={add.error} onRetry={add.retry} /> : null}
        {added ? <p className="notice ok" role="status">{t('product.added')} <Link to="/cart">{t('product.goToCart')}</Link></p> : null}

        <section aria-labelledby="nearby-title" className="stack">
          <h2 id="nearby-title">{t('product.nearbyTitle')}</h2>
          <LocationPicker location={location} onChange={setLocation} />
          {stores.length === 0 ? <p>{t('product.noStores')}</p> : (
            <ul className="store-list" data-testid="stock-nearby">
              {stores.map((s) => {
                const units = s.stock[variantId ?? ''] ?? 0;
                return (
                  <li key={s.id} className="card">
                    <div className="spread">
                      <strong>{s.name}</strong>
                      {s.distanceKm != null ? <span className="muted">{t('common.km', { distance: fmt.distance(s.distanceKm * 1000) })}</span> : null}
                    </div>
                    <div className="row small">
                      <span className={units > 0 ? 'badge badge-ready' : 'badge badge-cancelled'}>{units > 0 ? t('product.unitsHere', { count: units }) : t('product.outOfStock')}</span>
                      <OpenStatus store={{ openNow: s.openNow, opensAt: s.opensAt, timezone: s.timezone }} />
                      {units > 0 && s.pickupReadyAt ? <span>{t('stores.pickupReady', { time: fmt.storeTime(s.pickupReadyAt, s.timezone) })}</span> : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </article>
  );
}
