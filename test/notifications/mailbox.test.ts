import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { queueMessage } from '../../src/notifications/notification.service.ts';
import { LOCALES, renderTemplate, templates } from '../../src/notifications/templates.ts';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant, type TestMerchant } from '../support/fixtures.ts';
import type { TestServer } from '../support/server.ts';
import { Receiver } from '../webhooks/receiver.ts';
import { startFakeSmtp } from './fake-smtp.ts';

const queue = (server: TestServer, merchantId: string, msg: Parameters<typeof queueMessage>[2]) =>
  server.platform.ctx.db.transaction().execute((trx) => queueMessage(trx, merchantId, msg));

describe('Message templates', () => {
  it('every registered template is written in all six locales', () => {
    for (const [name, template] of Object.entries(templates)) {
      for (const locale of LOCALES) assert.equal(typeof template[locale], 'function', `${name} lacks ${locale}`);
    }
  });

  it('renders the platform templates in each locale in its own words', () => {
    const samples: Record<string, Record<string, unknown>> = {
      'account.welcome': { name: 'Aisha', shop: 'Brightline', email: 'a@x.example' },
      'account.password_reset': { name: 'Aisha', shop: 'Brightline', link: 'https://shop.example/r?t=1', minutes: 60 },
      'notification.test': { shop: 'Brightline' },
    };
    for (const [name, data] of Object.entries(samples)) {
      const subjects = new Set<string>();
      for (const locale of LOCALES) {
        const r = renderTemplate(name, locale, data);
        assert.ok(r.subject.includes('Brightline') && r.text.includes('Brightline'), `${name}/${locale}`);
        assert.doesNotMatch(r.text, /undefined/, `${name}/${locale} uses only its data`);
        subjects.add(r.subject);
      }
      assert.equal(subjects.size, LOCALES.length, `${name}: every locale has its own subject`);
    }
    assert.match(renderTemplate('account.password_reset', 'fa', samples['account.password_reset']).text, /https:\/\/shop\.example\/r\?t=1/);
  });

  it('escapes data in the HTML body and writes Persian and Arabic right to left', () => {
    const fa = renderTemplate('account.welcome', 'fa', { name: '<b>x</b>', shop: 'S', email: 'e' });
    assert.match(fa.html!, /dir="rtl"/);
    assert.match(fa.html!, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.match(renderTemplate('account.welcome', 'th', { name: 'n', shop: 'S', email: 'e' }).html!, /dir="ltr"/);
  });
});

describeEachBackend('Local mailbox (no providers configured)', (server) => {
  let m: TestMerchant;

  it('keeps a queued message in the mailbox once the sender runs, rendered in the recipient locale', async () => {
    m = await createTestMerchant(server());
    const id = await queue(server(), m.id, {
      channel: 'email', to: 'Somchai@Example.com', template: 'account.welcome', locale: 'th',
      data: { name: 'Somchai', shop: 'Brightline', email: 'somchai@example.com' }, related: { type: 'customer', id: 'c-1' },
    });
    const before = await server().request('GET', `/v1/admin/mailbox/${id}`, { token: m.ownerToken });
    assert.equal(before.body.status, 'queued');
    await server().platform.workers.tick();

    const list = await server().request('GET', '/v1/admin/mailbox?recipient=somchai@example.com', { token: m.ownerToken });
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 1);
    const [item] = list.body.items;
    assert.equal(item.status, 'stored');
    assert.equal(item.provider, null);
    assert.equal(item.subject, 'ยินดีต้อนรับสู่ Brightline');
    assert.ok(item.sent_at);
    const full = await server().request('GET', `/v1/admin/mailbox/${id}`, { token: m.ownerToken });
    assert.match(full.body.body_text, /บัญชี Brightline ของคุณพร้อมใช้งานแล้ว/);
    assert.match(full.body.body_html, /lang="th"/);
    assert.equal(full.body.related_id, 'c-1');
  });

  it('filters by channel, template and recipient, pages, and hides other merchants', async () => {
    const sms = await server().request('POST', '/v1/admin/mailbox/test', { token: m.ownerToken, body: { channel: 'sms', to: '+60123456789', locale: 'ru' } });
    assert.equal(sms.status, 202);
    assert.equal(sms.body.status, 'queued');
    assert.equal(sms.body.subject, null);
    await server().request('POST', '/v1/admin/mailbox/test', { token: m.ownerToken, body: { channel: 'email', to: 'ops@example.com', locale: 'ar' } });
    await server().platform.workers.tick();

    const smsOnly = await server().request('GET', '/v1/admin/mailbox?channel=sms', { token: m.ownerToken });
    assert.equal(smsOnly.body.total, 1);
    assert.equal(smsOnly.body.items[0].status, 'stored');
    const smsBody = await server().request('GET', `/v1/admin/mailbox/${sms.body.id}`, { token: m.ownerToken });
    assert.match(smsBody.body.body_text, /^Это тестовое сообщение от Shop /);
    const tests = await server().request('GET', '/v1/admin/mailbox?template=notification.test&limit=1', { token: m.ownerToken });
    assert.equal(tests.body.total, 2);
    assert.equal(tests.body.items.length, 1);
    assert.equal(tests.body.items[0].subject, `رسالة تجريبية من Shop ${m.slug}`, 'newest first');
    const page2 = await server().request('GET', '/v1/admin/mailbox?template=notification.test&limit=1&offset=1', { token: m.ownerToken });
    assert.equal(page2.body.items[0].id, sms.body.id);

    const bad = await server().request('POST', '/v1/admin/mailbox/test', { token: m.ownerToken, body: { channel: 'sms', to: '0123' } });
    assert.equal(bad.status, 400);
    const other = await createTestMerchant(server());
    assert.equal((await server().request('GET', '/v1/admin/mailbox', { token: other.ownerToken })).body.total, 0);
    assert.equal((await server().request('GET', `/v1/admin/mailbox/${sms.body.id}`, { token: other.ownerToken })).status, 404);
    assert.equal((await server().request('GET', '/v1/admin/mailbox')).status, 401);
  });
});

