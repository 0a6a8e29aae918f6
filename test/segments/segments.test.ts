import assert from 'node:assert/strict';
import { it } from 'node:test';
import { customerInSegments, segmentMemberIds } from '../../src/segments/segment.service.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { storeWithStock } from '../customers/helpers.ts';

const ago = (days: number) => new Date(Date.now() - days * 86400_000);

describeEachBackend('customer segments', (server) => {
  it('evaluates rules on demand, saves and refreshes members, and answers campaigns', async () => {
    const m = await createTestMerchant(server());
    const db = server().platform.ctx.db;
    const t = m.ownerToken;
    const { storeId, posKey } = await storeWithStock(server(), m); // the store is at 3.118, 101.677
    const mk = async (body: Record<string, unknown>) => (await server().request('POST', '/v1/admin/customers', { token: t, body })).body.id as string;
    const webOnly = await mk({ name: 'Web only', email: 'web@example.com', location: { lat: 3.13, lng: 101.68 }, consents: { marketing_email: true } });
    const both = await mk({ name: 'Both', email: 'both@example.com', location: { lat: 3.6, lng: 101.9 } });
    const storeOnly = await mk({ name: 'Store only', email: 'store@example.com', ageBand: '25_34', interests: ['audio'] });
    // Online purchases arrive from completed orders through the analytics feed; here they are written as it would.
    for (const [id, ref, days] of [[webOnly, 'o1', 10], [both, 'o2', 20], [storeOnly, 'o3', 200]] as const) {
      await db.insertInto('customer_purchases').values({ merchant_id: m.id, channel: 'online', ref_id: ref, customer_id: id, store_id: null, total_minor: 1000, occurred_at: ago(days) }).execute();
    }
    const sale = await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [
      { clientSaleId: 'S1', occurredAt: ago(0.01).toISOString(), paymentMethod: 'card', customer: { email: 'both@example.com' }, lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 1000 }] },
      { clientSaleId: 'S2', occurredAt: ago(0.01).toISOString(), paymentMethod: 'card', customer: { email: 'store@example.com' }, lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 1000 }] },
    ] } });
    assert.equal(sale.body.created, 2, sale.text);

    const rules = [{ type: 'purchased', channel: 'online', withinDays: 90 }, { type: 'never_purchased', channel: 'store' }];
    const preview = await server().request('POST', '/v1/admin/segments/preview', { token: t, body: { rules } });
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual(preview.body.sample.map((c: any) => c.id), [webOnly]);
    const near = await server().request('POST', '/v1/admin/segments/preview', { token: t, body: { rules: [{ type: 'near_store', storeId, km: 5 }] } });
    assert.deepEqual(near.body.sample.map((c: any) => c.id), [webOnly]);
    const misc = await server().request('POST', '/v1/admin/segments/preview', { token: t, body: { rules: [{ type: 'age_band', values: ['25_34'] }, { type: 'interest', value: 'Audio' }] } });
    assert.deepEqual(misc.body.sample.map((c: any) => c.id), [storeOnly]);

    const created = await server().request('POST', '/v1/admin/segments', { token: t, body: { name: 'Web, not yet in store', rules } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.memberCount, 1);
    const segId = created.body.id;
    assert.deepEqual(await segmentMemberIds(db, m.id, segId), [webOnly]);
    const gold = await server().request('POST', '/v1/admin/segments', { token: t, body: { name: 'Email OK', rules: [{ type: 'consent', purpose: 'marketing_email' }] } });
    assert.deepEqual(await customerInSegments(db, m.id, webOnly, [segId, gold.body.id]), [segId, gold.body.id]);

    // The web-only shopper buys in the store: the next refresh drops them.
    await server().request('POST', '/v1/pos/sales', { token: posKey, body: { sales: [{ clientSaleId: 'S3', occurredAt: ago(0.01).toISOString(), paymentMethod: 'card', customer: { email: 'web@example.com' }, lines: [{ sku: 'KETTLE-1', quantity: 1, unitPriceMinor: 1000 }] }] } });
    assert.deepEqual(await customerInSegments(db, m.id, webOnly, [segId]), []);
    const refreshed = await server().request('POST', `/v1/admin/segments/${segId}/refresh`, { token: t });
    assert.equal(refreshed.body.memberCount, 0);
    const members = await server().request('GET', `/v1/admin/segments/${segId}/members`, { token: t });
    assert.deepEqual(members.body.items, []);

    const bad = await server().request('POST', '/v1/admin/segments/preview', { token: t, body: { rules: [{ type: 'near_store', storeId, km: -1 }] } });
    assert.equal(bad.status, 400);
    const unknownStore = await server().request('POST', '/v1/admin/segments/preview', { token: t, body: { rules: [{ type: 'near_store', storeId: '00000000-0000-4000-8000-000000000000', km: 5 }] } });
    assert.equal(unknownStore.status, 400);
    const dup = await server().request('POST', '/v1/admin/segments', { token: t, body: { name: 'Email OK', rules } });
    assert.equal(dup.status, 409);
    const claimed = await server().request('POST', '/v1/admin/segments/preview', { token: t, body: { rules: [{ type: 'claimed_not_redeemed' }, { type: 'tier', tier: 'gold' }] } });
    assert.equal(claimed.body.count, 0);
  });
});
