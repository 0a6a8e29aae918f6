import { randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db.ts';
import { renderTemplate } from './templates.ts';

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  template: string;
  locale: string;
  data: Record<string, unknown>;
  related?: { type: string; id: string };
}

/**
 * Queues an email or SMS in the caller's transaction, rendered now in the recipient's locale, so a
 * message exists exactly when the change that caused it commits. A background job sends it.
 */
export async function queueMessage(trx: Executor, merchantId: string, msg: OutgoingMessage): Promise<string> {
  const rendered = renderTemplate(msg.template, msg.locale, msg.data);
  const id = randomUUID();
  await trx.insertInto('messages').values({
    merchant_id: merchantId,
    id,
    channel: msg.channel,
    recipient: msg.to,
    template: msg.template,
    locale: msg.locale,
    subject: msg.channel === 'email' ? rendered.subject : null,
    body_text: rendered.text,
    body_html: msg.channel === 'email' ? rendered.html ?? null : null,
    status: 'queued',
    error: null,
    related_type: msg.related?.type ?? null,
    related_id: msg.related?.id ?? null,
    sent_at: null,
  }).execute();
  return id;
}
