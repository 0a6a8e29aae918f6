import fs from 'node:fs';
import { findMerchantBySlug } from '../../merchants/merchant.repository.ts';
import { systemActor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { importCsv, type ImportKind } from '../../inventory/csv/csv.service.ts';
import { exportCsv, EXPORT_KINDS, type ExportKind } from '../../inventory/csv/exports.ts';
import type { Command } from '../command.ts';
import { openForCommand } from '../open.ts';

function importCommand(kind: ImportKind, columns: string): Command {
  return {
    name: `import-${kind}`,
    summary: `Import ${kind} from a CSV file: every row checked, all or nothing`,
    usage: `footfall import-${kind} FILE --merchant SLUG [--dry-run]\n\nColumns: ${columns}\nRejected rows are listed with line numbers and reasons; then nothing is imported.`,
    options: { merchant: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    async run(v, positionals) {
      const file = positionals[0];
      if (!file || !v.merchant) { console.error(this.usage); return 2; }
      if (!fs.existsSync(file)) { console.error(`No such file: ${file}`); return 2; }
      const { handle } = await openForCommand();
      try {
        const merchant = await findMerchantBySlug(handle.db, String(v.merchant));
        if (!merchant) { console.error(`No merchant ${v.merchant}`); return 1; }
        const report = await importCsv(handle.db, systemActor(merchant.id), kind, fs.createReadStream(file), { dryRun: !!v['dry-run'] });
        console.log(report.dryRun ? `Dry run: all ${report.rows} rows are valid; nothing written.` : `Imported ${report.imported} of ${report.rows} rows.`);
        return 0;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        console.error(err.message);
        const report = err.extra.report as { rejected: { line: number; reasons: string[] }[]; rejectedCount: number } | undefined;
        for (const r of report?.rejected ?? []) console.error(`  line ${r.line}: ${r.reasons.join('; ')}`);
        if (report && report.rejectedCount > report.rejected.length) console.error(`  … and ${report.rejectedCount - report.rejected.length} more`);
        return 1;
      } finally {
        await handle.close();
      }
    },
  };
}

export const importStoresCommand = importCommand('stores', 'code,name,country,lat,lng,timezone (required); status,address_line1,address_line2,city,region,postcode,phone,email,services (pickup|returns|ship_from_store|reserve_pay_in_store),pickup_prep_minutes,hours_mon..hours_sun (10:00-22:00 or closed)');
export const importCatalogCommand = importCommand('catalog', 'handle,sku (required); status,category,name_en..name_th,description_en..description_th,image_url,barcode (EAN-13),option1_name,option1_value,option2_name,option2_value,currency,price,pickup_price,compare_at_price,cost');
export const importStockCommand = importCommand('stock', 'store_code,sku,on_hand (required); safety_stock,low_stock_threshold');

export const exportCommand: Command = {
  name: 'export',
  summary: `Export a CSV: ${EXPORT_KINDS.join(', ')} (local-inventory is the Google Merchant Center feed)`,
  usage: `footfall export ${EXPORT_KINDS.join('|')} --merchant SLUG [--out FILE]`,
  options: { merchant: { type: 'string' }, out: { type: 'string' } },
  async run(v, positionals) {
    const kind = positionals[0] as ExportKind;
    if (!EXPORT_KINDS.includes(kind) || !v.merchant) { console.error(this.usage); return 2; }
    const { handle } = await openForCommand();
    try {
      const merchant = await findMerchantBySlug(handle.db, String(v.merchant));
      if (!merchant) { console.error(`No merchant ${v.merchant}`); return 1; }
      const stream = await exportCsv(handle.db, merchant.id, kind);
      const out = v.out ? fs.createWriteStream(String(v.out)) : process.stdout;
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('end', resolve);
        stream.pipe(out, { end: !!v.out });
      });
      if (v.out) await new Promise((resolve) => (out as fs.WriteStream).close(resolve));
    } finally {
      await handle.close();
    }
  },
};
