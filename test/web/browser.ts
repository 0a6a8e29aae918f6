// Shared harness of the browser tests: one fresh build, one server with the demo data, one chromium.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureDemoData } from '../../src/demo/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { LOCALES, type Locale } from '../../web/shared/locales.ts';

export const ARTIFACTS = path.resolve('test-artifacts');

export interface WebHarness {
  server: TestServer;
  browser: Browser;
  /** A fresh browser profile in a language, with every non-local host blocked (map tiles included). */
  context(locale?: Locale, options?: { geolocation?: { latitude: number; longitude: number }; serviceWorkers?: boolean }): Promise<BrowserContext>;
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startWebHarness(): Promise<WebHarness> {
  const { buildWeb } = await import('../../scripts/build-web.mjs' as string);
  await buildWeb({ logLevel: 'error' });
  const server = await startTestServer('pglite', { workers: true, rateLimitPerMinute: 100_000 });
  await ensureDemoData(server.platform.ctx.db);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const local = new URL(server.url).host;
  return {
    server,
    browser,
    async context(locale = 'en', options = {}) {
      const ctx = await browser.newContext({
        baseURL: server.url,
        locale: locale === 'en' ? 'en-GB' : locale,
        viewport: { width: 1024, height: 800 },
        timezoneId: 'Asia/Kuala_Lumpur',
        serviceWorkers: options.serviceWorkers ? 'allow' : 'block',
        ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
      });
      // Nothing leaves the machine: map tiles fail, which exercises the plain-list fallback.
      await ctx.route((url) => url.host !== local, (route) => route.abort('blockedbyclient'));
      return ctx;
    },
    async shot(page, name, fullPage = true) {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export { LOCALES };

type Messages = Record<string, string>;
// Names and acronyms that are the same in every language.
const SAME_EVERYWHERE = /^(Footfall|SKU|CSV|QR|API|OK|English|فارسی|العربية|Русский|Bahasa Melayu|ไทย)$/;

/** Every piece of text a person can see or hear on the page, except text marked as another language. */
export async function visibleTexts(page: Page): Promise<string[]> {
  // A string, so the test compiler's helpers never reach the page.
  return page.evaluate(`(() => {
    const docLang = document.documentElement.lang;
    const own = (el) => ((el && el.closest('[lang]') && el.closest('[lang]').getAttribute('lang')) || docLang) === docLang;
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent || '').trim();
      if (text && el && own(el) && !el.closest('script, style, noscript')) out.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]'))) {
      if (!own(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title', 'alt']) { const v = (el.getAttribute(a) || '').trim(); if (v) out.push(v); }
    }
    return out;
  })()`) as Promise<string[]>;
}

/** English strings of an app's catalogue found as whole texts on a screen in `locale`. */
export async function englishLeftovers(app: 'storefront' | 'staff' | 'admin', locale: Locale, texts: string[]): Promise<string[]> {
  const load = async (scope: string, l: string): Promise<Messages> => (await import(`../../web/${scope}/messages/${l}.ts`)).default;
  const en = { ...(await load('shared', 'en')), ...(await load(app, 'en')) };
  const local = { ...(await load('shared', locale)), ...(await load(app, locale)) };
  const found: string[] = [];
  for (const [key, english] of Object.entries(en)) {
    if (SAME_EVERYWHERE.test(english) || english === local[key] || !/[A-Za-z]{3}/.test(english)) continue;
    const pattern = new RegExp(`^${english.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+')}$`);
    if (texts.some((t) => pattern.test(t))) found.push(english);
  }
  return found;
}

/** Message keys shown instead of text (a key missing from every catalogue). */
export async function rawKeys(app: 'storefront' | 'staff' | 'admin', visibleText: string): Promise<string[]> {
  const load = async (scope: string): Promise<Messages> => (await import(`../../web/${scope}/messages/en.ts`)).default;
  const keys = Object.keys({ ...(await load('shared')), ...(await load(app)) });
  const shown = visibleText.match(/\b[a-z][a-zA-Z]*\.[a-zA-Z_.]+\b/g) ?? [];
  return shown.filter((s) => keys.includes(s) || /^(nav|common|error|cart|home|account|order|offer|stores?|queue|counter|stock|campaign|chart|keys|staff|role|location|service|signin|app)\./.test(s));
}

/** Controls and images a screen reader could not name (no label, no text, no aria-label, no alt). */
export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    for (const el of Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], img'))) {
      if (!visible(el)) continue;
      const label = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.getAttribute('title')
        || (el.labels && el.labels.length ? el.labels[0].textContent : '') || (el.tagName === 'IMG' ? el.getAttribute('alt') : el.textContent)
        || (el.getAttribute('placeholder') || '');
      if (!String(label || '').trim() && !(el.tagName === 'IMG' && el.getAttribute('alt') === '')) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  })()`) as Promise<string[]>;
}
