import { createApiClient, tokenStore } from '@shared/api.ts';

/** The shop this storefront sells for: ?shop= overrides (and is remembered), else the server's default. */
function resolveShop(): string {
  const fromUrl = new URLSearchParams(location.search).get('shop');
  if (fromUrl && /^[a-z0-9-]{1,64}$/.test(fromUrl)) {
    try { localStorage.setItem('footfall.shop', fromUrl); } catch { /* not remembered */ }
    return fromUrl;
  }
  try {
    const saved = localStorage.getItem('footfall.shop');
    if (saved) return saved;
  } catch { /* storage blocked */ }
  return document.querySelector<HTMLMetaElement>('meta[name="footfall-shop"]')?.content || 'brightline';
}

export const SHOP = resolveShop();
export const customerToken = tokenStore(`footfall.customer.${SHOP}`);
export const api = createApiClient({ getToken: customerToken.get, onUnauthenticated: () => customerToken.set(null) });
/** Path under this shop's shopper API. */
export const shopPath = (p: string) => `/v1/shop/${SHOP}${p}`;

let currency: Promise<string> | null = null;
/** The shop's currency (from its catalog; shoppers have no merchant settings endpoint). */
export function shopCurrency(): Promise<string> {
  currency ??= api.get<{ items: { priceFrom: { currency: string } | null }[] }>(shopPath('/products'), { limit: 1 })
    .then((r) => r.items[0]?.priceFrom?.currency ?? 'MYR', () => { currency = null; return 'MYR'; });
  return currency;
}
