import { sql, type Kysely } from 'kysely';

// Unknown codes presented per credential, shared by every server process on the database.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table code_guess_failures (
      merchant_id uuid not null,
      credential text not null,
      failures integer not null,
      window_started_at timestamptz not null default now(),
      primary key (merchant_id, credential)
    );
  `).execute(db);
}
