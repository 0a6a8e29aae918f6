import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { customerToken } from './helpers.ts';

describeEachBackend('customer profiles, consent and privacy', (server) => {
  it('keeps a profile with demographics and consent history, for staff and for the shopper', async () => {
    const m = await createTestMerchant(server());
    const created = await server().request('POST', '/v1/admin/customers', {
      token: m.ownerToken,
      body: { name: 'Aisha', email: 'Aisha@Example.com', phone: '+60 12-345 6789', ageBand: '25_34', postcode: '59200', interests: ['Kitchen', 'kitchen', 'audio'], consents: { marketing_email: true }, loyaltyCard: 'card-0001' },
    });
    assert.equal(created.status, 201, created.text);
    const c = created.body;
    assert.equal(c.email, 'aisha@example.com');
    assert.equal(c.phone, '+60123456789');
    assert.deepEqual(c.interests, ['kitchen', 'audio']);
    assert.equal(c.consents.marketing_email, true);
    assert.equal(c.consents.marketing_sms, false);
    assert.ok(c.identities.some((i: any) => i.kind === 'loyalty_card' && i.value === 'CARD0001'));

    const dup = await server().request('POST', '/v1/admin/customers', { token: m.ownerToken, body: { email: 'aisha@example.com' } });
    assert.equal(dup.status, 409);

    const token = customerToken(server(), m.id, c.id);
    const mine = await server().request('GET', `/v1/shop/${m.slug}/me/profile`, { token });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.id, c.id);
    const withdraw = await server().request('PUT', `/v1/shop/${m.slug}/me/consents`, { token, body: { consents: { marketing_email: false, location: true } } });
    assert.equal(withdraw.status, 200, withdraw.text);
    assert.equal(withdraw.body.current.marketing_email, false);
    assert.equal(withdraw.body.current.location, true);
    assert.deepEqual(withdraw.body.history.map((h: any) => [h.purpose, h.granted]), [['marketing_email', true], ['marketing_email', false], ['location', true]]);
    const bad = await server().request('PUT', `/v1/shop/${m.slug}/me/consents`, { token, body: { consents: { telepathy: true } } });
    assert.equal(bad.status, 400);
    const anon = await server().request('GET', `/v1/shop/${m.slug}/me/profile`);
    assert.equal(anon.status, 401);

    const found = await server().request('GET', '/v1/admin/customers?q=CARD0001', { token: m.ownerToken });
    assert.deepEqual(found.body.items.map((x: any) => x.id), [c.id]);
  });

  it('merges a duplicate, moving identities and consents, with an audit record', async () => {
    const m = await createTestMerchant(server());
    const a = (await server().request('POST', '/v1/admin/customers', { token: m.ownerToken, body: { name: 'Wei', email: 'wei@example.com' } })).body;
    const b = (await server().request('POST', '/v1/admin/customers', { token: m.ownerToken, body: { phone: '+60111111111', postcode: '50450', consents: { marketing_sms: true } } })).body;
    const merged = await server().request('POST', `/v1/admin/customers/${a.id}/merge`, { token: m.ownerToken, body: { duplicateId: b.id } });
    assert.equal(merged.status, 200, merged.text);
    assert.equal(merged.body.customer.phone, '+60111111111');
    assert.equal(merged.body.customer.postcode, '50450');
    assert.equal(merged.body.customer.consents.marketing_sms, true);
    assert.ok(merged.body.customer.identities.some((i: any) => i.kind === 'phone'));
    const old = await server().request('GET', `/v1/admin/customers/${b.id}`, { token: m.ownerToken });
    assert.equal(old.body.mergedInto, a.id);
    const again = await server().request('POST', `/v1/admin/customers/${a.id}/merge`, { token: m.ownerToken, body: { duplicateId: b.id } });
    assert.equal(again.status, 409);
    const log = await server().platform.ctx.db.selectFrom('audit_log').select('action').where('merchant_id', '=', m.id).where('action', '=', 'customer.merged').execute();
    assert.equal(log.length, 1);
  });

  it('exports everything and erases the person on request', async () => {
    const m = await createTestMerchant(server());
    const c = (await server().request('POST', '/v1/admin/customers', { token: m.ownerToken, body: { name: 'Ivan', email: 'ivan@example.com', consents: { marketing_email: true } } })).body;
    const token = customerToken(server(), m.id, c.id);
    const exported = await server().request('GET', `/v1/shop/${m.slug}/me/export`, { token });
    assert.equal(exported.status, 200);
    assert.equal(exported.body.profile.email, 'ivan@example.com');
    assert.equal(exported.body.consentHistory.length, 1);
    const erased = await server().request('POST', `/v1/shop/${m.slug}/me/erase`, { token });
    assert.equal(erased.status, 200, erased.text);
    const after = await server().request('GET', `/v1/admin/customers/${c.id}`, { token: m.ownerToken });
    assert.equal(after.body.email, null);
    assert.equal(after.body.name, '');
    assert.equal(after.body.anonymised, true);
    assert.deepEqual(after.body.identities, []);
    assert.equal(after.body.consents.marketing_email, false);
    // The email is free again for a new person.
    const fresh = await server().request('POST', '/v1/admin/customers', { token: m.ownerToken, body: { email: 'ivan@example.com' } });
    assert.equal(fresh.status, 201);
  });
});
