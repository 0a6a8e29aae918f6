import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit } from '../platform/outbox.ts';
import { newWebhookSecret } from './signature.ts';
import * as repo from './webhook.repository.ts';

export interface EndpointInput { url: string; description?: string; eventTypes?: string[]; enabled?: boolean }

function checkUrl(url: string) {
  let parsed: URL;
  try { parsed = new URL(url); } catch { throw new AppError('validation', 'url is not a valid URL'); }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new AppError('validation', 'url must be http or https');
  if (parsed.username || parsed.password) throw new AppError('validation', 'url may not carry credentials; verify our signature instead');
}

const uniqueTypes = (types: string[]) => [...new Set(types)];

export async function createEndpoint(db: Db, actor: Actor, input: EndpointInput) {
  requireAccess(actor, Permission.WebhookManage);
  checkUrl(input.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const eventTypes = uniqueTypes(input.eventTypes?.length ? input.eventTypes : ['*']);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('webhook_endpoints').values({
      merchant_id: actor.merchantId, id, url: input.url, description: input.description ?? '', event_types: eventTypes,
      secret, enabled: input.enabled ?? true,
    }).execute();
    await audit(trx, actor, 'webhook.created', { type: 'webhook_endpoint', id }, { url: input.url, eventTypes });
  });
  return { ...(await repo.findEndpoint(db, actor.merchantId, id))!, secret };
}

export async function listEndpoints(db: Db, actor: Actor) {
  requireAccess(actor, Permission.WebhookManage);
  return repo.listEndpoints(db, actor.merchantId);
}

export async function getEndpoint(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.WebhookManage);
  const endpoint = await repo.findEndpoint(db, actor.merchantId, id);
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

export async function updateEndpoint(db: Db, actor: Actor, id: string, input: Partial<EndpointInput>) {
  requireAccess(actor, Permission.WebhookManage);
  if (input.url !== undefined) checkUrl(input.url);
  if (input.eventTypes && !input.eventTypes.length) throw new AppError('validation', "eventTypes needs at least one filter ('*' for every event)");
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockEndpoint(trx, actor.merchantId, id))) throw notFound('Webhook endpoint');
    await trx.updateTable('webhook_endpoints').set({
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.eventTypes ? { event_types: uniqueTypes(input.eventTypes) } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await audit(trx, actor, 'webhook.updated', { type: 'webhook_endpoint', id }, { ...input });
  });
  return (await repo.findEndpoint(db, actor.merchantId, id))!;
}

/** Replaces the signing secret; the old one stops working at once. */
export async function rotateSecret(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.WebhookManage);
  const secret = newWebhookSecret();
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockEndpoint(trx, actor.merchantId, id))) throw notFound('Webhook endpoint');
    await trx.updateTable('webhook_endpoints').set({ secret }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await audit(trx, actor, 'webhook.secret_rotated', { type: 'webhook_endpoint', id });
  });
  return { id, secret };
}

/** Deleting an endpoint removes its delivery log with it; disable it instead to keep the log. */
export async function deleteEndpoint(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.WebhookManage);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockEndpoint(trx, actor.merchantId, id))) throw notFound('Webhook endpoint');
    await repo.deleteEndpoint(trx, actor.merchantId, id);
    await audit(trx, actor, 'webhook.deleted', { type: 'webhook_endpoint', id });
  });
}

export async function listDeliveries(
  db: Db, actor: Actor, endpointId: string,
  filter: { status?: 'pending' | 'succeeded' | 'failed'; eventType?: string; limit?: number; offset?: number },
) {
  await getEndpoint(db, actor, endpointId);
  const [items, total] = await repo.listDeliveries(db, actor.merchantId, endpointId, { ...filter, limit: filter.limit ?? 50, offset: filter.offset ?? 0 });
  return { items, total };
}

export async function getDelivery(db: Db, actor: Actor, endpointId: string, deliveryId: string) {
  requireAccess(actor, Permission.WebhookManage);
  const delivery = await repo.findDelivery(db, actor.merchantId, endpointId, deliveryId);
  if (!delivery) throw notFound('Webhook delivery');
  return { ...delivery, attempt_log: await repo.listAttempts(db, actor.merchantId, deliveryId) };
}

/** Manual redelivery: the same message (same webhook-id) is sent again on the next delivery run. */
export async function redeliver(db: Db, actor: Actor, endpointId: string, deliveryId: string) {
  requireAccess(actor, Permission.WebhookManage);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.findDelivery(trx, actor.merchantId, endpointId, deliveryId))) throw notFound('Webhook delivery');
    await repo.resetDelivery(trx, actor.merchantId, deliveryId);
    await audit(trx, actor, 'webhook.redelivery_requested', { type: 'webhook_delivery', id: deliveryId });
  });
  return getDelivery(db, actor, endpointId, deliveryId);
}

/** Sends a `webhook.test` event to this one endpoint, so a merchant can check the receiver and its signature check. */
export async function sendTestEvent(db: Db, actor: Actor, endpointId: string) {
  requireAccess(actor, Permission.WebhookManage);
  const eventId = randomUUID();
  const deliveryId = randomUUID();
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockEndpoint(trx, actor.merchantId, endpointId))) throw notFound('Webhook endpoint');
    // Written already dispatched: the relay must not fan it out to the merchant's other endpoints.
    await trx.insertInto('outbox_events').values({
      merchant_id: actor.merchantId, id: eventId, type: 'webhook.test',
      payload: JSON.stringify({ endpointId, message: 'This is a test event from Footfall' }), dispatched_at: new Date(),
    }).execute();
    await repo.insertDeliveries(trx, [{ merchant_id: actor.merchantId, id: deliveryId, endpoint_id: endpointId, event_id: eventId }]);
    await audit(trx, actor, 'webhook.test_sent', { type: 'webhook_endpoint', id: endpointId });
  });
  return getDelivery(db, actor, endpointId, deliveryId);
}
