import { sql } from 'kysely';
import { ean13 } from '../catalog/ean.ts';
import { buildSearchText } from '../catalog/search-text.ts';
import type { Localized } from '../catalog/catalog.table.ts';
import { applyMovements, type MovementInput } from '../inventory/movements.ts';
import { createStaffUser } from '../merchants/merchant.service.ts';
import { newApiKeySecret } from '../platform/auth.ts';
import type { DemoContext, DemoStep } from './demo-context.ts';
import { DEMO_BRANDS, DEMO_CATEGORIES, DEMO_KINDS, DEMO_SERIES, DESCRIPTION } from './catalog.data.ts';
import { DEMO_STORES, HOURS, HOURS_EXCEPTIONS, STAFFED_STORES } from './stores.data.ts';

export const DEMO_STAFF_PASSWORD = 'footfall-demo';

/** The store manager and associate sign-ins of a few stores (printed by `npm start`). */
export const storeStaffCredentials = STAFFED_STORES.flatMap((code) => [
  { label: `Manager ${code}`, email: `manager.${code.toLowerCase()}@brightline.example`, password: DEMO_STAFF_PASSWORD, role: 'manager' as const, storeCodes: [code] },
  { label: `Associate ${code}`, email: `associate.${code.toLowerCase()}@brightline.example`, password: DEMO_STAFF_PASSWORD, role: 'associate' as const, storeCodes: [code] },
]);

