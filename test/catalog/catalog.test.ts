import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { createKettle } from './catalog-fixtures.ts';

describeEachBackend('catalog', (server) => {
  it('creates products with variants, categories and prices, and shows shoppers active products only', async () => {
    const m = await createTestMerchant(server());
    const cat = await server().request('POST', '/v1/admin/categories', { token: m.ownerToken, body: { slug: 'kitchen', name: { en: 'Kitchen', ms: 'Dapur' } } });
    assert.equal(cat.status, 201, cat.text);
    const sub = await server().request('POST', '/v1/admin/categories', { token: m.ownerToken, body: { slug: 'kettles', name: { en: 'Kettles' }, parentId: cat.body.id } });
    const kettle = await createKettle(server(), m.ownerToken, { categoryId: sub.body.id });
    const draft = await createKettle(server(), m.ownerToken, { status: 'draft', name: { en: 'Secret Prototype Kettle' } });

    const listing = await server().request('GET', `/v1/shop/${m.slug}/products?category=kitchen&locale=ms`);
    assert.equal(listing.status, 200, listing.text);
    assert.deepEqual(listing.body.items.map((p: any) => p.handle), [kettle.handle], 'the parent category lists its children\'s products; drafts hidden');
    assert.equal(listing.body.items[0].name, 'Cerek Elektrik Kaca');
    assert.deepEqual(listing.body.items[0].priceFrom, { amount: 12900, currency: 'MYR' });
    const categories = await server().request('GET', `/v1/shop/${m.slug}/categories?locale=ms`);
    assert.deepEqual(categories.body.items.map((c: any) => [c.slug, c.name]), [['kettles', 'Kettles'], ['kitchen', 'Dapur']], 'names in the shopper\'s language, English as fallback');

    const page = await server().request('GET', `/v1/shop/${m.slug}/products/${kettle.handle}?locale=fa`);
    assert.equal(page.status, 200, page.text);
    assert.equal(page.body.name, 'کتری برقی شیشه‌ای');
    assert.equal(page.body.description, 'Boils 1.7 litres in four minutes.', 'falls back to English');
    const black = page.body.variants.find((v: any) => v.options.colour === 'Black');
    assert.deepEqual(black.pickupPrice, { amount: 11900, currency: 'MYR' });
    assert.equal((await server().request('GET', `/v1/shop/${m.slug}/products/${draft.handle}`)).status, 404);

    const activated = await server().request('PATCH', `/v1/admin/products/${draft.id}`, { token: m.ownerToken, body: { status: 'active' } });
    assert.equal(activated.status, 200);
    assert.equal((await server().request('GET', `/v1/shop/${m.slug}/products/${draft.handle}`)).status, 200);
    const archived = await server().request('PATCH', `/v1/admin/products/${draft.id}`, { token: m.ownerToken, body: { status: 'archived' } });
    assert.equal(archived.body.status, 'archived');
    assert.equal((await server().request('GET', `/v1/shop/${m.slug}/products/${draft.handle}`)).status, 404);
  });

  it('searches names in every script, SKUs and barcodes', async () => {
    const m = await createTestMerchant(server());
    const kettle = await createKettle(server(), m.ownerToken);
    const search = async (q: string) => (await server().request('GET', `/v1/shop/${m.slug}/products?q=${encodeURIComponent(q)}`)).body.items.map((p: any) => p.handle);
    for (const q of ['kettle', 'KETTLE glass', 'کتری', 'غلايه', 'غلاية', 'ЧАЙНИК', 'กาต้มน้ำ', 'cerek', kettle.variants[0].sku.toLowerCase(), kettle.variants[1].barcode]) {
      assert.deepEqual(await search(q), [kettle.handle], `search "${q}"`);
    }
    assert.deepEqual(await search('toaster'), []);
    assert.deepEqual(await search('100%'), [], 'LIKE wildcards are literal');

    const lookup = await server().request('GET', `/v1/staff/variants/lookup?code=${kettle.variants[0].barcode}`, { token: m.ownerToken });
    assert.equal(lookup.status, 200);
    assert.equal(lookup.body.sku, kettle.variants[0].sku);
    assert.equal(lookup.body.prices[0].pickupPriceMinor, 11900);
  });

  it('changes prices with an event, and refuses bad catalog input', async () => {
    const m = await createTestMerchant(server());
    const kettle = await createKettle(server(), m.ownerToken);
    const v = kettle.variants[0];
    const price = await server().request('PUT', `/v1/admin/variants/${v.id}/prices/MYR`, { token: m.ownerToken, body: { priceMinor: 9900, pickupPriceMinor: 8900 } });
    assert.equal(price.status, 200, price.text);
    const events = await server().platform.ctx.db.selectFrom('outbox_events').select(['type', 'payload']).where('merchant_id', '=', m.id).execute();
    const changed = events.find((e) => e.type === 'price.changed');
    assert.equal((changed?.payload as any).previousPriceMinor, 12900);
    assert.ok(events.some((e) => e.type === 'product.created'));

    const bad = [
      { sku: 'BAD-EAN', barcode: '9551234567890' },
      { sku: 'BAD-PICKUP', prices: [{ currency: 'MYR', priceMinor: 1000, pickupPriceMinor: 2000 }] },
      { sku: 'bad sku with spaces' },
      { sku: v.sku },
    ];
    for (const body of bad) {
      const res = await server().request('POST', `/v1/admin/products/${kettle.id}/variants`, { token: m.ownerToken, body });
      assert.ok(res.status === 400 || res.status === 409, `${JSON.stringify(body)} -> ${res.status}`);
    }
    const noEnglish = await server().request('POST', '/v1/admin/products', { token: m.ownerToken, body: { handle: 'x', name: { fa: 'فقط فارسی' } } });
    assert.equal(noEnglish.status, 400);
    const product = await server().request('GET', `/v1/admin/products/${kettle.id}`, { token: m.ownerToken });
    assert.equal(product.body.variants.length, 2, 'nothing half-written');
    const fromDraft = await server().request('PATCH', `/v1/admin/products/${kettle.id}`, { token: m.ownerToken, body: { status: 'draft' } });
    assert.equal(fromDraft.status, 200);
  });

  it('serves generated placeholder images', async () => {
    const m = await createTestMerchant(server());
    const res = await server().request('GET', `/v1/shop/${m.slug}/images/kettle-42.svg?label=Kettle`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /image\/svg\+xml/);
    assert.match(res.text, /^<svg/);
    assert.equal((await server().request('GET', `/v1/shop/${m.slug}/images/..%2Fetc.svg`)).status, 404);
  });
});
