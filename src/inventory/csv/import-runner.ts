import type { Readable } from 'node:stream';
import type { Actor } from '../../platform/access.ts';
import type { Db, Trx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/outbox.ts';
import { readCsv, CSV_MAX_BYTES } from './csv-reader.ts';

export interface Rejection { line: number; reasons: string[] }
export type Parsed<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

/** One kind of import: its columns, a per-row check, and a per-chunk check-and-write inside the run's transaction. */
export interface Importer<T> {
  kind: string;
  columns: { required: readonly string[]; optional: readonly string[] };
  parse(values: Record<string, string>): Parsed<T>;
  /**
   * Checks rows against the database and writes the good ones; returns the rejected ones. With
   * `checkOnly` (a dry run, or once a row was rejected and the run will roll back) it writes nothing.
   */
  writeChunk(trx: Trx, rows: { line: number; value: T }[], checkOnly: boolean): Promise<Rejection[]>;
}

export interface ImportReport {
  kind: string;
  rows: number;
  imported: number;
  rejectedCount: number;
  /** The first 1,000 rejected rows with their line numbers and reasons. */
  rejected: Rejection[];
  dryRun: boolean;
  committed: boolean;
}

const CHUNK = 1000;
const MAX_REPORTED = 1000;
class Rollback extends Error {}

/**
 * Streams a CSV through an importer in ONE transaction, chunk by chunk (memory stays bounded): every
 * row is checked; if any is rejected (or on a dry run) everything rolls back, so nothing is half-imported.
 */
export async function runImport<T>(db: Db, actor: Actor, importer: Importer<T>, input: Readable, options: { dryRun?: boolean; maxBytes?: number } = {}): Promise<ImportReport> {
  const report: ImportReport = { kind: importer.kind, rows: 0, imported: 0, rejectedCount: 0, rejected: [], dryRun: !!options.dryRun, committed: false };
  const reject = (r: Rejection) => {
    report.rejectedCount++;
    if (report.rejected.length < MAX_REPORTED) report.rejected.push(r);
  };
  try {
    await db.transaction().execute(async (trx) => {
      let chunk: { line: number; value: T }[] = [];
      const flush = async () => {
        if (!chunk.length) return;
        const rejected = await importer.writeChunk(trx, chunk, report.rejectedCount > 0 || !!options.dryRun);
        rejected.forEach(reject);
        report.imported += chunk.length - rejected.length;
        chunk = [];
      };
      for await (const row of readCsv(input, importer.columns, options.maxBytes ?? CSV_MAX_BYTES)) {
        report.rows++;
        const parsed = importer.parse(row.values);
        if (!parsed.ok) reject({ line: row.line, reasons: parsed.reasons });
        else chunk.push({ line: row.line, value: parsed.value });
        if (chunk.length >= CHUNK) await flush();
      }
      await flush();
      if (report.rows === 0) throw new AppError('invalid_csv', 'The file has a header but no rows');
      if (report.rejectedCount > 0 || options.dryRun) throw new Rollback();
      await audit(trx, actor, `import.${importer.kind}`, { type: 'import', id: importer.kind }, { rows: report.rows });
    });
    report.committed = true;
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  report.rejected.sort((a, b) => a.line - b.line);
  if (report.rejectedCount > 0) {
    report.imported = 0;
    throw new AppError('import_rejected', `${report.rejectedCount} of ${report.rows} rows were rejected (first at line ${report.rejected[0].line}: ${report.rejected[0].reasons.join('; ')}); nothing was imported`, { report });
  }
  if (options.dryRun) report.imported = 0;
  return report;
}

// Row helpers shared by the importers.
export const int = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : NaN);

/** "129.90" in a currency's minor units (2 decimals for MYR, 0 for JPY, 3 for KWD), or NaN. */
export function toMinor(amount: string, currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!m || (m[2] ?? '').length > digits) return NaN;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? '').padEnd(digits, '0') || 0);
}

export function fromMinor(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return digits === 0 ? String(minor) : `${Math.trunc(minor / 10 ** digits)}.${String(minor % 10 ** digits).padStart(digits, '0')}`;
}
