import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { emitEvent } from '../../src/platform/outbox.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const LIMIT = 8;

describeEachBackend('Rate limits', (server) => {
  it('limits anonymous callers per address and each valid credential on its own, with 429 problems', async () => {
    const a = await createTestMerchant(server());
    const b = await createTestMerchant(server());
    // Anonymous: the two sign-ins above already used two of this address's requests.
    const anonymous = [];
    for (let i = 0; i < LIMIT; i++) anonymous.push((await server().request('GET', '/v1/shop/no-such-shop/me')).status);
    assert.deepEqual(anonymous.filter((s) => s === 429).length, 2);
    const limited = await server().request('GET', '/v1/shop/no-such-shop/me');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(limited.body.type, 'https://footfall.dev/problems/rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    // A forged credential does not escape the address's bucket.
    assert.equal((await server().request('GET', '/v1/admin/merchant', { token: 'made.up' })).status, 429);
    assert.equal((await server().request('GET', '/v1/admin/merchant', { token: 'ffk_00000000000000000000000000000000_xxxxxxxxxxxxxxxxxxxxxxxx' })).status, 429);

    // Each signed-in credential has its own budget, independent of the address.
    const statuses = async (token: string) => {
      const out = [];
      for (let i = 0; i < LIMIT + 1; i++) out.push((await server().request('GET', '/v1/admin/merchant', { token })).status);
      return out;
    };
    assert.deepEqual(await statuses(a.ownerToken), [...Array(LIMIT).fill(200), 429]);
    assert.deepEqual(await statuses(b.ownerToken), [...Array(LIMIT).fill(200), 429]);
    // Health checks are never limited.
    assert.equal((await server().request('GET', '/readyz')).status, 200);
  });
}, { config: { rateLimitPerMinute: LIMIT } });

describeEachBackend('Body limit and metrics', (server) => {
  it('answers a body over the limit with 413 problem+json', async () => {
    const res = await server().request('POST', '/v1/auth/staff/login', { body: { email: 'a@b.co', password: 'p'.repeat(5000) } });
    assert.equal(res.status, 413);
    assert.equal(res.body.type, 'https://footfall.dev/problems/payload_too_large');
    const ok = await server().request('POST', '/v1/auth/staff/login', { body: { email: 'a@b.co', password: 'p'.repeat(100) } });
    assert.equal(ok.status, 401);
  });

  it('exposes request counts, latencies, database health and the outbox backlog in Prometheus text', async () => {
    const m = await createTestMerchant(server());
    await server().request('GET', '/v1/admin/merchant', { token: m.ownerToken });
    await server().request('GET', '/v1/admin/merchant', { token: m.ownerToken });
    await server().platform.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) await emitEvent(trx, m.id, 'test.metric', { i });
    });
    const res = await server().request('GET', '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/plain/);
    const value = (pattern: RegExp) => Number(pattern.exec(res.text)?.[1]);
    assert.equal(value(/footfall_http_requests_total\{method="GET",route="\/v1\/admin\/merchant",status="200"\} (\d+)/), 2);
    assert.ok(value(/footfall_http_request_duration_seconds_count\{method="GET",route="\/v1\/admin\/merchant"\} (\d+)/) >= 2);
    assert.match(res.text, /footfall_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/v1\/admin\/merchant"\}/);
    assert.equal(value(/footfall_outbox_backlog (\d+)/), 3);
    assert.match(res.text, /footfall_db_up\{kind="(pglite|postgres)"\} 1/);
    assert.match(res.text, /footfall_db_ping_seconds \d/);
    assert.match(res.text, /footfall_webhook_deliveries_pending \d/);
    assert.match(res.text, /footfall_messages_queued \d/);
    assert.match(res.text, /process_resident_memory_bytes/);
    await server().platform.workers.tick();
    const after = await server().request('GET', '/metrics');
    assert.equal(Number(/footfall_outbox_backlog (\d+)/.exec(after.text)?.[1]), 0, 'the relay drains the backlog');
  });
}, { config: { bodyLimitBytes: 4096 } });

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await new Promise<boolean>((resolve) => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.connect().then(() => { probe.disconnect(); resolve(true); }, () => { probe.disconnect(); resolve(false); });
});

describe('Rate limit shared through Redis', { skip: !redisUp && 'no Redis at TEST_REDIS_URL' }, () => {
  const servers: TestServer[] = [];
  after(async () => { await Promise.all(servers.map((s) => s.close())); });

  it('counts two servers against one budget when REDIS_URL is set, as processes behind a load balancer', async () => {
    const redis = new Redis(REDIS_URL);
    await redis.del('footfall-rate-ip:127.0.0.1');
    redis.disconnect();
    servers.push(await startTestServer('pglite', { rateLimitPerMinute: 6, redisUrl: REDIS_URL }));
    servers.push(await startTestServer('pglite', { rateLimitPerMinute: 6, redisUrl: REDIS_URL }));
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await servers[i % 2].request('GET', '/openapi.json')).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429, 429]);
  });

  it('keeps answering when the rate-limit store is unreachable, rather than refusing everyone', async () => {
    servers.push(await startTestServer('pglite', { rateLimitPerMinute: 6, redisUrl: 'redis://127.0.0.1:1' }));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await servers.at(-1)!.request('GET', '/openapi.json')).status);
    assert.deepEqual(statuses, [200, 200, 200]);
  });
});
