import type { Generated } from 'kysely';

export interface MessageTable {
  merchant_id: string;
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  locale: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  status: 'queued' | 'sent' | 'stored' | 'failed';
  attempts: Generated<number>;
  error: string | null;
  related_type: string | null;
  related_id: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  next_attempt_at: Generated<Date>;
  /** Which provider took the message ('smtp', 'sms-gateway'), or null while it is only in the mailbox. */
  provider: Generated<string | null>;
}

export interface NotificationTables {
  messages: MessageTable;
}
