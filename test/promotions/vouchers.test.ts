import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TEST_CARDS } from '../../src/payments/test-provider.ts';
import { createTestMerchant } from '../support/fixtures.ts';
import { describeEachBackend } from '../support/suite.ts';
import { activeCampaign, signedInCustomer, storeWithPosKey } from './fixtures.ts';

const card = (number: string) => ({ number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' });

describeEachBackend('prepaid vouchers', (server) => {
  it('sells a voucher online, redeems it at the till, and shows what each store is owed', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const till = await storeWithPosKey(s, m);
    const c = await activeCampaign(s, m.ownerToken, { name: 'Dinner deals', channels: ['web'] });
    const product = await s.request('POST', `/v1/admin/campaigns/${c.campaignId}/voucher-products`, {
      token: m.ownerToken, body: { title: 'Dinner for two', priceMinor: 7_000, valueMinor: 10_000, settleMinor: 6_500, validDays: 30, stock: 2 },
    });
    assert.equal(product.status, 201, product.text);
    const listed = await s.request('GET', `/v1/shop/${m.slug}/vouchers`);
    assert.deepEqual(listed.body.items.map((p: any) => [p.title, p.remaining]), [['Dinner for two', 2]]);

    const declined = await s.request('POST', `/v1/shop/${m.slug}/vouchers/${product.body.id}/purchase`, { body: { email: 'a@example.com', card: card(TEST_CARDS.declined) } });
    assert.equal(declined.status, 402);
    const shopper = await signedInCustomer(s, m.id);
    const bought = await s.request('POST', `/v1/shop/${m.slug}/vouchers/${product.body.id}/purchase`, { token: shopper.token, body: { card: card(TEST_CARDS.approved) } });
    assert.equal(bought.status, 201, bought.text);
    const guest = await s.request('POST', `/v1/shop/${m.slug}/vouchers/${product.body.id}/purchase`, { body: { email: 'b@example.com', card: card(TEST_CARDS.approved) } });
    assert.equal(guest.status, 201);
    const soldOut = await s.request('POST', `/v1/shop/${m.slug}/vouchers/${product.body.id}/purchase`, { body: { email: 'c@example.com', card: card(TEST_CARDS.approved) } });
    assert.equal(soldOut.status, 409);
    const wallet = await s.request('GET', `/v1/shop/${m.slug}/wallet`, { token: shopper.token });
    assert.equal(wallet.body.items[0].code, bought.body.code);
    const mails = await s.platform.ctx.db.selectFrom('messages').select('recipient').where('merchant_id', '=', m.id).where('template', '=', 'promotions.voucher_purchased').execute();
    assert.equal(mails.length, 2);

    const redeem = (code: string) => s.request('POST', '/v1/pos/redemptions', { token: till.posKey, body: { code, lines: [{ quantity: 1, unitPriceMinor: 12_000 }], saleRef: 'T-9' } });
    const r = await redeem(bought.body.code);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.redemption.discountMinor, 10_000);
    assert.equal((await redeem(bought.body.code)).body.reason, 'already_redeemed');
    const settlement = await s.request('GET', '/v1/admin/vouchers/settlement', { token: m.ownerToken });
    assert.deepEqual(settlement.body.stores.map((x: any) => [x.storeId, x.vouchers, x.owedMinor]), [[till.storeId, 1, 6_500]]);
    assert.deepEqual(settlement.body.outstanding.map((x: any) => [x.vouchers, x.soldMinor]), [[1, 7_000]]);

    // Voiding the sale at the till puts the voucher back in play.
    await s.request('POST', `/v1/pos/redemptions/${r.body.redemption.id}/void`, { token: till.posKey, body: { reason: 'sale cancelled' } });
    const after = await s.request('GET', '/v1/admin/vouchers/settlement', { token: m.ownerToken });
    assert.equal(after.body.stores.length, 0);
  });

  it('refunds or expires unredeemed vouchers per policy', async () => {
    const s = server();
    const m = await createTestMerchant(s);
    const till = await storeWithPosKey(s, m);
    const c = await activeCampaign(s, m.ownerToken, { channels: ['web'] });
    const mk = async (expiryPolicy: string) => (await s.request('POST', `/v1/admin/campaigns/${c.campaignId}/voucher-products`, {
      token: m.ownerToken, body: { title: `Spa ${expiryPolicy}`, priceMinor: 5_000, valueMinor: 8_000, settleMinor: 4_000, validDays: 1, expiryPolicy },
    })).body;
    const refundable = await mk('refund');
    const lapsing = await mk('expire');
    const buy = async (id: string) => (await s.request('POST', `/v1/shop/${m.slug}/vouchers/${id}/purchase`, { body: { email: 'x@example.com', card: card(TEST_CARDS.approved) } })).body;
    const a = await buy(refundable.id);
    const b = await buy(lapsing.id);
    const db = s.platform.ctx.db;
    await db.updateTable('vouchers').set({ expires_at: new Date(Date.now() - 1000) }).where('merchant_id', '=', m.id).execute();
    await s.platform.workers.tick();
    const states = await db.selectFrom('vouchers').select(['id', 'status']).where('merchant_id', '=', m.id).execute();
    assert.deepEqual(Object.fromEntries(states.map((v) => [v.id, v.status])), { [a.voucherId]: 'refunded', [b.voucherId]: 'expired' });
    const charge = await db.selectFrom('test_provider_charges').select(['refunded_minor']).where('id', '=', a.paymentRef).executeTakeFirstOrThrow();
    assert.equal(charge.refunded_minor, 5_000);
    const r = await s.request('POST', '/v1/pos/redemptions', { token: till.posKey, body: { code: a.code, lines: [{ quantity: 1, unitPriceMinor: 9_000 }] } });
    assert.equal(r.status, 422);
    assert.equal(r.body.reason, 'code_disabled');
  });
});
