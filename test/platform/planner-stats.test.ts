import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { refreshPlannerStatistics, tablesOutgrowingStatistics } from '../../src/platform/planner-stats.ts';
import { describeEachBackend } from '../support/suite.ts';

// A table analysed while empty and then filled (a new shop's first sale) is analysed again by the
// background job, so plans cached for an empty table are made again for the table as it is.
describeEachBackend('planner statistics kept up with fast-growing tables', (server) => {
  it('analyses a table that outgrew its statistics, and leaves it alone once they fit', async () => {
    const db = server().platform.ctx.db;
    await sql`create table planner_probe (id int primary key, pad text not null)`.execute(db);
    try {
      await sql`analyze planner_probe`.execute(db);
      assert.ok(!(await tablesOutgrowingStatistics(db)).includes('planner_probe'), 'an empty table is not worth analysing');

      await sql`insert into planner_probe select g, repeat('x', 100) from generate_series(1, 20000) g`.execute(db);
      assert.ok((await tablesOutgrowingStatistics(db)).includes('planner_probe'));
      assert.ok((await refreshPlannerStatistics(db)).includes('planner_probe'));

      const { rows } = await sql<{ reltuples: number }>`select reltuples::int as reltuples from pg_class where relname = 'planner_probe'`.execute(db);
      assert.equal(rows[0].reltuples, 20000, 'the statistics now describe the table as it is');
      assert.ok(!(await tablesOutgrowingStatistics(db)).includes('planner_probe'));
      assert.ok(!(await refreshPlannerStatistics(db)).includes('planner_probe'));
    } finally {
      await sql`drop table planner_probe`.execute(db);
    }
  });
});
