import assert from 'node:assert/strict';
import { it } from 'node:test';
import pg from 'pg';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';

describeEachBackend('HTTP conventions', (server, kind) => {
  it('answers health, readiness, OpenAPI 3.1 and the interactive docs', async () => {
    assert.equal((await server().request('GET', '/healthz')).status, 200);
    const ready = await server().request('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.database, kind);
    const spec = await server().request('GET', '/openapi.json');
    assert.equal(spec.status, 200);
    assert.equal(spec.body.openapi, '3.1.0');
    assert.ok(spec.body.paths['/v1/admin/api-keys']);
    const docs = await server().request('GET', '/docs/');
    assert.equal(docs.status, 200);
    assert.match(docs.text, /swagger/i);
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await server().request('GET', '/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(res.body.type, 'https://footfall.dev/problems/not_found');
    assert.ok(res.headers.get('x-request-id'));
  });

  it('rejects malformed, wrong-type and unauthenticated requests with 4xx problems', async () => {
    const bad = await server().request('POST', '/v1/auth/staff/login', { raw: '{"email":', headers: { 'content-type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.type, 'https://footfall.dev/problems/bad_request');
    const wrongType = await server().request('POST', '/v1/auth/staff/login', { body: { email: 42, password: true } });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.type, 'https://footfall.dev/problems/validation');
    const anonymous = await server().request('GET', '/v1/admin/api-keys');
    assert.equal(anonymous.status, 401);
    const forged = await server().request('GET', '/v1/admin/api-keys', { token: 'eyJ0Ijoic3RhZmYifQ.forged' });
    assert.equal(forged.status, 401);
    const huge = await server().request('POST', '/v1/auth/staff/login', { body: { email: 'a@b.co', password: 'x'.repeat(2 * 1024 * 1024) } });
    assert.equal(huge.status, 413);
    const wrongPassword = await server().request('POST', '/v1/auth/staff/login', { body: { email: 'nobody@x.example', password: 'nope' } });
    assert.equal(wrongPassword.status, 401);
  });

  it("never shows one merchant's resources to another merchant's credentials", async () => {
    const a = await createTestMerchant(server());
    const b = await createTestMerchant(server());
    const created = await server().request('POST', '/v1/admin/api-keys', { token: a.ownerToken, body: { name: 'integration', role: 'admin' } });
    assert.equal(created.status, 201);
    assert.match(created.body.key, /^ffk_/);
    const own = await server().request('GET', `/v1/admin/api-keys/${created.body.id}`, { token: created.body.key });
    assert.equal(own.status, 200);
    assert.equal(own.body.secret_hash, undefined, 'the stored hash is never returned');

    const bKey = await server().request('POST', '/v1/admin/api-keys', { token: b.ownerToken, body: { name: 'b', role: 'admin' } });
    for (const token of [b.ownerToken, bKey.body.key]) {
      const res = await server().request('GET', `/v1/admin/api-keys/${created.body.id}`, { token });
      assert.equal(res.status, 404);
      assert.equal(res.body.type, 'https://footfall.dev/problems/not_found');
    }
    const list = await server().request('GET', '/v1/admin/api-keys', { token: b.ownerToken });
    assert.ok(!list.body.items.some((k: { id: string }) => k.id === created.body.id));
  });

  it('replays an Idempotency-Key, refuses another body with 422', async () => {
    const m = await createTestMerchant(server());
    const headers = { 'idempotency-key': `key-${Math.random()}` };
    const first = await server().request('POST', '/v1/admin/api-keys', { token: m.ownerToken, headers, body: { name: 'once', role: 'admin' } });
    assert.equal(first.status, 201);
    const replay = await server().request('POST', '/v1/admin/api-keys', { token: m.ownerToken, headers, body: { name: 'once', role: 'admin' } });
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replay.body, first.body);
    const keys = await server().request('GET', '/v1/admin/api-keys', { token: m.ownerToken });
    assert.equal(keys.body.items.filter((k: { name: string }) => k.name === 'once').length, 1);
    const other = await server().request('POST', '/v1/admin/api-keys', { token: m.ownerToken, headers, body: { name: 'twice', role: 'admin' } });
    assert.equal(other.status, 422);
    assert.equal(other.body.type, 'https://footfall.dev/problems/idempotency_mismatch');
  });

  if (kind === 'postgres') {
    it('answers 409 while the first request with the same key is still running', async () => {
      const m = await createTestMerchant(server());
      const blocker = new pg.Client({ connectionString: server().databaseUrl! });
      await blocker.connect();
      await blocker.query('begin');
      await blocker.query('lock table api_keys in exclusive mode');
      const headers = { 'idempotency-key': 'slow-one' };
      const first = server().request('POST', '/v1/admin/api-keys', { token: m.ownerToken, headers, body: { name: 'slow', role: 'admin' } });
      await new Promise((r) => setTimeout(r, 300));
      const second = await server().request('POST', '/v1/admin/api-keys', { token: m.ownerToken, headers, body: { name: 'slow', role: 'admin' } });
      assert.equal(second.status, 409);
      assert.equal(second.body.type, 'https://footfall.dev/problems/idempotency_in_progress');
      await blocker.query('commit');
      await blocker.end();
      assert.equal((await first).status, 201);
      const third = await server().request('POST', '/v1/admin/api-keys', { token: m.ownerToken, headers, body: { name: 'slow', role: 'admin' } });
      assert.equal(third.status, 201);
      assert.equal(third.body.id, (await first).body.id);
    });
  }
});
