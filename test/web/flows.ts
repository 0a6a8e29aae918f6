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
  // The shopper holds the item while typing card details: nobody else can take it meanwhile.
  await page.getByRole('button', { name: 'Hold these items for me' }).click();
  assert.match(await page.getByTestId('hold').innerText(), /Held for you at this store until \d{1,2}:\d\d/);
  // One more unit is not covered by the hold, so the shopper is offered a new one; back to one, it covers again.
  const quantity = page.getByLabel(/^Quantity of /);
  await quantity.fill('2');
  await page.getByRole('button', { name: 'Hold these items for me' }).waitFor();
  await quantity.fill('1');
  await page.getByTestId('hold').waitFor();
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

/** At another store (Mid Valley) an associate finds the collected order by the number on its receipt and takes it back, refunded to the card. */
export async function associateTakesBackElsewhere(h: WebHarness, orderNumber: string) {
  const ctx = await h.context('en');
  const page = await ctx.newPage();
  await signInStaff(page, 'staff', 'associate.mv@brightline.example', STAFF_PASSWORD);
  await page.goto('/staff/returns');
  await settled(page);
  await page.getByLabel('Order number').fill(orderNumber.toLowerCase());
  await page.getByRole('button', { name: 'Find order' }).click();
  await page.getByText(`Order ${orderNumber}`).waitFor();
  await page.getByLabel('Quantity').first().fill('1');
  await page.getByLabel('Original payment').check();
  await page.getByRole('button', { name: 'Take back and refund' }).click();
  await page.getByRole('status').getByText(/Returned: .* refunded to Original payment/).waitFor();
  await h.shot(page, 'staff-return-elsewhere-en');
  await ctx.close();
}

/** The merchant runs a campaign with an amount-off offer and an email tracking link (set up through the admin API). */
export async function campaignWithLink(h: WebHarness, ownerToken: string) {
  const r = (method: string, path: string, body?: unknown) => h.server.request(method, path, { token: ownerToken, body });
  const name = `Walk-in week ${Date.now().toString(36)}`;
  const campaign = (await r('POST', '/v1/admin/campaigns', { name, goal: 'footfall', channels: ['email'], currency: 'MYR', costMinor: 50_000, holdoutBp: 0 })).body;
  assert.ok(campaign.id, JSON.stringify(campaign));
  const offer = (await r('POST', `/v1/admin/campaigns/${campaign.id}/offers`, { name: 'RM 20 off', kind: 'amount_off', params: { amountMinor: 2_000 }, conditions: { channel: 'both' } })).body;
  assert.ok(offer.id, JSON.stringify(offer));
  assert.equal((await r('POST', `/v1/admin/campaigns/${campaign.id}/transition`, { to: 'active' })).status, 200);
  const link = (await r('POST', `/v1/admin/campaigns/${campaign.id}/links`, { channel: 'email', source: 'newsletter' })).body;
  assert.ok(link.slug, JSON.stringify(link));
  return { id: campaign.id as string, name, slug: link.slug as string };
}

/** A shopper follows the tracking link, signs up on the landing page and claims the offer into the wallet. */
export async function shopperClaimsFromLink(h: WebHarness, slug: string): Promise<string> {
  const ctx = await h.context('en');
  const page = await ctx.newPage();
  await page.goto(`/l/${slug}`);
  await page.waitForURL(/\/offers\/[0-9a-f-]{36}\?/);
  await settled(page);
  await page.getByRole('button', { name: 'New here? Create an account' }).click();
  await page.getByLabel('Full name').fill('Farid Hakim');
  await page.getByLabel('Email').fill(`farid.${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Claim the offer' }).click();
  const code = (await page.getByTestId('claimed-code').innerText()).trim();
  await h.shot(page, 'storefront-offer-claimed-en');
  await page.goto('/account/wallet');
  await settled(page);
  await page.getByText(code).first().waitFor();
  await h.shot(page, 'storefront-wallet-en');
  await ctx.close();
  return code;
}

/** The associate rings up an air fryer, checks the shopper's code and redeems it once. */
export async function associateRedeemsAtCounter(h: WebHarness, staffSession: unknown, code: string) {
  const ctx = await h.context('en');
  await ctx.addInitScript(`localStorage.setItem('footfall.staff.session', ${JSON.stringify(JSON.stringify(staffSession))});`);
  const page = await ctx.newPage();
  await page.goto('/staff/counter');
  await settled(page);
  await page.getByLabel('Add item by SKU or barcode').fill('BL-AIRFRY-0050');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('cell', { name: 'BL-AIRFRY-0050' }).waitFor();
  await page.getByLabel('Coupon or voucher code').fill(code);
  await page.getByRole('button', { name: 'Check code' }).click();
  await page.getByTestId('code-valid').waitFor();
  await page.getByRole('button', { name: 'Redeem', exact: true }).click();
  assert.match(await page.getByTestId('redeemed').innerText(), new RegExp(`Redeemed ${code}`));
  await page.getByLabel('Paid by').selectOption('card');
  await page.getByRole('button', { name: 'Complete sale' }).click();
  assert.match(await page.getByTestId('sale-recorded').innerText(), /Sale recorded: MYR\s379\.00/);
  await h.shot(page, 'staff-counter-redeemed-en');
  await ctx.close();
}

/** The admin opens the campaign's dashboard and sees the store redemption attributed to it. */
export async function adminSeesAttribution(h: WebHarness, ownerSession: unknown, campaign: { name: string }) {
  const ctx = await h.context('en');
  await ctx.addInitScript(`localStorage.setItem('footfall.admin.session', ${JSON.stringify(JSON.stringify(ownerSession))});`);
  const page = await ctx.newPage();
  await page.goto('/admin/analytics');
  await settled(page);
  await page.getByLabel('Campaign', { exact: true }).selectOption({ label: campaign.name });
  await page.getByLabel('Attribution model', { exact: true }).selectOption('code');
  // The rollups follow the outbox: give the workers a moment, reloading like a person would.
  const deadline = Date.now() + 90_000; // generous: under a full test run the workers share two cores
  for (let i = 0; Date.now() < deadline; i++) {
    await settled(page);
    if ((await page.getByTestId('kpi-redemptions').innerText()).trim() === '1' && !/MYR\s0\.00/.test(await page.getByTestId('kpi-revenue').innerText())) break;
    await page.waitForTimeout(750);
    await page.getByLabel('Attribution model', { exact: true }).selectOption(i % 2 ? 'code' : 'blended');
  }
  assert.equal((await page.getByTestId('kpi-redemptions').innerText()).trim(), '1');
  assert.match(await page.getByTestId('kpi-revenue').innerText(), /MYR\s379\.00/, 'the sale is attributed to the campaign');
  const text = await page.locator('main').innerText();
  assert.match(text, /Brightline Suria KLCC \(1\)/, 'the redemption is on the map at its store');
  await h.shot(page, 'admin-analytics-attributed-en', true);
  await ctx.close();
  return text;
}
