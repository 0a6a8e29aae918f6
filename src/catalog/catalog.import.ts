import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../platform/access.ts';
import type { Trx } from '../platform/db.ts';
import { emitEvent } from '../platform/outbox.ts';
import { int, toMinor, type Importer, type Rejection } from '../inventory/csv/import-runner.ts';
import { LOCALES } from './catalog.rules.ts';
import { isValidEan13 } from './ean.ts';
import { refreshSearchText } from './product.repository.ts';

export const CATALOG_COLUMNS = {
  required: ['handle', 'sku'],
  optional: [
    'status', 'category', ...LOCALES.map((l) => `name_${l}`), ...LOCALES.map((l) => `description_${l}`), 'image_url',
    'barcode', 'option1_name', 'option1_value', 'option2_name', 'option2_value', 'currency', 'price', 'pickup_price', 'compare_at_price', 'cost',
  ],
} as const;

interface CatalogRow {
  handle: string; sku: string; status: 'draft' | 'active' | 'archived' | null; category: string | null;
  name: Record<string, string>; description: Record<string, string>; image: string | null; barcode: string | null;
  options: Record<string, string>; currency: string; price: number | null; pickup: number | null; compareAt: number | null; cost: number | null;
}

/**
 * One row per variant; rows with the same handle make one product. Products are matched by handle and
 * variants by SKU, so re-importing an export updates in place. Prices are decimals in `currency`.
 */
