import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { ean13 } from '../../src/catalog/ean.ts';
import { importCsv } from '../../src/inventory/csv/csv.service.ts';
import { systemActor } from '../../src/platform/access.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';

const csv = (server: any, token: string, kind: string, body: string | Buffer, query = '') =>
  server.request('POST', `/v1/admin/imports/${kind}${query}`, { token, raw: body, headers: { 'content-type': 'text/csv' } });

const STORES = `code,name,country,lat,lng,timezone,city,postcode,services,pickup_prep_minutes,hours_mon,hours_sun
PAV,Pavilion KL,MY,3.1488,101.7133,Asia/Kuala_Lumpur,Kuala Lumpur,55100,pickup|returns,30,10:00-22:00,10:00-22:00
KLCC,Suria KLCC,MY,3.1580,101.7119,Asia/Kuala_Lumpur,Kuala Lumpur,50088,pickup,45,"10:00-14:00,15:00-22:00",closed
`;
const catalog = (barcode: string) => `handle,sku,status,name_en,name_fa,name_th,barcode,option1_name,option1_value,currency,price,pickup_price
kettle-one,KET-1-BLK,active,Kettle One,کتری وان,กาต้มน้ำ วัน,${barcode},colour,Black,MYR,129.00,119.00
kettle-one,KET-1-WHT,,,,,,colour,White,MYR,129.00,
fan-two,FAN-2,active,Fan Two,پنکه,พัดลม,,,,MYR,89.90,
`;

