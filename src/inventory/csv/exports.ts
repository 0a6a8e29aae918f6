import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { CATALOG_COLUMNS } from '../../catalog/catalog.import.ts';
import { LOCALES } from '../../catalog/catalog.rules.ts';
import { STORE_COLUMNS, formatDayHours } from '../../stores/store.import.ts';
import { localDate, pickupReadyAt } from '../../stores/hours.ts';
import type { OpeningHours } from '../../stores/store.table.ts';
import { fromMinor } from './import-runner.ts';

const PAGE = 5000;
export const EXPORT_KINDS = ['stores', 'catalog', 'stock', 'local-inventory'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Keyset pages of a query, so an export of millions of rows streams in bounded memory. */
async function* pages<T extends { k: string }>(fetch: (after: string) => Promise<T[]>): AsyncGenerator<T> {
  let after = '';
  for (;;) {
    const rows = await fetch(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].k;
  }
}

async function* storeRows(db: Executor, merchantId: string) {
  yield [...STORE_COLUMNS.required, ...STORE_COLUMNS.optional];
  const rows = await db.selectFrom('stores').selectAll().where('merchant_id', '=', merchantId).orderBy('code').execute();
  for (const s of rows) {
    yield [s.code, s.name, s.country, s.lat, s.lng, s.timezone, s.status, s.address_line1, s.address_line2, s.city, s.region, s.postcode,
      s.phone ?? '', s.email ?? '', s.services.join('|'), s.pickup_prep_minutes,
      ...(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => formatDayHours(s.opening_hours[d]))];
  }
}

async function* catalogRows(db: Executor, merchantId: string, currency: string) {
  yield [...CATALOG_COLUMNS.required, ...CATALOG_COLUMNS.optional];
  type Row = { k: string; handle: string; sku: string; status: string; category: string | null; name: Record<string, string>; description: Record<string, string>;
    images: { url: string }[]; barcode: string | null; options: Record<string, string>; price: number | null; pickup: number | null; compare_at: number | null; cost: number | null };
  const rows = pages<Row>(async (after) => (await sql<Row>`
    select v.sku as k, p.handle, v.sku, p.status, c.slug as category, p.name, p.description, p.images, v.barcode, v.options,
      vp.price_minor as price, vp.pickup_price_minor as pickup, vp.compare_at_minor as compare_at, v.cost_minor as cost
    from variants v join products p on p.merchant_id = v.merchant_id and p.id = v.product_id
    left join categories c on c.merchant_id = p.merchant_id and c.id = p.category_id
    left join variant_prices vp on vp.merchant_id = v.merchant_id and vp.variant_id = v.id and vp.currency = ${currency}
    where v.merchant_id = ${merchantId} and v.sku > ${after} order by v.sku limit ${PAGE}`.execute(db)).rows);
  const money = (minor: number | null) => (minor === null ? '' : fromMinor(Number(minor), currency));
  for await (const r of rows) {
    const [o1, o2] = Object.entries(r.options);
    yield [r.handle, r.sku, r.status, r.category ?? '', ...LOCALES.map((l) => r.name[l] ?? ''), ...LOCALES.map((l) => r.description[l] ?? ''),
      r.images[0]?.url ?? '', r.barcode ?? '', o1?.[0] ?? '', o1?.[1] ?? '', o2?.[0] ?? '', o2?.[1] ?? '', currency, money(r.price), money(r.pickup), money(r.compare_at), money(r.cost)];
  }
}

type LevelRow = { k: string; store_code: string; sku: string; product: Record<string, string>; on_hand: number; reserved: number; incoming: number; safety_stock: number; low_stock_threshold: number | null; store_id: string };
// Keyset on the primary key order (store_id, variant_id), so each page is an index range scan.
function levelPages(db: Executor, merchantId: string) {
  return pages<LevelRow>(async (after) => {
    const [afterStore, afterVariant] = after ? after.split('|') : ['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'];
    return (await sql<LevelRow>`
      select l.store_id || '|' || l.variant_id as k, s.code as store_code, v.sku, p.name as product, l.on_hand, l.reserved, l.incoming, l.safety_stock, l.low_stock_threshold, l.store_id
      from stock_levels l join stores s on s.merchant_id = l.merchant_id and s.id = l.store_id
      join variants v on v.merchant_id = l.merchant_id and v.id = l.variant_id
      join products p on p.merchant_id = v.merchant_id and p.id = v.product_id
      where l.merchant_id = ${merchantId} and (l.store_id, l.variant_id) > (${afterStore}::uuid, ${afterVariant}::uuid)
      order by l.store_id, l.variant_id limit ${PAGE}`.execute(db)).rows;
  });
}

async function* stockRows(db: Executor, merchantId: string) {
  yield ['store_code', 'sku', 'on_hand', 'reserved', 'available', 'incoming', 'safety_stock', 'low_stock_threshold', 'product'];
  for await (const l of levelPages(db, merchantId)) {
    yield [l.store_code, l.sku, l.on_hand, l.reserved, Math.max(0, l.on_hand - l.reserved - l.safety_stock), l.incoming, l.safety_stock, l.low_stock_threshold ?? '', l.product.en ?? ''];
  }
}

/**
 * Google Merchant Center local inventory feed: per store and item, the units, price, availability,
 * pickup method (buy online and pick up, or reserve) and pickup SLA from the store's hours and prep time.
 */
async function* localInventoryRows(db: Executor, merchantId: string, currency: string, now: Date) {
  yield ['store_code', 'id', 'quantity', 'price', 'sale_price', 'availability', 'pickup_method', 'pickup_sla'];
  const stores = await db.selectFrom('stores').selectAll().where('merchant_id', '=', merchantId).where('status', '=', 'active').execute();
  const exceptions = await db.selectFrom('store_hours_exceptions').select(['store_id', sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'closed', 'intervals']).where('merchant_id', '=', merchantId).execute();
  const storeInfo = new Map(stores.map((s) => {
    const hours = { timezone: s.timezone, opening_hours: s.opening_hours as OpeningHours, pickup_prep_minutes: s.pickup_prep_minutes, exceptions: exceptions.filter((e) => e.store_id === s.id) };
    const ready = pickupReadyAt(hours, now);
    const days = ready ? Math.round((Date.parse(localDate(ready, s.timezone)) - Date.parse(localDate(now, s.timezone))) / 86_400_000) : null;
    const sla = days === null ? 'multi-week' : days === 0 ? 'same_day' : days === 1 ? 'next_day' : days <= 6 ? `${days}-day` : 'multi-week';
    const method = s.services.includes('pickup') ? 'buy' : s.services.includes('reserve_pay_in_store') ? 'reserve' : 'not_supported';
    return [s.id, { method, sla }];
  }));
  const prices = new Map((await db.selectFrom('variant_prices').innerJoin('variants', (j) => j.onRef('variants.merchant_id', '=', 'variant_prices.merchant_id').onRef('variants.id', '=', 'variant_prices.variant_id'))
    .select(['variants.sku', 'price_minor', 'pickup_price_minor']).where('variant_prices.merchant_id', '=', merchantId).where('currency', '=', currency).execute())
    .map((p) => [p.sku, p]));
  for await (const l of levelPages(db, merchantId)) {
    const info = storeInfo.get(l.store_id);
    if (!info) continue;
    const available = Math.max(0, l.on_hand - l.reserved - l.safety_stock);
    const low = l.low_stock_threshold ?? 2;
    const price = prices.get(l.sku);
    yield [l.store_code, l.sku, available, price ? `${fromMinor(price.price_minor, currency)} ${currency}` : '',
      price?.pickup_price_minor != null && price.pickup_price_minor < price.price_minor ? `${fromMinor(price.pickup_price_minor, currency)} ${currency}` : '',
      available === 0 ? 'out_of_stock' : available <= low ? 'limited_availability' : 'in_stock',
      available === 0 ? 'not_supported' : info.method, info.sla];
  }
}

/** An export as a CSV byte stream. */
export async function exportCsv(db: Executor, merchantId: string, kind: ExportKind, now = new Date()): Promise<Readable> {
  const { currency } = await db.selectFrom('merchants').select('currency').where('id', '=', merchantId).executeTakeFirstOrThrow();
  const rows = kind === 'stores' ? storeRows(db, merchantId)
    : kind === 'catalog' ? catalogRows(db, merchantId, currency)
    : kind === 'stock' ? stockRows(db, merchantId)
    : localInventoryRows(db, merchantId, currency, now);
  return Readable.from(rows).pipe(stringify());
}
