import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';

const endpointColumns = ['id', 'url', 'description', 'event_types', 'enabled', 'created_at'] as const;

export const listEndpoints = (db: Executor, merchantId: string) =>
  db.selectFrom('webhook_endpoints').select(endpointColumns).where('merchant_id', '=', merchantId).orderBy('created_at').orderBy('id').execute();

export const findEndpoint = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('webhook_endpoints').select(endpointColumns).where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const lockEndpoint = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('webhook_endpoints').select(endpointColumns).where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();

export async function deleteEndpoint(db: Executor, merchantId: string, id: string) {
  const deliveries = db.selectFrom('webhook_deliveries').select('id').where('merchant_id', '=', merchantId).where('endpoint_id', '=', id);
  await db.deleteFrom('webhook_attempts').where('merchant_id', '=', merchantId).where('delivery_id', 'in', deliveries).execute();
  await db.deleteFrom('webhook_deliveries').where('merchant_id', '=', merchantId).where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_endpoints').where('merchant_id', '=', merchantId).where('id', '=', id).execute();
}

const deliveryColumns = [
  'd.id', 'd.endpoint_id', 'd.event_id', 'e.type as event_type', 'd.status', 'd.attempts', 'd.next_attempt_at',
  'd.last_status_code', 'd.last_error', 'd.created_at', 'd.updated_at',
] as const;

export function listDeliveries(
  db: Executor, merchantId: string, endpointId: string,
  filter: { status?: 'pending' | 'succeeded' | 'failed'; eventType?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('webhook_deliveries as d')
    .innerJoin('outbox_events as e', (j) => j.onRef('e.merchant_id', '=', 'd.merchant_id').onRef('e.id', '=', 'd.event_id'))
    .where('d.merchant_id', '=', merchantId).where('d.endpoint_id', '=', endpointId);
  if (filter.status) q = q.where('d.status', '=', filter.status);
  if (filter.eventType) q = q.where('e.type', '=', filter.eventType);
  return Promise.all([
    q.select(deliveryColumns).orderBy('d.created_at', 'desc').orderBy('d.id').limit(filter.limit).offset(filter.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n),
  ]);
}

export const findDelivery = (db: Executor, merchantId: string, endpointId: string, id: string) =>
  db.selectFrom('webhook_deliveries as d')
    .innerJoin('outbox_events as e', (j) => j.onRef('e.merchant_id', '=', 'd.merchant_id').onRef('e.id', '=', 'd.event_id'))
    .select(deliveryColumns)
    .where('d.merchant_id', '=', merchantId).where('d.endpoint_id', '=', endpointId).where('d.id', '=', id)
    .executeTakeFirst();

export const listAttempts = (db: Executor, merchantId: string, deliveryId: string) =>
  db.selectFrom('webhook_attempts').select(['id', 'attempted_at', 'status_code', 'error', 'duration_ms'])
    .where('merchant_id', '=', merchantId).where('delivery_id', '=', deliveryId).orderBy('id').execute();

/** Makes a delivery due now with a fresh attempt budget; its earlier attempts stay in the log. */
export const resetDelivery = (db: Executor, merchantId: string, id: string) =>
  db.updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: sql`now()`, updated_at: sql`now()` })
    .where('merchant_id', '=', merchantId).where('id', '=', id).execute();

// ---- relay and delivery (background jobs) ----

/** Undispatched events, oldest first, locked so that concurrent relays take disjoint batches. */
export const lockUndispatchedEvents = (db: Executor, limit: number) =>
  db.selectFrom('outbox_events').select(['merchant_id', 'id', 'type'])
    .where('dispatched_at', 'is', null).orderBy('seq').limit(limit).forUpdate().skipLocked().execute();

export const enabledEndpointsOf = (db: Executor, merchantIds: string[]) =>
  db.selectFrom('webhook_endpoints').select(['merchant_id', 'id', 'event_types'])
    .where('merchant_id', 'in', merchantIds).where('enabled', '=', true).execute();

export async function insertDeliveries(db: Executor, rows: { merchant_id: string; id: string; endpoint_id: string; event_id: string }[]) {
  if (!rows.length) return;
  await db.insertInto('webhook_deliveries')
    .values(rows.map((r) => ({ ...r, status: 'pending' as const, last_status_code: null, last_error: null })))
    .onConflict((oc) => oc.columns(['merchant_id', 'endpoint_id', 'event_id']).doNothing())
    .execute();
}

export async function markDispatched(db: Executor, events: { merchant_id: string; id: string }[]) {
  for (const merchantId of new Set(events.map((e) => e.merchant_id))) {
    const ids = events.filter((e) => e.merchant_id === merchantId).map((e) => e.id);
    await db.updateTable('outbox_events').set({ dispatched_at: sql`now()` }).where('merchant_id', '=', merchantId).where('id', 'in', ids).execute();
  }
}

export interface DueDelivery {
  merchant_id: string;
  id: string;
  attempts: number;
  event_id: string;
  event_type: string;
  event_created_at: Date;
  payload: unknown;
  url: string;
  secret: string;
}

/**
 * Claims due deliveries by pushing their next attempt past a lease, so no transaction stays open
 * while we wait on a receiver and a crashed sender's claims simply come due again.
 */
export async function claimDueDeliveries(db: Executor, limit: number, leaseMs: number): Promise<DueDelivery[]> {
  const { rows } = await sql<DueDelivery>`
    with due as (
      select d.merchant_id, d.id from webhook_deliveries d
      join webhook_endpoints w on w.merchant_id = d.merchant_id and w.id = d.endpoint_id and w.enabled
      where d.status = 'pending' and d.next_attempt_at <= now()
      order by d.next_attempt_at
      limit ${limit}
      for update of d skip locked
    ), claimed as (
      update webhook_deliveries d
      set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}), updated_at = now()
      from due where d.merchant_id = due.merchant_id and d.id = due.id
      returning d.merchant_id, d.id, d.attempts, d.endpoint_id, d.event_id
    )
    select c.merchant_id, c.id, c.attempts, c.event_id, e.type as event_type, e.created_at as event_created_at,
           e.payload, w.url, w.secret
    from claimed c
    join outbox_events e on e.merchant_id = c.merchant_id and e.id = c.event_id
    join webhook_endpoints w on w.merchant_id = c.merchant_id and w.id = c.endpoint_id
  `.execute(db);
  return rows;
}

export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  outcome: 'succeeded' | 'failed' | 'pending';
  nextAttemptAt: Date;
}

export async function recordAttempt(db: Executor, merchantId: string, deliveryId: string, r: AttemptResult) {
  await db.insertInto('webhook_attempts').values({
    merchant_id: merchantId, delivery_id: deliveryId, status_code: r.statusCode, error: r.error, duration_ms: r.durationMs,
  }).execute();
  await db.updateTable('webhook_deliveries')
    .set((eb) => ({
      status: r.outcome, attempts: eb('attempts', '+', 1), next_attempt_at: r.nextAttemptAt,
      last_status_code: r.statusCode, last_error: r.error, updated_at: sql`now()`,
    }))
    .where('merchant_id', '=', merchantId).where('id', '=', deliveryId).execute();
}
