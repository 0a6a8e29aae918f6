import { loadConfig } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/db.ts';
import { migrateToLatest } from '../platform/migrate.ts';

/** For one-shot commands: the same database `start` would use, migrated. */
export async function openForCommand(): Promise<{ handle: DatabaseHandle; config: ReturnType<typeof loadConfig> }> {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements });
  await migrateToLatest(handle.db);
  return { handle, config };
}
