import { randomUUID } from 'node:crypto';
import type { AppContext } from '../platform/context.ts';
import { matchesEventType } from './event-types.ts';
import * as repo from './webhook.repository.ts';

const BATCH = 200;
const MAX_BATCHES_PER_RUN = 25;

/**
 * Outbox relay: turns each undispatched event into one delivery per matching enabled endpoint and
 * marks it dispatched, in one transaction. Batches are locked with skip locked, so several
 * processes on one PostgreSQL share the backlog without double-dispatching.
 */
export async function relayOutboxEvents(ctx: AppContext): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const moved = await ctx.db.transaction().execute(async (trx) => {
      const events = await repo.lockUndispatchedEvents(trx, BATCH);
      if (!events.length) return 0;
      const endpoints = await repo.enabledEndpointsOf(trx, [...new Set(events.map((e) => e.merchant_id))]);
      const deliveries = events.flatMap((event) =>
        endpoints
          .filter((ep) => ep.merchant_id === event.merchant_id && matchesEventType(ep.event_types, event.type))
          .map((ep) => ({ merchant_id: event.merchant_id, id: randomUUID(), endpoint_id: ep.id, event_id: event.id })),
      );
      await repo.insertDeliveries(trx, deliveries);
      await repo.markDispatched(trx, events);
      return events.length;
    });
    total += moved;
    if (moved < BATCH) break;
  }
  return total;
}
