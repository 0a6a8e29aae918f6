import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';

export interface MailboxFilter {
  recipient?: string;
  channel?: 'email' | 'sms';
  template?: string;
  status?: 'queued' | 'sent' | 'stored' | 'failed';
  relatedType?: string;
  relatedId?: string;
  limit: number;
  offset: number;
}

const summaryColumns = [
  'id', 'channel', 'recipient', 'template', 'locale', 'subject', 'status', 'provider', 'attempts', 'error',
  'related_type', 'related_id', 'created_at', 'sent_at',
] as const;

export function listMessages(db: Executor, merchantId: string, f: MailboxFilter) {
  let q = db.selectFrom('messages').where('merchant_id', '=', merchantId);
  if (f.recipient) q = q.where(sql<string>`lower(recipient)`, '=', f.recipient.toLowerCase());
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.template) q = q.where('template', '=', f.template);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.relatedType) q = q.where('related_type', '=', f.relatedType);
  if (f.relatedId) q = q.where('related_id', '=', f.relatedId);
  return Promise.all([
    q.select(summaryColumns).orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n),
  ]);
}

export const findMessage = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('messages').select([...summaryColumns, 'body_text', 'body_html'])
    .where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export interface DueMessage {
  merchant_id: string;
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  attempts: number;
}

/** Claims queued messages by moving their next attempt past a lease: no transaction stays open while sending. */
export async function claimDueMessages(db: Executor, limit: number, leaseMs: number): Promise<DueMessage[]> {
  const { rows } = await sql<DueMessage>`
    with due as (
      select merchant_id, id from messages
      where status = 'queued' and next_attempt_at <= now()
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update messages m set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    from due where m.merchant_id = due.merchant_id and m.id = due.id
    returning m.merchant_id, m.id, m.channel, m.recipient, m.subject, m.body_text, m.body_html, m.attempts
  `.execute(db);
  return rows;
}

export type SendOutcome =
  | { status: 'sent' | 'stored'; provider: string | null }
  | { status: 'queued' | 'failed'; error: string; nextAttemptAt: Date };

export async function recordSend(db: Executor, merchantId: string, id: string, o: SendOutcome) {
  await db.updateTable('messages')
    .set((eb) => ({
      status: o.status,
      attempts: eb('attempts', '+', 1),
      ...('provider' in o
        ? { provider: o.provider, sent_at: sql`now()`, error: null }
        : { error: o.error, next_attempt_at: o.nextAttemptAt }),
    }))
    .where('merchant_id', '=', merchantId).where('id', '=', id).execute();
}
