import { findMerchantBySlug } from '../../merchants/merchant.repository.ts';
import type { Db } from '../../platform/db.ts';
import { ledgerDifferences } from '../../inventory/inventory.repository.ts';
import type { Command } from '../command.ts';
import { openForCommand } from '../open.ts';

/** Compares every stock level with the sums of its ledger; returns the exit code and prints each difference. */
export async function verifyLedger(db: Db, merchantId: string | undefined, print: (line: string) => void): Promise<number> {
  const differences = await ledgerDifferences(db, merchantId);
  const levels = await db.selectFrom('stock_levels').select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(!!merchantId, (q) => q.where('merchant_id', '=', merchantId!)).executeTakeFirstOrThrow();
  if (differences.length === 0) {
    print(`OK: all ${Number(levels.n)} stock levels equal the sums of their ledger movements.`);
    return 0;
  }
  print(`MISMATCH: ${differences.length} stock level(s) differ from the ledger (level vs ledger sum):`);
  for (const d of differences) {
    print(`  store ${d.store_code ?? d.store_id} SKU ${d.sku ?? d.variant_id}: on_hand ${d.on_hand} vs ${d.ledger_on_hand}, reserved ${d.reserved} vs ${d.ledger_reserved}, incoming ${d.incoming} vs ${d.ledger_incoming}`);
  }
  return 1;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Prove that stock levels equal the sums of the movement ledger (exit 1 and list differences otherwise)',
  usage: 'footfall verify [--merchant SLUG]',
  options: { merchant: { type: 'string' } },
  async run(v) {
    const { handle } = await openForCommand();
    try {
      let merchantId: string | undefined;
      if (v.merchant) {
        const m = await findMerchantBySlug(handle.db, String(v.merchant));
        if (!m) { console.error(`No merchant ${v.merchant}`); return 2; }
        merchantId = m.id;
      }
      return await verifyLedger(handle.db, merchantId, (line) => console.log(line));
    } finally {
      await handle.close();
    }
  },
};
