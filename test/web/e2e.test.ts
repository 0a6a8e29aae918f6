import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { englishLeftovers, rawKeys, LOCALES, startWebHarness, type WebHarness } from './browser.ts';
import { DEMO } from '../../src/demo/seed.ts';
import { associateHandsOver, associateReadiesOrder, settled, shopperOrdersForPickup } from './flows.ts';

let h: WebHarness;
before(async () => { h = await startWebHarness(); });
after(async () => { await h?.close(); });

async function signInStaff(page: Page, app: 'staff' | 'admin') {
  const owner = DEMO.credentials[0];
  await page.goto(`/${app}`);
  await page.getByLabel(/email|ایمیل|البريد|почта|e-mel|อีเมล/i).first().fill(owner.email);
  await page.locator('input[type="password"]').fill(owner.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForFunction(() => !document.querySelector('input[type="password"]'));
}

describe('web apps in the browser', () => {
  test('a shopper finds a product in stock nearby, checks out for pickup, and sees the code once the store has it ready; the associate hands it over by code', async () => {
    const shopper = await shopperOrdersForPickup(h);
    const staff = await associateReadiesOrder(h, shopper.orderNumber);
    await shopper.page.reload();
    await settled(shopper.page);
    const code = (await shopper.page.getByTestId('pickup-code').innerText()).trim();
    assert.match(code, /^[A-Z0-9-]{4,20}$/);
    assert.ok(await shopper.page.getByRole('img', { name: /QR code for pickup code/ }).isVisible());
    await h.shot(shopper.page, 'storefront-order-ready-en');
    await associateHandsOver(h, staff, code);
    await shopper.page.reload();
    await settled(shopper.page);
    assert.match(await shopper.page.locator('main').innerText(), /Picked up/);
    await shopper.page.context().close();
    await staff.context().close();
  });

  test('the storefront first page loads under 200 KB of gzipped JavaScript', async () => {
    const ctx = await h.context('en');
    const page = await ctx.newPage();
    let jsBytes = 0;
    const encodings = new Set<string>();
    page.on('requestfinished', async (req) => {
      if (req.resourceType() !== 'script') return;
      const res = await req.response();
      encodings.add(res?.headers()['content-encoding'] ?? 'identity');
      jsBytes += (await req.sizes()).responseBodySize;
    });
    await page.goto('/');
    await settled(page);
    console.log(`storefront first page: ${(jsBytes / 1024).toFixed(1)} KB of JavaScript over the wire (${[...encodings].join(', ')})`);
    assert.ok(jsBytes > 10_000, 'scripts were measured');
    assert.ok(jsBytes < 200 * 1024, `first page JavaScript is ${jsBytes} bytes`);
    assert.ok(encodings.has('br') || encodings.has('gzip'), 'scripts are sent compressed');
    await ctx.close();
  });

  test('the storefront renders right-to-left in Arabic, with a mirrored layout and Arabic-Indic digits', async () => {
    const ctx = await h.context('ar');
    const page = await ctx.newPage();
    await page.goto('/');
    await settled(page);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    const bar = (await page.locator('header.topbar').boundingBox())!;
    const brand = (await page.locator('header.topbar .brand').boundingBox())!;
    assert.ok(brand.x + brand.width > bar.x + bar.width * 0.7, 'the brand sits at the right-hand start of the bar');
    await h.shot(page, 'storefront-rtl-ar');
    await ctx.close();
  });

  test('the browser language is honoured first, and the language switcher is remembered', async () => {
    const ctx = await h.context('ru');
    const page = await ctx.newPage();
    await page.goto('/');
    await settled(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    await page.locator('.lang-switch select').selectOption('th');
    await page.waitForFunction(() => document.documentElement.lang === 'th');
    await page.reload();
    await settled(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'th');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    await ctx.close();
  });

  test('a failed request shows a message and a Retry that recovers, never a blank page', async () => {
    const ctx = await h.context('en');
    const page = await ctx.newPage();
    let failures = 1;
    await page.route('**/v1/shop/*/stores*', (route) => (failures-- > 0 ? route.abort('internetdisconnected') : route.fallback()));
    await page.goto('/stores');
    const alert = page.getByRole('alert').filter({ hasText: /could not reach the server/ });
    await alert.waitFor();
    await h.shot(page, 'storefront-error-retry-en');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Stores' }).waitFor();
    await settled(page);
    assert.equal(await page.getByRole('alert').filter({ hasText: /could not reach/ }).count(), 0);
    await ctx.close();
  });

  test('main screens in every language: screenshots, and no English left on a translated screen', async () => {
    const screens: { app: 'storefront' | 'staff' | 'admin'; path: string; name: string; signIn?: boolean }[] = [
      { app: 'storefront', path: '/', name: 'storefront-home' },
      { app: 'storefront', path: '/stores', name: 'storefront-stores' },
      { app: 'storefront', path: '/cart', name: 'storefront-cart' },
      { app: 'storefront', path: '/account', name: 'storefront-account' },
      { app: 'storefront', path: '/offers', name: 'storefront-offers' },
      { app: 'staff', path: '/staff', name: 'staff-signin' },
      { app: 'staff', path: '/staff/queue', name: 'staff-queue', signIn: true },
      { app: 'admin', path: '/admin', name: 'admin-signin' },
      { app: 'admin', path: '/admin/analytics', name: 'admin-analytics', signIn: true },
      { app: 'admin', path: '/admin/campaigns', name: 'admin-campaigns', signIn: true },
    ];
    for (const locale of LOCALES) {
      const ctx = await h.context(locale);
      const page = await ctx.newPage();
      for (const s of screens) {
        if (s.signIn && !(await page.evaluate((k) => localStorage.getItem(k), `footfall.${s.app}.session`))) await signInStaff(page, s.app as 'staff' | 'admin');
        await page.goto(s.path);
        await settled(page);
        await h.shot(page, `${s.name}-${locale}`);
        if (locale !== 'en') {
          const text = await page.locator('body').innerText();
          assert.deepEqual(await englishLeftovers(s.app, locale, text), [], `${s.name} in ${locale}`);
        }
        assert.deepEqual(await rawKeys(s.app, await page.locator('body').innerText()), [], `${s.name} in ${locale} shows message keys`);
      }
      await ctx.close();
    }
  });
});
