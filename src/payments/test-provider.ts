import { createHash, randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import { Webhook } from 'standardwebhooks';
import type { AppContext } from '../platform/context.ts';
import { coalesced } from '../platform/coalesce.ts';
import type { TestProviderChargeTable } from './payment.table.ts';
import type { Executor } from '../platform/db.ts';
import type { AuthorizeRequest, AuthorizeResult, PaymentProvider } from './provider.ts';

/** Card numbers with a fixed outcome, like a real acquirer's sandbox. Any other valid number is approved. */
export const TEST_CARDS = {
  approved: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  /** Authorized later: the confirmation arrives by webhook (as after 3-D Secure). */
  asyncApproved: '4000000000003220',
  /** Looks pending, then the webhook reports a failure. */
  asyncDeclined: '4000000000003063',
} as const;

export const TEST_WEBHOOK_PATH = '/v1/payments/test-provider/webhook';
/** How long the simulated bank takes before it confirms an asynchronous payment. */
export const ASYNC_CONFIRM_MS = 1_500;

function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The signing secret of the test provider's webhooks: derived from the server secret, base64 as Standard Webhooks wants. */
export const testWebhookSecret = (serverSecret: string) =>
  createHash('sha256').update(`test-provider:${serverSecret}`).digest('base64');

async function setStatus(db: Executor, ref: string, changes: Record<string, unknown>) {
  await db.updateTable('test_provider_charges').set(changes).where('id', '=', ref).execute();
}

type NewCharge = Insertable<TestProviderChargeTable>;

// Like an acquirer's API under load, concurrent authorizations are booked together: one insert per batch.
const recordCharge = coalesced(async (db: Executor, _group: string, charges: NewCharge[]) => {
  const rows = await db.insertInto('test_provider_charges').values(charges).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  const inserted = new Set(rows.map((r) => r.id));
  // A payment id twice in one batch: the first booking counts, the repeat answers as a replay.
  const seen = new Set<string>();
  return charges.map((c) => {
    const first = inserted.has(c.id) && !seen.has(c.id);
    seen.add(c.id);
    return first;
  });
});

/** The built-in provider. Its books live in its own tables, as a real acquirer's would on its side. */
export const testProvider: PaymentProvider = {
  name: 'test',
  async authorize(db, req: AuthorizeRequest): Promise<AuthorizeResult> {
    const number = req.card.number.replace(/\s+/g, '');
    const last4 = number.slice(-4);
    const ref = `tp_${req.paymentId.replaceAll('-', '')}`;
    const now = new Date();
    const expired = req.card.expYear < now.getUTCFullYear() || (req.card.expYear === now.getUTCFullYear() && req.card.expMonth < now.getUTCMonth() + 1);
    const reason = !/^\d{12,19}$/.test(number) || !luhnValid(number) ? 'invalid_number'
      : expired ? 'expired_card'
      : number === TEST_CARDS.declined ? 'card_declined'
      : number === TEST_CARDS.insufficientFunds ? 'insufficient_funds' : null;
    const asyncCard = number === TEST_CARDS.asyncApproved || number === TEST_CARDS.asyncDeclined;
    const status = reason ? 'declined' : asyncCard ? 'pending' : 'authorized';
    const inserted = await recordCharge(db, '', { id: ref, merchant_id: req.merchantId, amount_minor: req.amountMinor, currency: req.currency, status, card_last4: last4 });
    if (!inserted) {
      // The same payment id again: answer as the first time, like a real acquirer's idempotency.
      const existing = await db.selectFrom('test_provider_charges').selectAll().where('id', '=', ref).executeTakeFirstOrThrow();
      const again = existing.status === 'declined' ? 'declined' : existing.status === 'pending' ? 'pending' : 'authorized';
      return again === 'declined' ? { status: again, ref, last4, reason: 'card_declined' } : { status: again, ref, last4 };
    }
    if (asyncCard) {
      await db.insertInto('test_provider_webhooks').values({
        id: randomUUID(), charge_id: ref, deliver_after: new Date(Date.now() + ASYNC_CONFIRM_MS),
        payload: JSON.stringify({ type: number === TEST_CARDS.asyncApproved ? 'charge.authorized' : 'charge.failed', chargeId: ref, merchantId: req.merchantId }),
      }).execute();
    }
    return reason ? { status: 'declined', ref, last4, reason } : { status: status as 'authorized' | 'pending', ref, last4 };
  },
  async capture(db, ref, amountMinor) {
    const charge = await db.selectFrom('test_provider_charges').selectAll().where('id', '=', ref).executeTakeFirstOrThrow();
    if (charge.status !== 'authorized' || amountMinor > charge.amount_minor) throw new Error(`test provider: cannot capture ${amountMinor} on ${charge.status} charge`);
    await setStatus(db, ref, { status: 'captured', captured_minor: amountMinor });
  },
  async void(db, ref) {
    await db.updateTable('test_provider_charges').set({ status: 'voided' }).where('id', '=', ref).where('status', 'in', ['authorized', 'pending']).execute();
  },
  async refund(db, ref, amountMinor) {
    const charge = await db.selectFrom('test_provider_charges').selectAll().where('id', '=', ref).executeTakeFirstOrThrow();
    if (charge.refunded_minor + amountMinor > charge.captured_minor) throw new Error('test provider: refund exceeds the captured amount');
    await setStatus(db, ref, { refunded_minor: charge.refunded_minor + amountMinor, status: charge.refunded_minor + amountMinor === charge.captured_minor ? 'refunded' : 'captured' });
  },
};

/** The provider's side of asynchronous confirmation: signed webhooks POSTed to our own endpoint when due. */
export async function deliverTestProviderWebhooks(ctx: AppContext): Promise<number> {
  const due = await ctx.db.selectFrom('test_provider_webhooks').selectAll().where('delivered_at', 'is', null)
    .where('deliver_after', '<=', new Date()).where('attempts', '<', 20).orderBy('deliver_after').limit(100).execute();
  const signer = new Webhook(testWebhookSecret(ctx.config.secret));
  let delivered = 0;
  for (const hook of due) {
    const charge = await ctx.db.selectFrom('test_provider_charges').select('status').where('id', '=', hook.charge_id).executeTakeFirst();
    const success = (hook.payload as { type: string }).type === 'charge.authorized';
    // The bank decides now: a voided (abandoned) charge is not confirmed.
    if (charge?.status === 'pending') await setStatus(ctx.db, hook.charge_id, { status: success ? 'authorized' : 'declined' });
    const body = JSON.stringify(hook.payload);
    const at = new Date();
    let ok = false;
    try {
      const res = await fetch(ctx.config.publicUrl + TEST_WEBHOOK_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': hook.id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signer.sign(hook.id, at, body) },
        body, signal: AbortSignal.timeout(10_000),
      });
      ok = res.ok;
    } catch (err) {
      ctx.log.warn({ err, hook: hook.id }, 'test provider webhook not delivered');
    }
    await ctx.db.updateTable('test_provider_webhooks').set({
      attempts: sql`attempts + 1`, delivered_at: ok ? new Date() : null,
      deliver_after: ok ? hook.deliver_after : new Date(Date.now() + 2_000 * (hook.attempts + 1)),
    }).where('id', '=', hook.id).execute();
    if (ok) delivered++;
  }
  return delivered;
}
