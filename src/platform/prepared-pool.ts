import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

// A statement text seen this often is worth preparing; below that it may be one-off dynamic SQL.
const HOT_AFTER = 3;
// Prepared statements live as long as the connection, so only this many distinct texts are ever named.
const MAX_NAMED = 1000;

/**
 * Begins a statement that is planned on every run, never prepared: for batch statements over tables that
 * grow fast (a sale's holds), whose cached plan would keep the sequential scans chosen while they were empty.
 */
export const PLANNED_EACH_RUN = '/* planned each run */';

/**
 * Wraps a pg pool so that statement texts the server sends again and again run as named prepared
 * statements: PostgreSQL parses and plans them once per connection instead of on every request.
 * Texts that are rare, or beyond the cap, run unnamed as before.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known) return known;
    if (text.startsWith(PLANNED_EACH_RUN)) return undefined;
    if (names.size >= MAX_NAMED) return undefined;
    const n = (seen.get(text) ?? 0) + 1;
    if (n < HOT_AFTER) {
      if (seen.size > 10_000) seen.clear();
      seen.set(text, n);
      return undefined;
    }
    seen.delete(text);
    const name = `ff_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
    return name;
  };
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) {
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<never>;
        w = {
          query: ((textOrConfig: unknown, values?: unknown) => {
            const name = typeof textOrConfig === 'string' ? nameOf(textOrConfig) : undefined;
            return name ? query({ name, text: textOrConfig, values }) : query(textOrConfig, values);
          }) as unknown as PostgresPoolClient['query'],
          release: () => client.release(),
        };
        wrapped.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}