describeEachBackend('CSV import and export', (server) => {
  it('imports stores, catalog and stock counts, and exports them back (and the local inventory feed)', async () => {
    const m = await createTestMerchant(server());
    const stores = await csv(server(), m.ownerToken, 'stores', STORES);
    assert.equal(stores.status, 200, stores.text);
    assert.deepEqual([stores.body.rows, stores.body.imported, stores.body.committed], [2, 2, true]);
    const found = await server().request('GET', `/v1/shop/${m.slug}/stores?lat=3.158&lng=101.7119&radiusKm=5`);
    assert.deepEqual(found.body.items.map((s: any) => s.code), ['KLCC', 'PAV']);
    assert.deepEqual(found.body.items[0].openingHours.mon, [{ open: '10:00', close: '14:00' }, { open: '15:00', close: '22:00' }]);

    const cat = await csv(server(), m.ownerToken, 'catalog', catalog(ean13('955000000001')));
    assert.equal(cat.status, 200, cat.text);
    const page = await server().request('GET', `/v1/shop/${m.slug}/products/kettle-one?locale=th`);
    assert.equal(page.body.name, 'กาต้มน้ำ วัน');
    assert.deepEqual(page.body.variants.map((v: any) => [v.sku, v.price.amount, v.pickupPrice?.amount ?? null]), [['KET-1-BLK', 12900, 11900], ['KET-1-WHT', 12900, null]]);
    const thai = await server().request('GET', `/v1/shop/${m.slug}/products?q=${encodeURIComponent('พัดลม')}`);
    assert.deepEqual(thai.body.items.map((p: any) => p.handle), ['fan-two']);

    const stock = await csv(server(), m.ownerToken, 'stock', 'store_code,sku,on_hand,low_stock_threshold\nPAV,KET-1-BLK,12,3\nKLCC,KET-1-BLK,4,\nPAV,FAN-2,0,\n');
    assert.equal(stock.status, 200, stock.text);
    const recount = await csv(server(), m.ownerToken, 'stock', 'store_code,sku,on_hand\nPAV,KET-1-BLK,9\n');
    assert.equal(recount.status, 200);
    const levels = await server().request('GET', '/v1/staff/stock?q=KET-1-BLK', { token: m.ownerToken });
    assert.deepEqual(levels.body.items.map((l: any) => [l.storeCode, l.onHand, l.lowStockThreshold]), [['KLCC', 4, null], ['PAV', 9, 3]]);
    const moves = await server().platform.ctx.db.selectFrom('stock_movements').select(['type', 'on_hand_delta']).where('merchant_id', '=', m.id).orderBy('id').execute();
    assert.deepEqual(moves.map((x) => [x.type, x.on_hand_delta]), [['adjustment', 12], ['adjustment', 4], ['adjustment', -3]], 'counts go through the ledger');

    const exported = await server().request('GET', '/v1/admin/exports/stock.csv', { token: m.ownerToken });
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(exported.text, /^store_code,sku,on_hand,reserved,available,incoming,safety_stock,low_stock_threshold,product\n/);
    assert.equal((await csv(server(), m.ownerToken, 'stock', exported.text)).status, 200, 'an export imports back');
    const catalogCsv = await server().request('GET', '/v1/admin/exports/catalog.csv', { token: m.ownerToken });
    assert.match(catalogCsv.text, /KET-1-BLK,active,,Kettle One,کتری وان,,,,กาต้มน้ำ วัน/);
    assert.equal((await csv(server(), m.ownerToken, 'catalog', catalogCsv.text)).status, 200);
    const storesCsv = await server().request('GET', '/v1/admin/exports/stores.csv', { token: m.ownerToken });
    assert.equal((await csv(server(), m.ownerToken, 'stores', storesCsv.text)).status, 200);

    const feed = await server().request('GET', '/v1/admin/exports/local-inventory.csv', { token: m.ownerToken });
    const lines = feed.text.trim().split('\n');
    assert.equal(lines[0], 'store_code,id,quantity,price,sale_price,availability,pickup_method,pickup_sla');
    // PAV opens only on Mondays and Sundays in this file, so the pickup SLA depends on today's weekday.
    assert.ok(lines.some((l) => /^PAV,KET-1-BLK,9,129.00 MYR,119.00 MYR,in_stock,buy,(same_day|next_day|[2-6]-day)$/.test(l)), feed.text);
    assert.ok(lines.some((l) => l.startsWith('PAV,FAN-2,0,89.90 MYR,,out_of_stock,not_supported,')));
  });

  it('lists rejected rows with line numbers and reasons, and imports nothing', async () => {
    const m = await createTestMerchant(server());
    await csv(server(), m.ownerToken, 'stores', STORES);
    const bad = await csv(server(), m.ownerToken, 'catalog', `${catalog('9550000000019')}lamp-three,LAMP 3,active,Lamp,,,,,,MYR,12.345,\nlamp-four,LAMP-4,active,,,,,,,MYR,10.00,\n`);
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.body.type, 'https://footfall.dev/problems/import_rejected');
    // Line 3 adds a variant to line 2's product, which was rejected, so it has no product to join.
    assert.deepEqual(bad.body.report.rejected.map((r: any) => r.line), [2, 3, 5, 6]);
    assert.match(bad.body.report.rejected[0].reasons[0], /EAN-13/);
    assert.match(bad.body.report.rejected[2].reasons.join(' '), /SKU "LAMP 3"/);
    assert.match(bad.body.report.rejected[3].reasons.join(' '), /name_en is required/);
    const products = await server().request('GET', '/v1/admin/products', { token: m.ownerToken });
    assert.equal(products.body.total, 0, 'nothing half-imported');

    await csv(server(), m.ownerToken, 'catalog', catalog(ean13('955000000001')));
    const stock = await csv(server(), m.ownerToken, 'stock', 'store_code,sku,on_hand\nPAV,KET-1-BLK,5\nPAV,NOPE-1,3\nMARS,FAN-2,1\nKLCC,FAN-2,-1\nKLCC,FAN-2,2.5\n');
    assert.equal(stock.status, 422);
    assert.deepEqual(stock.body.report.rejected.map((r: any) => [r.line, r.reasons[0]]), [
      [3, 'SKU NOPE-1 at store PAV: unknown SKU NOPE-1'],
      [4, 'SKU FAN-2 at store MARS: unknown store MARS'],
      [5, 'SKU FAN-2 at store KLCC: on_hand "-1" must be a whole number from 0 to 1000000'],
      [6, 'SKU FAN-2 at store KLCC: on_hand "2.5" must be a whole number from 0 to 1000000'],
    ]);
    const levels = await server().request('GET', '/v1/staff/stock', { token: m.ownerToken });
    assert.equal(levels.body.total, 0, 'the good row was not written either');
    const dry = await csv(server(), m.ownerToken, 'stock', 'store_code,sku,on_hand\nPAV,KET-1-BLK,5\n', '?dryRun=true');
    assert.deepEqual([dry.status, dry.body.dryRun, dry.body.committed, dry.body.imported], [200, true, false, 0]);
  });

  it('answers malformed files with clear 4xx problems', async () => {
    const m = await createTestMerchant(server());
    const wrong = await csv(server(), m.ownerToken, 'stock', 'shop,item,count\nPAV,X,1\n');
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.type, 'https://footfall.dev/problems/invalid_csv');
    assert.match(wrong.body.detail, /missing column\(s\): store_code, sku, on_hand; unknown column\(s\): shop, item, count/);
    const latin1 = Buffer.concat([Buffer.from('store_code,sku,on_hand\nPAV,CAF'), Buffer.from([0xe9]), Buffer.from(',1\n')]);
    const encoding = await csv(server(), m.ownerToken, 'stock', latin1);
    assert.equal(encoding.status, 400);
    assert.match(encoding.body.detail, /UTF-8/);
    const ragged = await csv(server(), m.ownerToken, 'stock', 'store_code,sku,on_hand\nPAV,A,1,extra\n');
    assert.equal(ragged.status, 400);
    assert.match(ragged.body.detail, /Line 2/);
    assert.equal((await csv(server(), m.ownerToken, 'stock', '')).status, 400);
    const json = await server().request('POST', '/v1/admin/imports/stock', { token: m.ownerToken, body: { rows: [] } });
    assert.equal(json.status, 415);
    const tooBig = await importCsv(server().platform.ctx.db, systemActor(m.id), 'stock', Readable.from([Buffer.from('store_code,sku,on_hand\n'), Buffer.alloc(2048, 'a')]), { maxBytes: 1024 })
      .catch((err) => err);
    assert.equal(tooBig.code, 'payload_too_large');
    const declared = await server().request('POST', '/v1/admin/imports/stock', { token: m.ownerToken, raw: 'x', headers: { 'content-type': 'text/csv', 'content-length': String(400 * 1024 * 1024) } }).catch(() => ({ status: 413 }));
    assert.equal(declared.status, 413);
  });
});
