import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { relayOutboxEvents } from '../../src/webhooks/relay.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';

describeEachBackend('Outbox relay with concurrent relays', (server) => {
  it('dispatches every event exactly once across parallel relays, one delivery per matching endpoint', async () => {
    const m = await createTestMerchant(server());
    const token = m.ownerToken;
    const all = (await server().request('POST', '/v1/admin/webhooks', { token, body: { url: 'https://a.example/h' } })).body;
    const orders = (await server().request('POST', '/v1/admin/webhooks', { token, body: { url: 'https://b.example/h', eventTypes: ['order.*'] } })).body;
    const { db } = server().platform.ctx;
    await sql`
      insert into outbox_events (merchant_id, id, type, payload)
      select ${m.id}, gen_random_uuid(), case when g % 2 = 0 then 'order.placed' else 'stock.adjusted' end, jsonb_build_object('n', g)
      from generate_series(1, 1000) g`.execute(db);
    const counts = await Promise.all([1, 2, 3, 4].map(() => relayOutboxEvents(server().platform.ctx)));
    assert.equal(counts.reduce((a, b) => a + b, 0), 1000, 'no event dispatched twice');
    const per = await db.selectFrom('webhook_deliveries').select(['endpoint_id', sql<number>`count(*)::int`.as('n')])
      .where('merchant_id', '=', m.id).groupBy('endpoint_id').execute();
    const byEndpoint = Object.fromEntries(per.map((r) => [r.endpoint_id, r.n]));
    assert.equal(byEndpoint[all.id], 1000);
    assert.equal(byEndpoint[orders.id], 500);
    const left = await db.selectFrom('outbox_events').select(sql<number>`count(*)::int`.as('n')).where('dispatched_at', 'is', null).executeTakeFirstOrThrow();
    assert.equal(left.n, 0);
  });
}, { only: ['postgres'] });
