import type { AppContext } from '../platform/context.ts';
import { retryDelayMs } from '../platform/workers.ts';
import { providersFor } from './providers.ts';
import * as repo from './notification.repository.ts';

const BATCH = 50;
const MAX_BATCHES_PER_RUN = 10;
const MAX_ATTEMPTS = 6;
const LEASE_MS = 120_000;

/** How this message would leave the system, or null when no provider is configured for its channel. */
function dispatcher(ctx: AppContext, m: repo.DueMessage): { name: string; send(): Promise<void> } | null {
  const { email, sms } = providersFor(ctx.config);
  if (m.channel === 'email') {
    return email && { name: email.name, send: () => email.send({ from: ctx.config.mailFrom, to: m.recipient, subject: m.subject ?? '', text: m.body_text, html: m.body_html }) };
  }
  return sms && { name: sms.name, send: () => sms.send({ to: m.recipient, text: m.body_text }) };
}

async function sendOne(ctx: AppContext, m: repo.DueMessage): Promise<repo.SendOutcome> {
  const provider = dispatcher(ctx, m);
  // No provider configured: the message is kept in the local mailbox, which the admin API lists.
  if (!provider) return { status: 'stored', provider: null };
  try {
    await provider.send();
    return { status: 'sent', provider: provider.name };
  } catch (err) {
    const attempts = m.attempts + 1;
    const error = `${provider.name}: ${(err as Error).message}`.slice(0, 500);
    ctx.log.warn({ message: m.id, channel: m.channel, attempt: attempts, error }, 'message send failed');
    return {
      status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
      error,
      nextAttemptAt: new Date(Date.now() + retryDelayMs(ctx.config.messageRetryBaseMs, attempts)),
    };
  }
}

/** Sends queued email and SMS through the configured providers, or files them in the mailbox. */
export async function sendQueuedMessages(ctx: AppContext): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const due = await repo.claimDueMessages(ctx.db, BATCH, LEASE_MS);
    await Promise.all(due.map(async (m) => repo.recordSend(ctx.db, m.merchant_id, m.id, await sendOne(ctx, m))));
    total += due.length;
    if (due.length < BATCH) break;
  }
  return total;
}
