import type { AppContext } from '../platform/context.ts';
import { retryDelayMs } from '../platform/workers.ts';
import { webhookHeaders } from './signature.ts';
import * as repo from './webhook.repository.ts';

const BATCH = 20;
const MAX_BATCHES_PER_RUN = 10;
const MAX_ERROR_LENGTH = 500;

/** The JSON body every receiver gets: the event's type, when it happened, and its data. */
export function webhookBody(d: Pick<repo.DueDelivery, 'event_type' | 'event_created_at' | 'payload'>): string {
  return JSON.stringify({ type: d.event_type, timestamp: new Date(d.event_created_at).toISOString(), data: d.payload });
}

async function post(ctx: AppContext, d: repo.DueDelivery): Promise<{ statusCode: number | null; error: string | null; durationMs: number }> {
  const body = webhookBody(d);
  const started = performance.now();
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Footfall-Webhooks/1', ...webhookHeaders(d.secret, d.event_id, body) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.config.webhookTimeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `timed out after ${ctx.config.webhookTimeoutMs} ms` : e.cause?.code ?? e.cause?.message ?? e.message;
    return { statusCode: null, error: String(reason).slice(0, MAX_ERROR_LENGTH), durationMs: Math.round(performance.now() - started) };
  }
}

async function attempt(ctx: AppContext, d: repo.DueDelivery) {
  const result = await post(ctx, d);
  const attemptsMade = d.attempts + 1;
  const outcome = result.error === null ? 'succeeded' : attemptsMade >= ctx.config.webhookMaxAttempts ? 'failed' : 'pending';
  const nextAttemptAt = new Date(Date.now() + (outcome === 'pending' ? retryDelayMs(ctx.config.webhookRetryBaseMs, attemptsMade) : 0));
  await ctx.db.transaction().execute((trx) => repo.recordAttempt(trx, d.merchant_id, d.id, { ...result, outcome, nextAttemptAt }));
  ctx.log[outcome === 'failed' ? 'warn' : 'info']({
    webhookDelivery: d.id, event: d.event_id, url: d.url, attempt: attemptsMade, status: result.statusCode, error: result.error,
    durationMs: result.durationMs, outcome,
  }, 'webhook attempt');
}

/** Sends every due delivery (in parallel, a batch at a time) and records each attempt. */
export async function deliverDueWebhooks(ctx: AppContext): Promise<number> {
  // The lease outlives the request timeout so a slow receiver is not sent the same message twice at once.
  const leaseMs = ctx.config.webhookTimeoutMs + 30_000;
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const due = await repo.claimDueDeliveries(ctx.db, BATCH, leaseMs);
    await Promise.all(due.map((d) => attempt(ctx, d)));
    total += due.length;
    if (due.length < BATCH) break;
  }
  return total;
}
