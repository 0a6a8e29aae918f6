import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ensureDemoData, DEMO } from '../../src/demo/seed.ts';
import { isValidEan13 } from '../../src/catalog/ean.ts';
import { ledgerDifferences } from '../../src/inventory/inventory.repository.ts';
import { describeEachBackend } from '../support/suite.ts';

process.env.FOOTFALL_QUIET_SEED = '1';

describeEachBackend('demo data', (server) => {
  it('loads Brightline: 25+ Kuala Lumpur stores, 300+ products in six languages, stock in every store, staff and tills', async () => {
    const db = server().platform.ctx.db;
    assert.equal(await ensureDemoData(db), true);
    const merchant = await db.selectFrom('merchants').selectAll().where('slug', '=', DEMO.merchantSlug).executeTakeFirstOrThrow();
    const stores = await db.selectFrom('stores').selectAll().where('merchant_id', '=', merchant.id).execute();
    assert.ok(stores.length >= 25);
    assert.ok(stores.every((s) => s.timezone === 'Asia/Kuala_Lumpur' && s.lat > 2.9 && s.lat < 3.3 && s.lng > 101.5 && s.lng < 101.8));
    const variants = await db.selectFrom('variants').select(['barcode']).where('merchant_id', '=', merchant.id).execute();
    assert.ok(variants.every((v) => v.barcode && isValidEan13(v.barcode)));
    const products = await db.selectFrom('products').select(['name', 'description']).where('merchant_id', '=', merchant.id).execute();
    assert.ok(products.length >= 300);
    assert.ok(products.every((p) => ['en', 'fa', 'ar', 'ru', 'ms', 'th'].every((l) => p.name[l] && p.description[l])));
    const storesWithStock = await db.selectFrom('stock_levels').select('store_id').distinct().where('merchant_id', '=', merchant.id).where('on_hand', '>', 0).execute();
    assert.equal(storesWithStock.length, stores.length, 'stock in every store');
    assert.deepEqual(await ledgerDifferences(db, merchant.id), [], 'levels equal the ledger');

    // The printed sign-ins work, and a store manager sees only the store it runs.
    const manager = DEMO.credentials.find((c) => c.role === 'manager')!;
    const login = await server().request('POST', '/v1/auth/staff/login', { body: { email: manager.email, password: manager.password } });
    assert.equal(login.status, 200, login.text);
    const stock = await server().request('GET', '/v1/staff/stock?limit=200', { token: login.body.token });
    assert.deepEqual([...new Set(stock.body.items.map((l: any) => l.storeCode))], manager.storeCodes);

    // The staff console opens on a pickup queue with work in every bucket but overdue.
    const store = stores.find((s) => s.code === manager.storeCodes![0])!;
    const queue = await server().request('GET', `/v1/staff/stores/${store.id}/pickup-queue`, { token: login.body.token });
    assert.equal(queue.status, 200, queue.text);
    assert.ok(queue.body.counts.new >= 1 && queue.body.counts.picking >= 1 && queue.body.counts.ready >= 1, JSON.stringify(queue.body.counts));

    const thai = await server().request('GET', `/v1/shop/${DEMO.merchantSlug}/products?q=${encodeURIComponent('กาต้มน้ำ')}&locale=th`);
    assert.ok(thai.body.total >= 5);
    const near = await server().request('GET', `/v1/shop/${DEMO.merchantSlug}/availability?variantId=${thai.body.items[0].variants[0].id}&lat=3.1488&lng=101.7133&radiusKm=5`);
    assert.ok(near.body.items.length >= 5);
    assert.equal(near.body.items[0].code, 'PAV');
    assert.equal(await ensureDemoData(db), false, 'a second start keeps the data');
  });
});
