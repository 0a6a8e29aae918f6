import { useI18n } from '@shared/i18n.tsx';
import { Link } from '@shared/router.tsx';
import type { Money, ProductSummary } from './catalog.ts';

export function Price({ price, pickup, compareAt }: { price: Money | null; pickup?: Money | null; compareAt?: Money | null }) {
  const { t, fmt } = useI18n();
  if (!price) return <span className="muted">{t('product.noPrice')}</span>;
  return (
    <span className="stack" style={{ gap: 2 }}>
      <span>
        <span className="price">{fmt.money(price.amount, price.currency)}</span>
        {compareAt && compareAt.amount > price.amount ? <> <span className="strike">{fmt.money(compareAt.amount, compareAt.currency)}</span></> : null}
      </span>
      {pickup && pickup.amount < price.amount ? <span className="small" style={{ color: 'var(--ok)' }}>{t('product.pickupPrice', { price: fmt.money(pickup.amount, pickup.currency) })}</span> : null}
    </span>
  );
}

export function ProductImage({ image, name }: { image: { url: string; alt?: string } | null | undefined; name: string }) {
  return image ? <img src={image.url} alt={image.alt || name} loading="lazy" width={300} height={300} className="product-image" /> : <div className="product-image-placeholder" aria-hidden="true">◻</div>;
}

export function ProductGrid({ items }: { items: ProductSummary[] }) {
  const { t } = useI18n();
  return (
    <ul className="grid" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((p) => (
        <li key={p.id} className="card">
          <Link to={`/products/${encodeURIComponent(p.handle)}`} className="product-card">
            <ProductImage image={p.image} name={p.name} />
            <strong>{p.name}</strong>
            <Price price={p.priceFrom} />
            <span className={`small ${p.inStock ? '' : 'muted'}`}>{p.inStock ? t('product.inStockStores', { count: p.variants.reduce((n, v) => Math.max(n, v.stock.storesInStock), 0) }) : t('product.outOfStock')}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
