import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { verifyLedger } from '../../src/cli/commands/verify.ts';
import { describeEachBackend } from '../support/suite.ts';
import { post, stockScene } from './inventory-fixtures.ts';

const cli = (args: string[], databaseUrl: string) =>
  spawnSync(process.execPath, ['bin/footfall.js', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' }, encoding: 'utf8' });

describeEachBackend('footfall verify', (server, kind) => {
  it('proves levels equal the ledger, and lists every difference otherwise', async () => {
    const { m, black, white } = await stockScene(server());
    await post(server(), m.ownerToken, [
      { store: 'PAV', sku: black.sku, type: 'receive', quantity: 8 },
      { store: 'KLCC', sku: white.sku, type: 'receive', quantity: 3 },
      { store: 'PAV', sku: black.sku, type: 'sale', quantity: 2 },
    ]);
    const db = server().platform.ctx.db;
    const ok: string[] = [];
    assert.equal(await verifyLedger(db, m.id, (l) => ok.push(l)), 0);
    assert.match(ok[0], /^OK: all 2 stock levels equal/);

    // Someone edits a level behind the ledger's back.
    await db.updateTable('stock_levels').set({ on_hand: 99 }).where('merchant_id', '=', m.id).where('variant_id', '=', black.id).execute();
    const out: string[] = [];
    assert.equal(await verifyLedger(db, m.id, (l) => out.push(l)), 1);
    assert.match(out[0], /MISMATCH: 1 stock level/);
    assert.match(out[1], new RegExp(`store PAV SKU ${black.sku}: on_hand 99 vs 6`));

    if (kind === 'postgres') {
      const run = cli(['verify', '--merchant', m.slug], server().databaseUrl!);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, new RegExp(`store PAV SKU ${black.sku}: on_hand 99 vs 6`));
      await db.updateTable('stock_levels').set({ on_hand: 6 }).where('merchant_id', '=', m.id).where('variant_id', '=', black.id).execute();

      // The import commands read a file from disk with the same checks as the upload route.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footfall-import-'));
      const file = path.join(dir, 'stock.csv');
      fs.writeFileSync(file, `store_code,sku,on_hand\nPAV,${black.sku},20\nPAV,NOPE,1\n`);
      const rejected = cli(['import-stock', file, '--merchant', m.slug], server().databaseUrl!);
      assert.equal(rejected.status, 1);
      assert.match(rejected.stderr, /line 3: SKU NOPE at store PAV: unknown SKU NOPE/);
      assert.equal(await verifyLedger(db, m.id, () => {}), 0, 'the rejected file wrote nothing');
    }
  });
});
