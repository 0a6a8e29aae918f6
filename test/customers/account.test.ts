import assert from 'node:assert/strict';
import { it } from 'node:test';
import { resolveCustomer } from '../../src/customers/identity.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant, type TestMerchant } from '../support/fixtures.ts';

describeEachBackend('Shopper accounts', (server) => {
  let m: TestMerchant;
  const shop = (path: string) => `/v1/shop/${m.slug}${path}`;

  it('registers, signs in and shows the profile; the password is stored as a scrypt hash', async () => {
    m = await createTestMerchant(server());
    const reg = await server().request('POST', shop('/auth/register'), { body: { email: 'Nadia@Example.com', password: 'pickup-at-klcc', name: 'Nadia', locale: 'ar' } });
    assert.equal(reg.status, 201);
    assert.equal(reg.body.customer.email, 'nadia@example.com');
    assert.equal(reg.body.customer.locale, 'ar');
    const me = await server().request('GET', shop('/me'), { token: reg.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.name, 'Nadia');
    const stored = await server().platform.ctx.db.selectFrom('customers').select('password_hash').where('id', '=', reg.body.customer.id).executeTakeFirstOrThrow();
    assert.match(stored.password_hash!, /^scrypt\$/);
    assert.ok(!stored.password_hash!.includes('pickup-at-klcc'));

    const login = await server().request('POST', shop('/auth/login'), { body: { email: 'NADIA@example.com', password: 'pickup-at-klcc' } });
    assert.equal(login.status, 200);
    assert.equal(login.body.customer.id, reg.body.customer.id);
    assert.equal((await server().request('GET', shop('/me'), { token: login.body.token })).body.id, reg.body.customer.id);

    await server().platform.workers.tick();
    const mail = await server().request('GET', '/v1/admin/mailbox?recipient=nadia@example.com&template=account.welcome', { token: m.ownerToken });
    assert.equal(mail.body.total, 1);
    assert.equal(mail.body.items[0].subject, `مرحبًا بك في Shop ${m.slug}`, 'welcome mail in the shopper locale');
  });

  it('refuses a second account for the same email, short passwords and bad input with 4xx', async () => {
    const dup = await server().request('POST', shop('/auth/register'), { body: { email: 'nadia@example.com', password: 'another-one', name: 'N2' } });
    assert.equal(dup.status, 409);
    const short = await server().request('POST', shop('/auth/register'), { body: { email: 'x@example.com', password: 'short', name: 'X' } });
    assert.equal(short.status, 400);
    const noEmail = await server().request('POST', shop('/auth/register'), { body: { email: 'not-an-email', password: 'long-enough', name: 'X' } });
    assert.equal(noEmail.status, 400);
    const badLocale = await server().request('POST', shop('/auth/register'), { body: { email: 'y@example.com', password: 'long-enough', name: 'Y', locale: 'de' } });
    assert.equal(badLocale.status, 400);
    assert.equal((await server().request('GET', shop('/me'))).status, 401);
    assert.equal((await server().request('POST', '/v1/shop/no-such-shop/auth/login', { body: { email: 'a@b.co', password: 'x' } })).status, 404);
  });

  it('claims a guest customer with the same email instead of duplicating it', async () => {
    const { db } = server().platform.ctx;
    // A shopper first seen at the till, identified by email and phone.
    const guestId = await db.transaction().execute((trx) =>
      resolveCustomer(trx, m.id, { email: 'Walkin@Example.com', phone: '+60 12-222 2222' }, { kind: 'pos', source: 'pos', name: 'Walk-in' }));
    const reg = await server().request('POST', shop('/auth/register'), { body: { email: 'walkin@example.com', password: 'now-online-too', name: 'Farid', locale: 'ms' } });
    assert.equal(reg.status, 201);
    assert.equal(reg.body.customer.id, guestId);
    assert.equal(reg.body.customer.phone, '+60122222222');
    const rows = await db.selectFrom('customers').select('id').where('merchant_id', '=', m.id).where((eb) => eb.fn('lower', ['email']), '=', 'walkin@example.com').execute();
    assert.equal(rows.length, 1);
    const kind = await db.selectFrom('customers').select('kind').where('merchant_id', '=', m.id).where('id', '=', guestId!).executeTakeFirstOrThrow();
    assert.equal(kind.kind, 'registered');
    const login = await server().request('POST', shop('/auth/login'), { body: { email: 'WALKIN@example.com', password: 'now-online-too' } });
    assert.equal(login.body.customer.id, guestId);
  });

  it("keeps shops apart: a session is only valid at its own shop, and the email is free at another", async () => {
    const other = await createTestMerchant(server());
    const there = await server().request('POST', `/v1/shop/${other.slug}/auth/register`, { body: { email: 'nadia@example.com', password: 'different-shop', name: 'Nadia' } });
    assert.equal(there.status, 201);
    const cross = await server().request('GET', shop('/me'), { token: there.body.token });
    assert.equal(cross.status, 401);
    const wrongShopLogin = await server().request('POST', `/v1/shop/${other.slug}/auth/login`, { body: { email: 'nadia@example.com', password: 'pickup-at-klcc' } });
    assert.equal(wrongShopLogin.status, 401);
  });

  it('changes the password only with the current one', async () => {
    const reg = await server().request('POST', shop('/auth/register'), { body: { email: 'pw@example.com', password: 'first-password', name: 'P' } });
    const wrong = await server().request('POST', shop('/me/password'), { token: reg.body.token, body: { currentPassword: 'nope-nope', newPassword: 'second-password' } });
    assert.equal(wrong.status, 401);
    const ok = await server().request('POST', shop('/me/password'), { token: reg.body.token, body: { currentPassword: 'first-password', newPassword: 'second-password' } });
    assert.equal(ok.status, 204);
    assert.equal((await server().request('POST', shop('/auth/login'), { body: { email: 'pw@example.com', password: 'first-password' } })).status, 401);
    assert.equal((await server().request('POST', shop('/auth/login'), { body: { email: 'pw@example.com', password: 'second-password' } })).status, 200);
  });

  it('resets a forgotten password through an emailed link that works once, without revealing who has an account', async () => {
    const reg = await server().request('POST', shop('/auth/register'), { body: { email: 'forgot@example.com', password: 'lost-it-already', name: 'Dmitri', locale: 'ru' } });
    assert.equal(reg.status, 201);
    const asked = await server().request('POST', shop('/auth/password-reset'), { body: { email: 'Forgot@example.com' } });
    const unknown = await server().request('POST', shop('/auth/password-reset'), { body: { email: 'stranger@example.com' } });
    assert.equal(asked.status, 202);
    assert.deepEqual(unknown.body, asked.body);
    await server().platform.workers.tick();
    const mails = await server().request('GET', '/v1/admin/mailbox?template=account.password_reset', { token: m.ownerToken });
    assert.equal(mails.body.total, 1, 'no mail for an unknown email');
    assert.equal(mails.body.items[0].subject, `Сброс пароля в Shop ${m.slug}`);
    const mail = await server().request('GET', `/v1/admin/mailbox/${mails.body.items[0].id}`, { token: m.ownerToken });
    const token = decodeURIComponent(/[?&]token=([^\s&]+)/.exec(mail.body.body_text)![1]);

    assert.equal((await server().request('GET', shop('/me'), { token })).status, 401, 'a reset token is not a session');
    const reset = await server().request('POST', shop('/auth/password-reset/confirm'), { body: { token, newPassword: 'found-a-new-one' } });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.customer.id, reg.body.customer.id);
    assert.equal((await server().request('GET', shop('/me'), { token: reset.body.token })).status, 200);
    const reused = await server().request('POST', shop('/auth/password-reset/confirm'), { body: { token, newPassword: 'another-attempt' } });
    assert.equal(reused.status, 422);
    assert.equal((await server().request('POST', shop('/auth/login'), { body: { email: 'forgot@example.com', password: 'found-a-new-one' } })).status, 200);
    assert.equal((await server().request('POST', shop('/auth/login'), { body: { email: 'forgot@example.com', password: 'lost-it-already' } })).status, 401);
    const forged = await server().request('POST', shop('/auth/password-reset/confirm'), { body: { token: token.slice(0, -2) + 'xx', newPassword: 'forged-password' } });
    assert.equal(forged.status, 422);
  });

  it('answers wrong passwords with 401, then locks the account out with 429', async () => {
    await server().request('POST', shop('/auth/register'), { body: { email: 'target@example.com', password: 'the-right-one', name: 'T' } });
    const attempt = (password: string) => server().request('POST', shop('/auth/login'), { body: { email: 'target@example.com', password } });
    for (let i = 0; i < 5; i++) {
      const res = await attempt(`guess-${i}`);
      assert.equal(res.status, 401);
      assert.equal(res.body.type, 'https://footfall.dev/problems/invalid_credentials');
    }
    const locked = await attempt('the-right-one');
    assert.equal(locked.status, 429);
    assert.equal(locked.body.type, 'https://footfall.dev/problems/rate_limited');
    assert.ok(Number(locked.headers.get('retry-after')) > 60);
    const unknown = await server().request('POST', shop('/auth/login'), { body: { email: 'nobody@example.com', password: 'whatever' } });
    assert.equal(unknown.status, 401, 'other accounts are not locked');
  });
});

describeEachBackend('Shopper accounts under concurrent sign-ups', (server) => {
  it('creates exactly one account when the same email registers twice at once', async () => {
    const m = await createTestMerchant(server());
    const results = await Promise.all([0, 1, 2, 3].map((i) =>
      server().request('POST', `/v1/shop/${m.slug}/auth/register`, { body: { email: 'race@example.com', password: `password-${i}-long`, name: `R${i}` } })));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409]);
    const rows = await server().platform.ctx.db.selectFrom('customers').select('id').where('merchant_id', '=', m.id).execute();
    assert.equal(rows.length, 1);
  });
}, { only: ['postgres'] });
