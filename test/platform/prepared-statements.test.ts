import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/platform/db.ts';
import { PLANNED_EACH_RUN } from '../../src/platform/prepared-pool.ts';
import { describeEachBackend } from '../support/suite.ts';

// The pool prepares what the server sends again and again; answers must not change, and it can be turned off.
describeEachBackend('prepared statements on PostgreSQL', (server) => {
  const named = (handle: Awaited<ReturnType<typeof openDatabase>>) =>
    sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where name like 'ff\\_%'`.execute(handle.db).then((r) => r.rows[0].n);

  it('runs a repeated statement prepared, with each call getting its own answer', async () => {
    const handle = await openDatabase({ databaseUrl: server().databaseUrl, dataDir: null, poolSize: 1 });
    try {
      for (let i = 0; i < 6; i++) {
        const r = await sql<{ n: number }>`select ${i}::int + 1 as n`.execute(handle.db);
        assert.equal(r.rows[0].n, i + 1);
      }
      assert.ok((await named(handle)) >= 1, 'the repeated statement is prepared on the connection');
      // A statement failing once must not poison its prepared twin for the next caller.
      for (let i = 0; i < 4; i++) await assert.rejects(sql`select 1 / ${0}::int`.execute(handle.db));
      assert.equal((await sql<{ n: number }>`select ${41}::int + 1 as n`.execute(handle.db)).rows[0].n, 42);
    } finally {
      await handle.close();
    }
  });

  it('never prepares a statement marked to be planned on each run, however often it is sent', async () => {
    const handle = await openDatabase({ databaseUrl: server().databaseUrl, dataDir: null, poolSize: 1 });
    try {
      for (let i = 0; i < 6; i++) {
        const r = await sql<{ n: number }>`${sql.raw(PLANNED_EACH_RUN)} select ${i}::int * 2 as n`.execute(handle.db);
        assert.equal(r.rows[0].n, i * 2);
      }
      assert.equal(await named(handle), 0);
    } finally {
      await handle.close();
    }
  });

  it('prepares nothing when turned off (for transaction-mode poolers)', async () => {
    const handle = await openDatabase({ databaseUrl: server().databaseUrl, dataDir: null, poolSize: 1, preparedStatements: false });
    try {
      for (let i = 0; i < 6; i++) await sql`select ${i}::int as n`.execute(handle.db);
      assert.equal(await named(handle), 0);
    } finally {
      await handle.close();
    }
  });
}, { only: ['postgres'] });