/** A v4-shaped UUID from the seeded random source, so demo ids are the same on every machine. */
function demoUuid(random: () => number): string {
  const hex = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pickInt = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

export interface DemoShared {
  storeIds: Record<string, string>;
  variantIds: string[];
  variants: { id: string; sku: string; productId: string; priceMinor: number; pickupPriceMinor: number | null }[];
  categoryIds: Record<string, string>;
  posKeys: Record<string, string>;
}

async function seedStores(ctx: DemoContext) {
  const storeIds: Record<string, string> = {};
  const rows = DEMO_STORES.map((s) => {
    const id = demoUuid(ctx.random);
    storeIds[s.code] = id;
    return {
      merchant_id: ctx.merchantId, id, code: s.code, name: s.name, address_line1: s.line1, city: s.city, region: s.region, postcode: s.postcode,
      country: 'MY', lat: s.lat, lng: s.lng, timezone: 'Asia/Kuala_Lumpur', phone: s.phone, email: `${s.code.toLowerCase()}@brightline.example`,
      services: s.services, pickup_prep_minutes: s.prep, opening_hours: JSON.stringify(HOURS[s.hours]),
    };
  });
  await ctx.trx.insertInto('stores').values(rows).execute();
  await ctx.trx.insertInto('store_hours_exceptions').values(HOURS_EXCEPTIONS.flatMap((e) => e.codes.map((code) => ({
    merchant_id: ctx.merchantId, store_id: storeIds[code], date: e.date, closed: e.closed, intervals: JSON.stringify(e.intervals), note: e.note,
  })))).execute();
  Object.assign(ctx.shared, { storeIds });
}

async function seedCatalog(ctx: DemoContext) {
  const r = ctx.random;
  const categoryIds: Record<string, string> = {};
  for (const c of DEMO_CATEGORIES) categoryIds[c.slug] = demoUuid(r);
  // Parents first, so each child's foreign key finds its parent.
  await ctx.trx.insertInto('categories').values(DEMO_CATEGORIES.map((c) => ({
    merchant_id: ctx.merchantId, id: categoryIds[c.slug], slug: c.slug, parent_id: null, name: JSON.stringify(c.name),
  }))).execute();
  await sql`update categories c set parent_id = p.parent from unnest(${DEMO_CATEGORIES.map((c) => categoryIds[c.slug])}::uuid[], ${DEMO_CATEGORIES.map((c) => (c.parent ? categoryIds[c.parent] : null))}::uuid[]) as p(id, parent)
    where c.merchant_id = ${ctx.merchantId} and c.id = p.id`.execute(ctx.trx);

  const products: Record<string, unknown>[] = [];
  const variants: Record<string, unknown>[] = [];
  const prices: Record<string, unknown>[] = [];
  const shared: DemoShared['variants'] = [];
  let item = 0;
  DEMO_KINDS.forEach((kind, k) => {
    DEMO_BRANDS.forEach((brand, b) => {
      const productId = demoUuid(r);
      const model = `${DEMO_SERIES[(k + b) % DEMO_SERIES.length]} ${100 + ((k * 37 + b * 13) % 900)}`;
      const name: Localized = Object.fromEntries(Object.entries(kind.name).map(([loc, noun]) => [loc, `${brand} ${model} ${noun}`]));
      const description: Localized = Object.fromEntries(Object.entries(DESCRIPTION).map(([loc, t]) => [loc, t.replace('{name}', name[loc])]));
      const handle = `${kind.key}-${brand}-${model}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const count = Math.min(kind.values.length, pickInt(r, 1, 3));
      const start = pickInt(r, 0, kind.values.length - 1);
      const tier = 0.7 + r() * 0.9;
      const own: { sku: string; barcode: string }[] = [];
      for (let i = 0; i < count; i++) {
        const value = kind.values[(start + i) % kind.values.length];
        const id = demoUuid(r);
        item++;
        const sku = `BL-${kind.key.toUpperCase().replace(/-/g, '').slice(0, 6)}-${String(item).padStart(4, '0')}`;
        const barcode = ean13(`9557391${String(item).padStart(5, '0')}`);
        own.push({ sku, barcode });
        const priceMinor = (Math.round(kind.priceRm * tier * (1 + i * 0.15) / 10) * 10 - 1) * 100;
        const pickupPriceMinor = r() < 0.3 ? Math.round(priceMinor * 0.95 / 100) * 100 : null;
        const compareAtMinor = r() < 0.15 ? Math.round(priceMinor * 1.2 / 100) * 100 : null;
        variants.push({ merchant_id: ctx.merchantId, id, product_id: productId, sku, barcode, options: JSON.stringify({ [kind.option]: value }), cost_minor: Math.round(priceMinor * 0.55) });
        prices.push({ merchant_id: ctx.merchantId, variant_id: id, currency: 'MYR', price_minor: priceMinor, pickup_price_minor: pickupPriceMinor, compare_at_minor: compareAtMinor });
        shared.push({ id, sku, productId, priceMinor, pickupPriceMinor });
      }
      products.push({
        merchant_id: ctx.merchantId, id: productId, handle, status: b === DEMO_BRANDS.length - 1 && k % 5 === 0 ? 'draft' : 'active',
        category_id: categoryIds[kind.category], name: JSON.stringify(name), description: JSON.stringify(description),
        images: JSON.stringify([{ url: `/v1/shop/brightline/images/${kind.image}-${handle}.svg`, alt: name.en }]),
        search_text: buildSearchText({ handle, name, variants: own }),
      });
    });
  });
  await ctx.trx.insertInto('products').values(products as never).execute();
  for (let i = 0; i < variants.length; i += 2000) {
    await ctx.trx.insertInto('variants').values(variants.slice(i, i + 2000) as never).execute();
    await ctx.trx.insertInto('variant_prices').values(prices.slice(i, i + 2000) as never).execute();
  }
  Object.assign(ctx.shared, { categoryIds, variants: shared, variantIds: shared.map((v) => v.id) });
}

/** Stock in every store through the ledger (so levels equal the ledger sums), then a few sales and thresholds. */
async function seedStock(ctx: DemoContext) {
  const r = ctx.random;
  const { storeIds, variants } = ctx.shared as unknown as DemoShared;
  const movements: MovementInput[] = [];
  const settings: { store: string; variant: string; safety: number; low: number }[] = [];
  for (const [code, storeId] of Object.entries(storeIds)) {
    const big = ['PAV', 'KLCC', 'MV', '1U', 'SPY', 'LOWYAT'].includes(code);
    for (const v of variants) {
      if (r() < 0.12) continue; // not every store carries every variant
      const qty = pickInt(r, 0, big ? 40 : 18);
      if (qty > 0) movements.push({ storeId, variantId: v.id, type: 'receive', quantity: qty, refType: 'delivery', refId: `DN-${code}-0001` });
      if (qty > 2 && r() < 0.08) movements.push({ storeId, variantId: v.id, type: 'sale', quantity: pickInt(r, 1, 2), refType: 'pos', refId: `POS-${code}` });
      if (r() < 0.1) settings.push({ store: storeId, variant: v.id, safety: pickInt(r, 0, 1), low: pickInt(r, 2, 5) });
    }
  }
  for (let i = 0; i < movements.length; i += 5000) {
    await applyMovements(ctx.trx, ctx.merchantId, movements.slice(i, i + 5000), { actor: 'demo' });
  }
  await sql`
    insert into stock_levels (merchant_id, store_id, variant_id, safety_stock, low_stock_threshold)
    select ${ctx.merchantId}::uuid, s, v, safety, low from unnest(${settings.map((x) => x.store)}::uuid[], ${settings.map((x) => x.variant)}::uuid[],
      ${settings.map((x) => x.safety)}::int[], ${settings.map((x) => x.low)}::int[]) as t(s, v, safety, low)
    on conflict (merchant_id, store_id, variant_id) do update set safety_stock = excluded.safety_stock, low_stock_threshold = excluded.low_stock_threshold`.execute(ctx.trx);
}

/** A manager and an associate for a few stores, and a POS key for every store (printed once, here). */
async function seedStaffAndTills(ctx: DemoContext) {
  const { storeIds } = ctx.shared as unknown as DemoShared;
  for (const c of storeStaffCredentials) {
    await createStaffUser(ctx.trx, ctx.system, { email: c.email, name: c.label, password: c.password, role: c.role, storeIds: c.storeCodes.map((code) => storeIds[code]) });
  }
  const posKeys: Record<string, string> = {};
  const rows = Object.entries(storeIds).map(([code, storeId]) => {
    const id = demoUuid(ctx.random);
    const secret = newApiKeySecret(id);
    posKeys[code] = secret.plaintext;
    return { merchant_id: ctx.merchantId, id, name: `POS ${code}`, role: 'pos' as const, store_id: storeId, secret_hash: secret.hash, last_four: secret.lastFour };
  });
  await ctx.trx.insertInto('api_keys').values(rows).execute();
  Object.assign(ctx.shared, { posKeys });
  if (process.env.FOOTFALL_QUIET_SEED !== '1') {
    console.log(['', 'POS API keys, one per store (shown only now; make more with npx footfall create-api-key --merchant brightline --role pos --store CODE):',
      ...Object.entries(posKeys).map(([code, key]) => `  ${code.padEnd(7)} ${key}`)].join('\n'));
  }
}

export const stockDemoSteps: DemoStep[] = [
  { name: 'stores', run: seedStores },
  { name: 'catalog', run: seedCatalog },
  { name: 'stock', run: seedStock },
  { name: 'store staff and tills', run: seedStaffAndTills },
];
