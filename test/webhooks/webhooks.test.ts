import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { emitEvent } from '../../src/platform/outbox.ts';
import { relayOutboxEvents } from '../../src/webhooks/relay.ts';
import { purgeOldWebhookLog } from '../../src/webhooks/retention.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant, type TestMerchant } from '../support/fixtures.ts';
import type { TestServer } from '../support/server.ts';
import { Receiver } from './receiver.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function emit(server: TestServer, merchantId: string, type: string, data: Record<string, unknown>) {
  return server.platform.ctx.db.transaction().execute((trx) => emitEvent(trx, merchantId, type, data));
}

/** Runs the background jobs until `done` holds (retry delays in these tests are a few ms). */
async function tickUntil(server: TestServer, done: () => Promise<boolean> | boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await server.platform.workers.tick();
    if (await done()) return;
    if (Date.now() > deadline) throw new Error('condition not reached');
    await sleep(20);
  }
}

describeEachBackend('Webhooks', (server) => {
  let m: TestMerchant;
  const receivers: Receiver[] = [];
  after(async () => { for (const r of receivers) await r.down(); });

  const deliveries = async (endpointId: string, query = '') =>
    (await server().request('GET', `/v1/admin/webhooks/${endpointId}/deliveries${query}`, { token: m.ownerToken })).body;

  it('manages endpoints: create returns the secret once, list, get, update, validation', async () => {
    m = await createTestMerchant(server());
    const created = await server().request('POST', '/v1/admin/webhooks', {
      token: m.ownerToken, body: { url: 'https://example.com/hook', description: 'ERP', eventTypes: ['order.*', 'stock.adjusted'] },
    });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/=]{32}$/);
    assert.deepEqual(created.body.event_types, ['order.*', 'stock.adjusted']);
    const got = await server().request('GET', `/v1/admin/webhooks/${created.body.id}`, { token: m.ownerToken });
    assert.equal(got.status, 200);
    assert.equal(got.body.secret, undefined, 'the secret is not shown again');
    const patched = await server().request('PATCH', `/v1/admin/webhooks/${created.body.id}`, { token: m.ownerToken, body: { enabled: false, eventTypes: ['*'] } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.enabled, false);
    assert.deepEqual(patched.body.event_types, ['*']);
    const list = await server().request('GET', '/v1/admin/webhooks', { token: m.ownerToken });
    assert.deepEqual(list.body.items.map((e: { id: string }) => e.id), [created.body.id]);

    for (const body of [{ url: 'ftp://example.com/x' }, { url: 'not a url' }, { url: 'https://x.example', eventTypes: ['Order placed'] }]) {
      const bad = await server().request('POST', '/v1/admin/webhooks', { token: m.ownerToken, body });
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.body.type, 'https://footfall.dev/problems/validation');
    }
    const other = await createTestMerchant(server());
    const foreign = await server().request('GET', `/v1/admin/webhooks/${created.body.id}`, { token: other.ownerToken });
    assert.equal(foreign.status, 404);
    const removed = await server().request('DELETE', `/v1/admin/webhooks/${created.body.id}`, { token: m.ownerToken });
    assert.equal(removed.status, 204);
    assert.equal((await server().request('GET', `/v1/admin/webhooks/${created.body.id}`, { token: m.ownerToken })).status, 404);
  });

  it('delivers the signed event to a receiver that was down once it is back, logs every attempt, and redelivers on request', async () => {
    const receiver = await Receiver.reservePort();
    receivers.push(receiver);
    const ep = (await server().request('POST', '/v1/admin/webhooks', { token: m.ownerToken, body: { url: receiver.url, eventTypes: ['order.*'] } })).body;
    const skipped = await server().request('POST', '/v1/admin/webhooks', { token: m.ownerToken, body: { url: receiver.url, eventTypes: ['stock.*'] } });

    const eventId = await emit(server(), m.id, 'order.placed', { orderId: 'o-1', totalMinor: 12900 });
    // Down: the port is closed.
    await tickUntil(server(), async () => (await deliveries(ep.id)).items[0]?.attempts >= 1);
    // Failing: the receiver answers 503.
    await receiver.up(503);
    await tickUntil(server(), async () => (await deliveries(ep.id)).items[0]?.last_status_code === 503);
    assert.equal(receiver.received.length, 0);
    let log = await deliveries(ep.id);
    assert.equal(log.items[0].status, 'pending');
    assert.equal(log.items[0].event_id, eventId);

    // Back: the event arrives, signed per Standard Webhooks.
    receiver.status = 200;
    await tickUntil(server(), () => receiver.received.length === 1);
    const [hit] = receiver.received;
    const verified = new Webhook(ep.secret).verify(hit.body, hit.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
    assert.equal(verified.type, 'order.placed');
    assert.deepEqual(verified.data, { orderId: 'o-1', totalMinor: 12900 });
    assert.ok(!Number.isNaN(Date.parse(verified.timestamp)));
    assert.equal(hit.headers['webhook-id'], eventId);
    assert.throws(() => new Webhook('whsec_' + Buffer.alloc(24, 1).toString('base64')).verify(hit.body, hit.headers), /signature/i);

    log = await deliveries(ep.id);
    assert.equal(log.total, 1);
    assert.equal(log.items[0].status, 'succeeded');
    const deliveryId = log.items[0].id;
    const attempts = (await server().request('GET', `/v1/admin/webhooks/${ep.id}/deliveries/${deliveryId}/attempts`, { token: m.ownerToken })).body.items;
    assert.ok(attempts.length >= 3);
    assert.equal(attempts[0].status_code, null);
    assert.match(attempts[0].error, /ECONNREFUSED|fetch failed/);
    assert.equal(attempts.at(-2).status_code, 503);
    assert.equal(attempts.at(-1).status_code, 200);
    assert.equal((await deliveries(skipped.body.id)).total, 0, 'an endpoint filtering other events gets nothing');

    const again = await server().request('POST', `/v1/admin/webhooks/${ep.id}/deliveries/${deliveryId}/redeliver`, { token: m.ownerToken });
    assert.equal(again.status, 202);
    assert.equal(again.body.status, 'pending');
    await tickUntil(server(), () => receiver.received.length === 2);
    assert.equal(receiver.received[1].headers['webhook-id'], eventId, 'a redelivery keeps the message id');
    new Webhook(ep.secret).verify(receiver.received[1].body, receiver.received[1].headers);
    const detail = await server().request('GET', `/v1/admin/webhooks/${ep.id}/deliveries/${deliveryId}`, { token: m.ownerToken });
    assert.equal(detail.body.status, 'succeeded');
    assert.equal(detail.body.attempt_log.length, attempts.length + 1);
  });

  it('gives up after the attempt budget, marking the delivery failed', async () => {
    const receiver = await Receiver.reservePort();
    receivers.push(receiver);
    await receiver.up(500);
    const ep = (await server().request('POST', '/v1/admin/webhooks', { token: m.ownerToken, body: { url: receiver.url } })).body;
    await emit(server(), m.id, 'customer.created', { customerId: 'c-1' });
    await tickUntil(server(), async () => (await deliveries(ep.id)).items[0]?.status === 'failed');
    const [failed] = (await deliveries(ep.id, '?status=failed')).items;
    assert.equal(failed.attempts, 4);
    assert.equal(failed.last_status_code, 500);
    await server().platform.workers.tick();
    await sleep(50);
    await server().platform.workers.tick();
    assert.equal((await deliveries(ep.id)).items[0].attempts, 4, 'no attempts after giving up');
  });

  it('sends a test event to one endpoint only, and a disabled endpoint receives nothing', async () => {
    const receiver = await Receiver.reservePort();
    receivers.push(receiver);
    await receiver.up(200);
    const ep = (await server().request('POST', '/v1/admin/webhooks', { token: m.ownerToken, body: { url: receiver.url, eventTypes: ['promo.*'] } })).body;
    const test = await server().request('POST', `/v1/admin/webhooks/${ep.id}/test`, { token: m.ownerToken });
    assert.equal(test.status, 202);
    await tickUntil(server(), () => receiver.received.length === 1);
    assert.equal(JSON.parse(receiver.received[0].body).type, 'webhook.test');

    await server().request('PATCH', `/v1/admin/webhooks/${ep.id}`, { token: m.ownerToken, body: { enabled: false } });
    await emit(server(), m.id, 'promo.claimed', { code: 'X' });
    await server().platform.workers.tick();
    await server().platform.workers.tick();
    assert.equal(receiver.received.length, 1);
    const rotated = await server().request('POST', `/v1/admin/webhooks/${ep.id}/rotate-secret`, { token: m.ownerToken });
    assert.notEqual(rotated.body.secret, ep.secret);
  });

  it('purges finished deliveries and dispatched events past retention, keeping pending ones', async () => {
    const { db } = server().platform.ctx;
    const ep = (await server().request('POST', '/v1/admin/webhooks', { token: m.ownerToken, body: { url: 'http://127.0.0.1:9/never' } })).body;
    const done = await emit(server(), m.id, 'order.old', {});
    const waiting = await emit(server(), m.id, 'order.old', {});
    await relayOutboxEvents(server().platform.ctx);
    const old = new Date(Date.now() - 40 * 86400_000);
    await db.updateTable('webhook_deliveries').set({ status: 'succeeded', updated_at: old }).where('event_id', '=', done).execute();
    await db.updateTable('webhook_deliveries').set({ updated_at: old }).where('event_id', '=', waiting).execute();
    await db.updateTable('outbox_events').set({ dispatched_at: old }).where('id', 'in', [done, waiting]).execute();
    await purgeOldWebhookLog(server().platform.ctx);
    const left = await db.selectFrom('webhook_deliveries').select('event_id').where('endpoint_id', '=', ep.id).execute();
    assert.deepEqual(left.map((d) => d.event_id), [waiting]);
    const events = await db.selectFrom('outbox_events').select('id').where('id', 'in', [done, waiting]).execute();
    assert.deepEqual(events.map((e) => e.id), [waiting]);
  });
}, { config: { webhookRetryBaseMs: 5, webhookMaxAttempts: 4, webhookTimeoutMs: 2000 } });
