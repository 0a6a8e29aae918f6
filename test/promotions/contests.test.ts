import assert from 'node:assert/strict';
import { it } from 'node:test';
import { drawWinners, sha256Hex } from '../../src/promotions/contests/contest-draw.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { activeCampaign, signedInCustomer } from './fixtures.ts';

describeEachBackend('contests and giveaways', (server) => {
  it('takes entries once each, draws fairly and reproducibly, and issues prize codes to the winners', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const c = await activeCampaign(s, m.ownerToken, { name: 'Giveaway', channels: ['contest', 'social'] }, { name: 'Free lamp', kind: 'amount_off', params: { amountMinor: 5_000 } });
    const created = await s.request('POST', `/v1/admin/campaigns/${c.campaignId}/contests`, { token: m.ownerToken, body: { name: 'Lamp giveaway', winnersCount: 3, offerId: c.offerId } });
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.seedCommitment, /^[0-9a-f]{64}$/);
    assert.equal(created.body.seed, undefined, 'the seed stays secret until the draw');
    const id = created.body.id;

    const link = await s.request('POST', `/v1/admin/campaigns/${c.campaignId}/links`, { token: m.ownerToken, body: { channel: 'social', source: 'tiktok' } });
    const click = await fetch(`${s.url}/l/${link.body.slug}?click_id=tt-777`, { redirect: 'manual' });
    assert.equal(click.status, 302);
    const people = [];
    for (let i = 0; i < 8; i++) people.push(await signedInCustomer(s, m.id));
    for (const [i, p] of people.entries()) {
      const body = i === 0 ? { method: 'link', clickId: 'tt-777' } : i % 2 ? { method: 'form', answers: { favourite: 'lamps' } } : { method: 'claim' };
      const r = await s.request('POST', `/v1/shop/${m.slug}/contests/${id}/entries`, { token: p.token, body });
      assert.equal(r.status, 201, r.text);
    }
    assert.equal((await s.request('POST', `/v1/shop/${m.slug}/contests/${id}/entries`, { token: people[1].token, body: { method: 'claim' } })).body.alreadyEntered, true);
    assert.equal((await s.request('POST', `/v1/shop/${m.slug}/contests/${id}/entries`, { token: people[2].token, body: { method: 'link', clickId: 'made-up' } })).status, 400);
    assert.equal((await s.request('GET', `/v1/shop/${m.slug}/contests/${id}`)).body.entrants, 8);

    const listed = await s.request('GET', `/v1/admin/campaigns/${c.campaignId}/contests`, { token: m.ownerToken });
    assert.deepEqual(listed.body.items.map((x: any) => [x.name, x.entrants, x.status]), [['Lamp giveaway', 8, 'open']]);
    const unknown = await s.request('GET', '/v1/admin/campaigns/00000000-0000-4000-8000-000000000000/contests', { token: m.ownerToken });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('content-type'), 'application/problem+json; charset=utf-8');

    const drawn = await s.request('POST', `/v1/admin/contests/${id}/draw`, { token: m.ownerToken });
    assert.equal(drawn.status, 200, drawn.text);
    assert.equal(drawn.body.winners.length, 3);
    assert.equal((await s.request('POST', `/v1/admin/contests/${id}/draw`, { token: m.ownerToken })).status, 409);
    assert.equal((await s.request('POST', `/v1/shop/${m.slug}/contests/${id}/entries`, { token: (await signedInCustomer(s, m.id)).token, body: { method: 'claim' } })).status, 409);

    const after = (await s.request('GET', `/v1/admin/campaigns/${c.campaignId}/contests`, { token: m.ownerToken })).body.items[0];
    assert.equal(after.status, 'drawn');
    assert.equal(after.winners.length, 3);

    // Anyone can check the commitment and re-run the draw from the published data.
    const audit = await s.request('GET', `/v1/shop/${m.slug}/contests/${id}/draw`);
    assert.equal(sha256Hex(audit.body.seed), created.body.seedCommitment);
    const rerun = drawWinners(audit.body.seed, audit.body.entrantIds, 3);
    assert.deepEqual(rerun.winners, audit.body.winners);
    assert.equal(rerun.entrantsHash, audit.body.entrantsHash);

    const winner = people.find((p) => p.id === audit.body.winners[0])!;
    const wallet = await s.request('GET', `/v1/shop/${m.slug}/wallet`, { token: winner.token });
    assert.equal(wallet.body.items.length, 1);
    assert.equal(wallet.body.items[0].state, 'usable');
    const mail = await s.platform.ctx.db.selectFrom('messages').select(['template', 'recipient']).where('merchant_id', '=', m.id).where('template', '=', 'promotions.contest_won').execute();
    assert.equal(mail.length, 3);
  });

  it('draws the same winners for the same seed and entrants, whatever their order, and others for another list', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const seed = 'ab'.repeat(32);
    const a = drawWinners(seed, ids, 5);
    const b = drawWinners(seed, [...ids].reverse(), 5);
    assert.deepEqual(a, b);
    assert.equal(new Set(a.winners).size, 5);
    assert.notDeepEqual(drawWinners(seed, ids.slice(1), 5).winners, a.winners);
  });
});
