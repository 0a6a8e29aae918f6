import pg from 'pg';

export type BackendKind = 'pglite' | 'postgres';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  // A loaded machine can be slow to accept; retry before declaring PostgreSQL absent.
  for (let attempt = 0; attempt < 3; attempt++) {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await client.end().catch(() => {});
    }
  }
  return false;
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
