import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signWebhook, webhookHeaders } from '../../src/webhooks/signature.ts';
import { retryDelayMs } from '../../src/platform/workers.ts';
import { matchesEventType } from '../../src/webhooks/event-types.ts';

describe('Webhook signing, retries and filters', () => {
  it('matches the Standard Webhooks reference vector', () => {
    const sig = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    assert.equal(sig, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('produces headers the standardwebhooks library verifies', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'order.placed', timestamp: new Date().toISOString(), data: { id: 1 } });
    assert.deepEqual(new Webhook(secret).verify(body, webhookHeaders(secret, 'evt-1', body)), JSON.parse(body));
    assert.throws(() => new Webhook(secret).verify(body + ' ', webhookHeaders(secret, 'evt-1', body)));
  });

  it('backs off exponentially with bounded jitter', () => {
    assert.equal(retryDelayMs(1000, 1, () => 0), 1000);
    assert.equal(retryDelayMs(1000, 2, () => 0), 2000);
    assert.equal(retryDelayMs(1000, 5, () => 0), 16000);
    assert.equal(retryDelayMs(1000, 5, () => 0.999), Math.round(16000 * (1 + 0.25 * 0.999)));
  });

  it("filters by '*', a family prefix, or an exact type", () => {
    assert.ok(matchesEventType(['*'], 'order.placed'));
    assert.ok(matchesEventType(['order.*'], 'order.placed'));
    assert.ok(matchesEventType(['order.*'], 'order.pickup.ready'));
    assert.ok(!matchesEventType(['order.*'], 'orders.placed'));
    assert.ok(matchesEventType(['stock.adjusted', 'x'], 'stock.adjusted'));
    assert.ok(!matchesEventType(['stock.adjusted'], 'stock.adjusted_more'));
  });
});
