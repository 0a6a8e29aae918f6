import { sql } from 'kysely';
import type { AppContext } from '../platform/context.ts';

/** How long finished deliveries (with their attempts) and dispatched events are kept for the delivery log. */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;

/** Deletes finished deliveries and dispatched events past retention, so the outbox stays small. */
export async function purgeOldWebhookLog(ctx: AppContext): Promise<number> {
  const cutoff = sql<Date>`now() - make_interval(days => ${WEBHOOK_LOG_RETENTION_DAYS})`;
  return ctx.db.transaction().execute(async (trx) => {
    const old = trx.selectFrom('webhook_deliveries').select('id').where('status', '<>', 'pending').where('updated_at', '<', cutoff);
    await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', old).execute();
    const deliveries = await trx.deleteFrom('webhook_deliveries').where('status', '<>', 'pending').where('updated_at', '<', cutoff).executeTakeFirst();
    const events = await trx.deleteFrom('outbox_events')
      .where('dispatched_at', '<', cutoff)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('webhook_deliveries as d').select('d.id')
        .whereRef('d.merchant_id', '=', 'outbox_events.merchant_id').whereRef('d.event_id', '=', 'outbox_events.id'))))
      .executeTakeFirst();
    return Number(deliveries.numDeletedRows) + Number(events.numDeletedRows);
  });
}
