import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { preparingPool } from './prepared-pool.ts';
import type { Database } from './database.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories accept either, so a use-case decides where the transaction opens. */
export type Executor = Db | Trx;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// int8 columns hold money in minor units and counts; they fit a JS number far beyond any real amount.
const INT8 = 20;
pg.types.setTypeParser(INT8, (v) => Number(v));

export interface OpenOptions {
  databaseUrl: string | null;
  /** Folder for PGlite data, or null for an in-memory database (tests). */
  dataDir: string | null;
  poolSize?: number;
  /** Prepare statements sent repeatedly (default on); off behind a transaction-mode pooler. */
  preparedStatements?: boolean;
  /** Told when an idle pooled connection dies (database restart, admin terminate); the pool replaces it. */
  onIdleError?: (err: Error) => void;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    // Without a listener, an idle connection killed by the server would crash the process.
    pool.on('error', (err) => options.onIdleError?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: options.preparedStatements === false ? pool : preparingPool(pool) }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let releaseLock = () => {};
  let pgliteDir: string | undefined;
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(options.dataDir);
    pgliteDir = path.join(options.dataDir, 'pglite');
  }
  const pglite = await PGlite.create({ dataDir: pgliteDir, parsers: { [INT8]: (v: string) => Number(v) } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      releaseLock();
    },
  };
}
