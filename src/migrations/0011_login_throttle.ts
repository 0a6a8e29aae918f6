import { sql, type Kysely } from 'kysely';

// Failed sign-ins per account and per client address, shared by every process on the database.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table login_failures (
      merchant_id uuid not null references merchants(id),
      key text not null,
      failures integer not null,
      window_started_at timestamptz not null default now(),
      locked_until timestamptz,
      primary key (merchant_id, key)
    );
  `).execute(db);
}
