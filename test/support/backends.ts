import pg from 'pg';

export type BackendKind = 'pglite' | 'postgres';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function detect(): Promise<BackendKind[]> {
  if (process.env.TEST_BACKENDS) return process.env.TEST_BACKENDS.split(',') as BackendKind[];
  if (await postgresReachable()) return ['pglite', 'postgres'];
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}; under CI=true the PostgreSQL tests may not be skipped.`);
  }
  console.warn(`\n!!! PostgreSQL is not reachable at ${POSTGRES_URL}: SKIPPING every PostgreSQL test (embedded PGlite only) !!!\n`);
  return ['pglite'];
}

/** The backends this run covers; a module-level await so every test file agrees. */
export const backends: BackendKind[] = await detect();
export const hasPostgres = backends.includes('postgres');
