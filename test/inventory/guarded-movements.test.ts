import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { applyMovements, lockLevels } from '../../src/inventory/movements.ts';
import { applyMovementsGuarded, StaleLevels } from '../../src/inventory/movements-guarded.ts';
import { ledgerDifferences } from '../../src/inventory/inventory.repository.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createShop, level } from '../orders/fixtures.ts';

describeEachBackend('stock moves checked on a snapshot, guarded at the write', (server) => {
  it('applies deltas to the level as it is now, and refuses, writing nothing, when the snapshot no longer holds', async () => {
    const shop = await createShop(server(), { stock: [{ store: 'KL', variant: 'KETTLE', quantity: 5 }] });
    const db = server().platform.ctx.db;
    const pair = [{ storeId: shop.stores.KL, variantId: shop.variants.KETTLE }];
    const reserve = (quantity: number, ref: string) => [{ storeId: shop.stores.KL, variantId: shop.variants.KETTLE, type: 'reservation' as const, quantity, refType: 'cart', refId: ref }];

    // Read at 5 free; someone else then reserves 2; 3 of ours still fit, so the write adds to their 2.
    const snapshot = await lockLevels(db, shop.merchant.id, pair, { lock: false });
    await db.transaction().execute((trx) => applyMovements(trx, shop.merchant.id, reserve(2, 'other'), { actor: 'test' }));
    const levels = await db.transaction().execute((trx) => applyMovementsGuarded(trx, shop.merchant.id, reserve(3, 'mine'), { actor: 'test', snapshot }));
    assert.equal(levels[0].reserved, 5);
    assert.equal(levels[0].available, 0);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 5, reserved: 5 });

    // Read at 0 free after a release of 1; a unit that is gone again by the write is refused as stale.
    await db.transaction().execute((trx) => applyMovements(trx, shop.merchant.id, [{ ...reserve(1, 'mine')[0], type: 'release' }], { actor: 'test' }));
    const stale = await lockLevels(db, shop.merchant.id, pair, { lock: false });
    await db.transaction().execute((trx) => applyMovements(trx, shop.merchant.id, reserve(1, 'third'), { actor: 'test' }));
    // The caller's own write in the same statement (a cart's hold rows) is undone with it.
    const alsoWrite = sql`insert into stock_movements (merchant_id, store_id, variant_id, type, ref_type, ref_id, actor)
      values (${shop.merchant.id}::uuid, ${shop.stores.KL}::uuid, ${shop.variants.KETTLE}::uuid, 'adjustment', 'cart', 'late', 'test')`;
    await assert.rejects(db.transaction().execute((trx) => applyMovementsGuarded(trx, shop.merchant.id, reserve(1, 'late'), { actor: 'test', snapshot: stale, alsoWrite })), StaleLevels);
    assert.deepEqual(await level(server(), shop, 'KL', 'KETTLE'), { onHand: 5, reserved: 5 });
    const late = await db.selectFrom('stock_movements').select('id').where('merchant_id', '=', shop.merchant.id).where('ref_id', '=', 'late').execute();
    assert.equal(late.length, 0, 'no ledger row for the refused write, nor the caller\'s own row');
    const events = await db.selectFrom('outbox_events').select('payload').where('merchant_id', '=', shop.merchant.id).where('type', '=', 'inventory.changed').execute();
    const last = events.at(-1)!.payload as { levels: { reserved: number; sku: string }[] };
    assert.equal(last.levels[0].reserved, 5, 'the event carries the level as written');
    assert.match(last.levels[0].sku, /^KETTLE/);
    assert.deepEqual(await ledgerDifferences(db, shop.merchant.id), []);
  });
});
