import { randomUUID } from 'node:crypto';
import type { Executor } from './db.ts';
import type { Actor } from './access.ts';

/**
 * Records an event in the same transaction as the change it describes; the relay delivers it to
 * webhooks and notifications after commit, so an event exists exactly when its change does.
 */
export async function emitEvent(
  trx: Executor,
  merchantId: string,
  type: string,
  data: Record<string, unknown>,
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('outbox_events')
    .values({ merchant_id: merchantId, id, type, payload: JSON.stringify(data) })
    .execute();
  return id;
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'staff': return `staff:${actor.userId}`;
    case 'apikey': return `apikey:${actor.keyId}`;
    case 'customer': return `customer:${actor.customerId}`;
    default: return actor.kind;
  }
}

/** The audit row written beside every change: who did what to which record. */
export async function audit(
  trx: Executor,
  actor: Actor,
  action: string,
  subject: { type: string; id: string },
  data: Record<string, unknown> = {},
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      merchant_id: actor.merchantId,
      actor: actorLabel(actor),
      action,
      subject_type: subject.type,
      subject_id: subject.id,
      data: JSON.stringify(data),
    })
    .execute();
}
