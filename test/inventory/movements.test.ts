import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { sql } from 'kysely';
import { applyMovements } from '../../src/inventory/movements.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import type { TestServer } from '../support/server.ts';

async function storeAndVariant(server: TestServer, merchantId: string) {
  const db = server.platform.ctx.db;
  const storeId = randomUUID();
  const productId = randomUUID();
  const variantId = randomUUID();
  await db.insertInto('stores').values({ merchant_id: merchantId, id: storeId, code: `S-${storeId.slice(0, 6)}`, name: 'Test store', country: 'MY', lat: 3.1, lng: 101.7, timezone: 'Asia/Kuala_Lumpur' }).execute();
  await db.insertInto('products').values({ merchant_id: merchantId, id: productId, handle: `p-${productId}`, name: JSON.stringify({ en: 'Kettle' }), category_id: null }).execute();
  await db.insertInto('variants').values({ merchant_id: merchantId, id: variantId, product_id: productId, sku: `SKU-${variantId.slice(0, 8)}`, barcode: null, cost_minor: null }).execute();
  return { storeId, variantId };
}

describeEachBackend('stock movement ledger', (server) => {
  it('keeps levels equal to the ledger and refuses to go below zero, all or nothing', async () => {
    const m = await createTestMerchant(server());
    const { storeId, variantId } = await storeAndVariant(server(), m.id);
    const db = server().platform.ctx.db;
    await db.transaction().execute((trx) => applyMovements(trx, m.id, [
      { storeId, variantId, type: 'receive', quantity: 10 },
      { storeId, variantId, type: 'reservation', quantity: 4, refType: 'order', refId: 'o1' },
      { storeId, variantId, type: 'adjustment', quantity: -1, reason: 'miscount' },
    ], { actor: 'test' }));

    await assert.rejects(
      db.transaction().execute((trx) => applyMovements(trx, m.id, [
        { storeId, variantId, type: 'receive', quantity: 1 },
        { storeId, variantId, type: 'sale', quantity: 7 },
      ], { actor: 'test' })),
      (err: any) => err.code === 'out_of_stock' && /SKU-/.test(err.message) && /S-/.test(err.message),
    );
    const level = await db.selectFrom('stock_levels').selectAll().where('merchant_id', '=', m.id).executeTakeFirstOrThrow();
    assert.deepEqual([level.on_hand, level.reserved], [9, 4]);
    const sums = await sql<{ on_hand: number; reserved: number }>`
      select sum(on_hand_delta)::int as on_hand, sum(reserved_delta)::int as reserved from stock_movements where merchant_id = ${m.id}`.execute(db);
    assert.deepEqual(sums.rows[0], { on_hand: 9, reserved: 4 });

    await assert.rejects(
      db.transaction().execute((trx) => applyMovements(trx, m.id, [{ storeId, variantId, type: 'reservation', quantity: 6 }], { actor: 'test' })),
      (err: any) => err.code === 'out_of_stock',
    );
    const events = await db.selectFrom('outbox_events').select('type').where('merchant_id', '=', m.id).execute();
    assert.ok(events.some((e) => e.type === 'inventory.changed'));
  });
});
