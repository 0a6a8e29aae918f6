import { sql } from 'kysely';
import type { AppContext } from './context.ts';
import type { Db, Executor } from './db.ts';

// Smaller tables are scanned cheaply whatever the plan; past this size a stale plan starts to cost.
const MIN_PAGES = 32;
// How many times a table may outgrow the size its statistics describe before it is analysed again.
const GROWTH = 4;

/**
 * Our tables that have grown several times past the size their planner statistics describe. A plan
 * cached while a table was small keeps its sequential scans as the table grows: our prepared statements,
 * and PostgreSQL's own foreign-key checks (an order line checking its order). Analysing is what makes
 * every session plan them again. Autovacuum does it too, but only every minute at best, and not when off.
 */
export async function tablesOutgrowingStatistics(db: Executor): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c, lateral (select pg_relation_size(c.oid) / current_setting('block_size')::int as pages) s
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
      and s.pages >= ${MIN_PAGES} and s.pages > ${GROWTH} * greatest(c.relpages, 1)
    order by c.relname`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Analyses the tables that outgrew their statistics, so a sale on a new shop (whose tables were analysed
 * while empty) does not check every order line against its order by scanning all orders. One server
 * process does it at a time; the others skip the round.
 */
export async function refreshPlannerStatistics(db: Db): Promise<string[]> {
  // Nearly every round finds nothing: one catalog read, no transaction.
  if ((await tablesOutgrowingStatistics(db)).length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(hashtext('footfall:planner-statistics')) as got`.execute(trx);
    if (!rows[0].got) return [];
    const tables = await tablesOutgrowingStatistics(trx);
    for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(trx);
    return tables;
  });
}

/** Background job: see refreshPlannerStatistics. */
export async function plannerStatisticsJob(ctx: AppContext): Promise<number> {
  const tables = await refreshPlannerStatistics(ctx.db);
  if (tables.length) ctx.log.info({ tables }, 'analysed tables that outgrew their planner statistics');
  return tables.length;
}
