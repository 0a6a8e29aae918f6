import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../migrations/index.ts';
import type { Db } from './db.ts';

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // Unordered: domains number their migrations in their own ranges, so a later-numbered one may land first.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