export function catalogImporter(actor: Actor, defaultCurrency: string, categoryIds: Map<string, string>): Importer<CatalogRow> {
  // Handles named earlier in this run: a product may span chunks, and a dry run writes no earlier chunk.
  const named = new Set<string>();
  return {
    kind: 'catalog',
    columns: CATALOG_COLUMNS,
    parse(v) {
      const reasons: string[] = [];
      const at = `SKU ${v.sku || '?'}`;
      if (!/^[a-z0-9][a-z0-9-]{0,119}$/.test(v.handle)) reasons.push(`${at}: handle "${v.handle}" takes lowercase letters, digits and dashes`);
      if (!/^[A-Za-z0-9][A-Za-z0-9._\/-]{0,63}$/.test(v.sku)) reasons.push(`SKU "${v.sku}" may hold letters, digits, . _ / - (up to 64)`);
      const status = v.status ? v.status.toLowerCase() : null;
      if (status && !['draft', 'active', 'archived'].includes(status)) reasons.push(`${at}: status "${v.status}" must be draft, active or archived`);
      if (v.category && !categoryIds.has(v.category)) reasons.push(`${at}: unknown category "${v.category}"`);
      if (v.barcode && !isValidEan13(v.barcode)) reasons.push(`${at}: barcode ${v.barcode} is not a valid EAN-13`);
      const currency = (v.currency || defaultCurrency).toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) reasons.push(`${at}: currency "${v.currency}" must be an ISO 4217 code`);
      const money = (field: 'price' | 'pickup_price' | 'compare_at_price' | 'cost') => {
        if (!v[field]) return null;
        const minor = /^[A-Z]{3}$/.test(currency) ? toMinor(v[field], currency) : NaN;
        if (Number.isNaN(minor)) reasons.push(`${at}: ${field} "${v[field]}" must be an amount such as 129.90`);
        return minor;
      };
      const price = money('price');
      const pickup = money('pickup_price');
      const compareAt = money('compare_at_price');
      const cost = money('cost');
      if ((pickup !== null || compareAt !== null) && price === null) reasons.push(`${at}: a pickup or compare-at price needs a price`);
      if (pickup !== null && price !== null && pickup > price) reasons.push(`${at}: pickup_price must not be higher than price`);
      const options: Record<string, string> = {};
      for (const n of [1, 2]) {
        const name = v[`option${n}_name`];
        const value = v[`option${n}_value`];
        if (name && value) options[name] = value;
        else if (name || value) reasons.push(`${at}: option${n}_name and option${n}_value go together`);
      }
      const pick = (prefix: string) => Object.fromEntries(LOCALES.flatMap((l) => (v[`${prefix}_${l}`] ? [[l, v[`${prefix}_${l}`]]] : [])));
      if (reasons.length) return { ok: false, reasons };
      return {
        ok: true,
        value: {
          handle: v.handle, sku: v.sku, status: status as CatalogRow['status'], category: v.category || null, name: pick('name'), description: pick('description'),
          image: v.image_url || null, barcode: v.barcode || null, options, currency, price, pickup, compareAt, cost,
        },
      };
    },
    async writeChunk(trx: Trx, rows, checkOnly) {
      const rejected: Rejection[] = [];
      const m = actor.merchantId;
      const handles = [...new Set(rows.map((r) => r.value.handle))];
      const existing = await sql<{ id: string; handle: string }>`select id, handle from products where merchant_id = ${m} and handle = any(${handles}::text[])`.execute(trx);
      const productIds = new Map(existing.rows.map((p) => [p.handle, p.id]));
      const skus = rows.map((r) => r.value.sku);
      const barcodes = rows.flatMap((r) => (r.value.barcode ? [r.value.barcode] : []));
      const matches = await sql<{ id: string; sku: string; barcode: string | null; handle: string }>`
        select v.id, v.sku, v.barcode, p.handle from variants v join products p on p.merchant_id = v.merchant_id and p.id = v.product_id
        where v.merchant_id = ${m} and (v.sku = any(${skus}::text[]) or v.barcode = any(${barcodes}::text[]))`.execute(trx);
      const bySku = new Map(matches.rows.map((v) => [v.sku, v]));
      const barcodeOwner = new Map(matches.rows.filter((v) => v.barcode).map((v) => [v.barcode!, v.sku]));
      const seenSku = new Map<string, number>();
      for (const r of rows) if (r.value.name.en) named.add(r.value.handle);
      const good = rows.filter((r) => {
        const v = r.value;
        const reasons: string[] = [];
        if (seenSku.has(v.sku)) reasons.push(`SKU ${v.sku} is repeated (first at line ${seenSku.get(v.sku)})`);
        const owner = bySku.get(v.sku);
        if (owner && owner.handle !== v.handle) reasons.push(`SKU ${v.sku} belongs to product ${owner.handle}`);
        if (v.barcode) {
          const other = barcodeOwner.get(v.barcode);
          if (other && other !== v.sku) reasons.push(`SKU ${v.sku}: barcode ${v.barcode} is already used by SKU ${other}`);
          else barcodeOwner.set(v.barcode, v.sku);
        }
        if (!productIds.has(v.handle) && !named.has(v.handle)) reasons.push(`SKU ${v.sku}: name_en is required for the new product ${v.handle}`);
        seenSku.set(v.sku, r.line);
        if (reasons.length) rejected.push({ line: r.line, reasons });
        return reasons.length === 0;
      });
      if (rejected.length || checkOnly) return rejected; // the run rolls back anyway: skip the writes

      // Product fields: the first non-empty value per handle in this chunk.
      const products = new Map<string, { id: string; status: string | null; category: string | null; name: Record<string, string>; description: Record<string, string>; image: string | null; isNew: boolean }>();
      for (const { value: v } of good) {
        const p = products.get(v.handle) ?? { id: productIds.get(v.handle) ?? randomUUID(), status: null, category: null, name: {}, description: {}, image: null, isNew: !productIds.has(v.handle) };
        p.status ??= v.status;
        p.category ??= v.category;
        p.image ??= v.image;
        p.name = { ...v.name, ...p.name };
        p.description = { ...v.description, ...p.description };
        products.set(v.handle, p);
      }
      const fresh = [...products.entries()].filter(([, p]) => p.isNew);
      const updated = [...products.entries()].filter(([, p]) => !p.isNew);
      const categoryOf = (p: { category: string | null }) => (p.category ? categoryIds.get(p.category)! : null);
      const imagesOf = (p: { image: string | null }) => (p.image ? JSON.stringify([{ url: p.image }]) : null);
      if (fresh.length) {
        await sql`
          insert into products (merchant_id, id, handle, status, category_id, name, description, images)
          select ${m}::uuid, id, handle, coalesce(status, 'draft'), category, name, description, coalesce(images, '[]'::jsonb)
          from unnest(${fresh.map(([, p]) => p.id)}::uuid[], ${fresh.map(([h]) => h)}::text[], ${fresh.map(([, p]) => p.status)}::text[],
                      ${fresh.map(([, p]) => categoryOf(p))}::uuid[], ${fresh.map(([, p]) => JSON.stringify(p.name))}::jsonb[],
                      ${fresh.map(([, p]) => JSON.stringify(p.description))}::jsonb[], ${fresh.map(([, p]) => imagesOf(p))}::jsonb[])
            as t(id, handle, status, category, name, description, images)`.execute(trx);
      }
      if (updated.length) {
        // Columns left empty keep their value; names and descriptions merge per locale.
        await sql`
          update products p set
            status = coalesce(t.status, p.status), category_id = coalesce(t.category, p.category_id),
            name = p.name || t.name, description = p.description || t.description, images = coalesce(t.images, p.images), updated_at = now()
          from unnest(${updated.map(([, p]) => p.id)}::uuid[], ${updated.map(([, p]) => p.status)}::text[], ${updated.map(([, p]) => categoryOf(p))}::uuid[],
                      ${updated.map(([, p]) => JSON.stringify(p.name))}::jsonb[], ${updated.map(([, p]) => JSON.stringify(p.description))}::jsonb[],
                      ${updated.map(([, p]) => imagesOf(p))}::jsonb[]) as t(id, status, category, name, description, images)
          where p.merchant_id = ${m} and p.id = t.id`.execute(trx);
      }
      const variantIds = good.map((r) => bySku.get(r.value.sku)?.id ?? randomUUID());
      await sql`
        insert into variants (merchant_id, id, product_id, sku, barcode, options, cost_minor)
        select ${m}::uuid, id, product, sku, barcode, options, cost
        from unnest(${variantIds}::uuid[], ${good.map((r) => products.get(r.value.handle)!.id)}::uuid[], ${good.map((r) => r.value.sku)}::text[],
                    ${good.map((r) => r.value.barcode)}::text[], ${good.map((r) => JSON.stringify(r.value.options))}::jsonb[], ${good.map((r) => r.value.cost)}::bigint[])
          as t(id, product, sku, barcode, options, cost)
        on conflict (merchant_id, sku) do update set
          barcode = coalesce(excluded.barcode, variants.barcode),
          options = case when excluded.options = '{}'::jsonb then variants.options else excluded.options end,
          cost_minor = coalesce(excluded.cost_minor, variants.cost_minor), updated_at = now()`.execute(trx);
      const priced = good.map((r, i) => ({ ...r.value, variantId: variantIds[i] })).filter((r) => r.price !== null);
      if (priced.length) {
        await sql`
          insert into variant_prices (merchant_id, variant_id, currency, price_minor, pickup_price_minor, compare_at_minor)
          select ${m}::uuid, v, c, p, pp, ca from unnest(${priced.map((r) => r.variantId)}::uuid[], ${priced.map((r) => r.currency)}::text[],
            ${priced.map((r) => r.price)}::bigint[], ${priced.map((r) => r.pickup)}::bigint[], ${priced.map((r) => r.compareAt)}::bigint[]) as t(v, c, p, pp, ca)
          on conflict (merchant_id, variant_id, currency) do update set
            price_minor = excluded.price_minor, pickup_price_minor = excluded.pickup_price_minor, compare_at_minor = excluded.compare_at_minor`.execute(trx);
        await emitEvent(trx, m, 'price.changed', { source: 'import', prices: priced.map((r) => ({ variantId: r.variantId, sku: r.sku, currency: r.currency, priceMinor: r.price, pickupPriceMinor: r.pickup, compareAtMinor: r.compareAt })) });
      }
      await refreshSearchText(trx, m, [...products.values()].map((p) => p.id));
      await emitEvent(trx, m, 'catalog.imported', {
        created: fresh.map(([, p]) => p.id), updated: updated.map(([, p]) => p.id), skus: good.map((r) => r.value.sku),
      });
      return rejected;
    },
  };
}