const smtp = await startFakeSmtp();
const gateway = await Receiver.reservePort();
after(async () => { await smtp.close(); await gateway.down(); });

describeEachBackend('Email over SMTP and SMS through a gateway', (server) => {
  it('sends email through SMTP and retries SMS until the gateway is back', async () => {
    const m = await createTestMerchant(server());
    await queue(server(), m.id, { channel: 'email', to: 'amir@example.com', template: 'account.welcome', locale: 'ms', data: { name: 'Amir', shop: 'Brightline', email: 'amir@example.com' } });
    const smsId = await queue(server(), m.id, { channel: 'sms', to: '+60111111111', template: 'notification.test', locale: 'en', data: { shop: 'Brightline' } });
    await gateway.down();
    await server().platform.workers.tick();

    const email = (await server().request('GET', '/v1/admin/mailbox?channel=email', { token: m.ownerToken })).body.items[0];
    assert.equal(email.status, 'sent');
    assert.equal(email.provider, 'smtp');
    const raw = smtp.messages.find((x) => x.includes('amir@example.com'));
    assert.ok(raw, 'the SMTP server received the mail');
    assert.match(raw, /Subject: Selamat datang ke Brightline/);

    let sms = (await server().request('GET', `/v1/admin/mailbox/${smsId}`, { token: m.ownerToken })).body;
    assert.equal(sms.status, 'queued');
    assert.equal(sms.attempts, 1);
    assert.match(sms.error, /sms-gateway/);
    await gateway.up(200);
    for (let i = 0; i < 50 && sms.status === 'queued'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await server().platform.workers.tick();
      sms = (await server().request('GET', `/v1/admin/mailbox/${smsId}`, { token: m.ownerToken })).body;
    }
    assert.equal(sms.status, 'sent');
    assert.equal(sms.provider, 'sms-gateway');
    assert.equal(sms.error, null);
    assert.deepEqual(JSON.parse(gateway.received.at(-1)!.body), { to: '+60111111111', text: sms.body_text });
  });
}, { config: { smtpUrl: smtp.url, smsGatewayUrl: gateway.url, messageRetryBaseMs: 5 } });
