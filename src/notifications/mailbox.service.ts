import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit } from '../platform/outbox.ts';
import { LOCALES } from './templates.ts';
import { queueMessage } from './notification.service.ts';
import * as repo from './notification.repository.ts';

/** Every message sent for the merchant: the local mailbox when no provider is configured, the send log otherwise. */
export async function listMailbox(db: Db, actor: Actor, filter: Partial<repo.MailboxFilter>) {
  requireAccess(actor, Permission.MailboxRead);
  const [items, total] = await repo.listMessages(db, actor.merchantId, { ...filter, limit: filter.limit ?? 50, offset: filter.offset ?? 0 });
  return { items, total };
}

export async function getMessage(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.MailboxRead);
  const message = await repo.findMessage(db, actor.merchantId, id);
  if (!message) throw notFound('Message');
  return message;
}

/** Queues the `notification.test` message so a merchant can check their email or SMS set-up end to end. */
export async function sendTestMessage(db: Db, actor: Actor, input: { channel: 'email' | 'sms'; to: string; locale?: string }) {
  requireAccess(actor, Permission.MerchantManage);
  if (input.channel === 'email' && !/^[^@\s]+@[^@\s]+$/.test(input.to)) throw new AppError('validation', 'to must be an email address');
  if (input.channel === 'sms' && !/^\+[1-9][0-9]{6,14}$/.test(input.to)) throw new AppError('validation', 'to must be a phone number in E.164 form, e.g. +60123456789');
  const merchant = await db.selectFrom('merchants').select(['name', 'default_locale']).where('id', '=', actor.merchantId).executeTakeFirstOrThrow();
  const locale = input.locale ?? merchant.default_locale;
  if (!(LOCALES as readonly string[]).includes(locale)) throw new AppError('validation', `locale must be one of ${LOCALES.join(', ')}`);
  const id = await db.transaction().execute(async (trx) => {
    const messageId = await queueMessage(trx, actor.merchantId, { channel: input.channel, to: input.to, template: 'notification.test', locale, data: { shop: merchant.name } });
    await audit(trx, actor, 'notification.test_queued', { type: 'message', id: messageId }, { channel: input.channel });
    return messageId;
  });
  return getMessage(db, actor, id);
}
