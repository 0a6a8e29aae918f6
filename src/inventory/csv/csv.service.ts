import type { Readable } from 'node:stream';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { catalogImporter } from '../../catalog/catalog.import.ts';
import { storeImporter } from '../../stores/store.import.ts';
import { stockImporter } from '../stock.import.ts';
import { exportCsv, type ExportKind } from './exports.ts';
import { runImport, type ImportReport } from './import-runner.ts';

export const IMPORT_KINDS = ['stores', 'catalog', 'stock'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Imports a CSV of stores, catalog or stock counts: every row checked, all or nothing. */
export async function importCsv(db: Db, actor: Actor, kind: ImportKind, input: Readable, options: { dryRun?: boolean; maxBytes?: number } = {}): Promise<ImportReport> {
  requireAccess(actor, Permission.ImportRun);
  if (kind === 'stores') return runImport(db, actor, storeImporter(actor), input, options);
  if (kind === 'stock') {
    const stores = await db.selectFrom('stores').select(['id', 'code']).where('merchant_id', '=', actor.merchantId).execute();
    return runImport(db, actor, stockImporter(actor, new Map(stores.map((s) => [s.code, s.id]))), input, options);
  }
  const { currency } = await db.selectFrom('merchants').select('currency').where('id', '=', actor.merchantId).executeTakeFirstOrThrow();
  const categories = await db.selectFrom('categories').select(['id', 'slug']).where('merchant_id', '=', actor.merchantId).execute();
  return runImport(db, actor, catalogImporter(actor, currency, new Map(categories.map((c) => [c.slug, c.id]))), input, options);
}

export async function exportFile(db: Db, actor: Actor, kind: ExportKind): Promise<Readable> {
  requireAccess(actor, Permission.ImportRun);
  return exportCsv(db, actor.merchantId, kind);
}
