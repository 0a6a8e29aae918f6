import { sql, type Kysely } from 'kysely';

// Messages are retried with backoff like webhooks; next_attempt_at also serves as the sender's claim lease.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table messages add column next_attempt_at timestamptz not null default now();
    alter table messages add column provider text;
    create index messages_due on messages (next_attempt_at) where status = 'queued';
    create index messages_mailbox on messages (merchant_id, created_at desc);
  `).execute(db);
}
