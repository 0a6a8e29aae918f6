// The end-to-end journeys, as a shopper, an associate and an admin would click through them.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO } from '../../src/demo/seed.ts';
import type { WebHarness } from './browser.ts';

export const KLCC = { latitude: 3.1579, longitude: 101.7123 };
export const STAFF_PASSWORD = DEMO.credentials.find((c) => c.email.startsWith('associate.klcc'))?.password ?? 'footfall-demo';

export async function settled(page: Page) {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => document.querySelector('#root')?.children.length && !document.querySelector('.boot, .loading, [aria-busy="true"]'), undefined, { timeout: 15_000 });
}

export async function signInStaff(page: Page, app: 'staff' | 'admin', email: string, password: string) {
  await page.goto(`/${app}`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForFunction(() => !document.querySelector('input[type="password"]'));
  await settled(page);
}

/** A shopper near Suria KLCC finds an air fryer in stock nearby and orders it for pickup there. */
export async function shopperOrdersForPickup(h: WebHarness): Promise<{ page: Page; orderUrl: string; orderNumber: string }> {
  const ctx = await h.context('en', { geolocation: KLCC });
  const page = await ctx.newPage();
  await page.goto('/');
  await settled(page);
  await page.getByRole('searchbox', { name: 'Search products' }).fill('air fryer');
  await page.getByRole('button', { name: 'Search', exact: true }).first().click();
  await page.locator('.product-card').first().click();
  await page.getByRole('button', { name: 'Use my location' }).click();
  const nearby = page.getByTestId('stock-nearby');
  await nearby.waitFor();
  const first = nearby.locator('li').first();
  assert.match(await first.innerText(), /Brightline Suria KLCC[\s\S]*m away[\s\S]*in stock[\s\S]*(Open now|Closed)/);
  await h.shot(page, 'storefront-product-en');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText('Added to your cart.').waitFor();
  await page.getByRole('link', { name: 'Go to cart' }).click();
  await settled(page);
  const klcc = page.getByRole('radio', { name: /Brightline Suria KLCC/ });
  await klcc.click();
  await klcc.and(page.locator(':checked')).waitFor(); // checked once the server has the choice
  await page.getByLabel('Full name').fill('Aisha Rahman');
  await page.getByLabel('Email').fill('aisha@example.com');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry').fill('12/30');
  await page.getByLabel('Security code').fill('123');
  await h.shot(page, 'storefront-checkout-en');
  await page.getByRole('button', { name: /Place order and pay/ }).click();
  await page.waitForURL(/\/orders\//);
  await settled(page);
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  const orderNumber = heading.replace('Order ', '').trim();
  assert.match(await page.locator('main').innerText(), /Pickup at Brightline Suria KLCC/);
  return { page, orderUrl: page.url(), orderNumber };
}

/** The KLCC associate accepts, picks and readies the order from the queue. */
export async function associateReadiesOrder(h: WebHarness, orderNumber: string): Promise<Page> {
  const ctx = await h.context('en');
  const page = await ctx.newPage();
  await signInStaff(page, 'staff', 'associate.klcc@brightline.example', STAFF_PASSWORD);
  await page.goto('/staff/queue');
  await settled(page);
  assert.ok(Number(await page.getByTestId('count-new').innerText()) >= 1, 'the new order is counted');
  await h.shot(page, 'staff-queue-en');
  await page.getByRole('link', { name: orderNumber }).click();
  await settled(page);
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.getByRole('button', { name: 'Start picking' }).click();
  await page.getByRole('region', { name: 'Pick list' }).waitFor();
  await h.shot(page, 'staff-pick-list-en');
  await page.getByRole('button', { name: 'Mark ready for pickup' }).click();
  await page.getByText('Ready for pickup').first().waitFor();
  return page;
}

/** At the counter the associate types the shopper's code and hands the order over. */
export async function associateHandsOver(h: WebHarness, page: Page, code: string) {
  await page.goto('/staff/handover');
  await settled(page);
  await page.getByLabel('Pickup code').fill(code);
  await page.getByRole('button', { name: 'Find order' }).click();
  await page.getByRole('button', { name: 'Hand over' }).click();
  await page.getByText('Picked up').first().waitFor();
  await h.shot(page, 'staff-handover-en');
}
