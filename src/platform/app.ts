import pino from 'pino';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase, type DatabaseHandle } from './db.ts';
import type { App } from './http.ts';
import { migrateToLatest } from './migrate.ts';
import { buildServer } from './server.ts';
import { startWorkers, type Workers } from './workers.ts';
import { routeModules } from '../routes.ts';
import { jobs } from '../jobs.ts';

export interface Platform {
  app: App;
  ctx: AppContext;
  database: DatabaseHandle;
  workers: Workers;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, builds the HTTP server and starts background jobs. */
export async function createPlatform(config: Config, options: { inMemory?: boolean; poolSize?: number } = {}): Promise<Platform> {
  const log = pino({ level: config.logLevel });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: options.inMemory ? null : config.dataDir,
    poolSize: options.poolSize,
    preparedStatements: config.preparedStatements,
    onIdleError: (err) => log.warn({ err }, 'an idle database connection was closed by the server'),
  });
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  const ctx: AppContext = { db: database.db, dbKind: database.kind, config, log };
  const app = await buildServer(ctx, routeModules);
  const workers = startWorkers(ctx, jobs, config.workers);
  let closed = false;
  return {
    app, ctx, database, workers,
    async close() {
      if (closed) return;
      closed = true;
      await app.close(); // stops accepting, waits for requests in flight
      await workers.stop();
      await database.close();
    },
  };
}
