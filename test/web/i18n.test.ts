import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectLocale, interpolate, localized, LOCALES } from '../../web/shared/locales.ts';
import { formatters } from '../../web/shared/format.ts';

type Messages = Record<string, string>;
const SCOPES = ['shared', 'storefront', 'staff', 'admin'] as const;

async function catalogue(scope: string, locale: string): Promise<Messages> {
  return (await import(`../../web/${scope}/messages/${locale}.ts`)).default;
}

// Names and acronyms that stay as they are in every language.
const KEEP = ['Footfall', 'SKU', 'CSV', 'QR', 'API', 'URL', 'UTM', 'ROI', 'ROPO', 'POS', 'OpenStreetMap', 'Leaflet', 'HMAC', 'ID', 'Google', 'https', 'JSON', 'IBAN', 'EAN', 'GTIN', 'PWA', 'Merchant Center', 'webhook', 'Webhook', 'MYR', 'Visa', 'AM', 'PM', 'BarcodeDetector', 'Enter', 'order.*', 'https://'];
// Malay shares words with English; these identical values are correct Malay.
const SAME_IN_MALAY = new Set(['Status', 'SKU', 'Email', 'Total', 'Stok', 'Kod', 'Kupon', 'Voucher', 'Baucar', 'Webhook', 'Webhooks', 'Segmen', 'Admin', 'Mel', 'Kempen', 'Promosi', 'Lokasi', 'Data', 'Ok', 'OK', 'Linear', 'Analitik', 'Webhook', 'SMS', 'km', 'Import']);
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const latinWords = (s: string) => {
  let rest = s.replace(/\{\w+\}/g, ' ');
  for (const k of KEEP) rest = rest.replaceAll(k, ' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
};

describe('message catalogues', () => {
  for (const scope of SCOPES) {
    test(`${scope}: every locale has every key, translated, with the same placeholders`, async () => {
      const en = await catalogue(scope, 'en');
      assert.ok(Object.keys(en).length > 0);
      for (const locale of LOCALES.filter((l) => l !== 'en')) {
        const m = await catalogue(scope, locale);
        const missing = Object.keys(en).filter((k) => !(k in m));
        assert.deepEqual(missing, [], `${scope}/${locale} is missing keys`);
        assert.deepEqual(Object.keys(m).filter((k) => !(k in en)), [], `${scope}/${locale} has keys English does not`);
        for (const [key, english] of Object.entries(en)) {
          const value = m[key];
          assert.ok(value.trim(), `${scope}/${locale}: ${key} is empty`);
          assert.deepEqual(placeholders(value), placeholders(english), `${scope}/${locale}: ${key} placeholders differ`);
          if (locale === 'ms') {
            if (value === english && latinWords(english).length && !SAME_IN_MALAY.has(value)) assert.fail(`${scope}/ms: ${key} is still English: "${value}"`);
          } else {
            assert.deepEqual(latinWords(value), [], `${scope}/${locale}: ${key} has untranslated English: "${value}"`);
          }
        }
      }
    });
  }
});

describe('locale choice and formatting', () => {
  test('a remembered choice wins, then the browser languages in order, then English', () => {
    assert.equal(detectLocale('th', ['ar-SA']), 'th');
    assert.equal(detectLocale(null, ['de-DE', 'fa-IR', 'en']), 'fa');
    assert.equal(detectLocale('xx', ['ar-AE']), 'ar');
    assert.equal(detectLocale(null, ['de']), 'en');
  });

  test('content objects fall back to English, then any language', () => {
    assert.equal(localized({ en: 'Kettle', ar: 'غلاية' }, 'ar'), 'غلاية');
    assert.equal(localized({ en: 'Kettle' }, 'th'), 'Kettle');
    assert.equal(localized({ ms: 'Cerek' }, 'ru'), 'Cerek');
    assert.equal(interpolate('{n} of {m}', { n: 1, m: 2 }), '1 of 2');
  });

  test('Persian and Arabic use their digits; money uses the currency of the amount', () => {
    assert.match(formatters('fa').number(1234567), /^[۰-۹٬,]+$/);
    assert.match(formatters('ar').number(42), /^[٠-٩]+$/);
    assert.match(formatters('th').number(42), /^42$/);
    const irr = formatters('fa').money(125_000_000, 'IRR'); // 1,250,000 rials: shown without decimals
    assert.match(irr, /۱٬۲۵۰٬۰۰۰/);
    assert.match(formatters('ar').money(19_950, 'SAR'), /١٩٩٫٥٠/);
    assert.match(formatters('ar').money(500, 'AED'), /٥٫٠٠/);
    assert.match(formatters('ru').money(129_900, 'RUB'), /1\s?299,00\s?₽/);
    assert.match(formatters('ms').money(4_990, 'MYR'), /RM\s?49\.90/);
    assert.match(formatters('th').money(35_000, 'THB'), /฿\s?350\.00/);
    assert.match(formatters('en').money(35_000, 'THB'), /THB|฿/);
  });

  test("a store's times read on the store's clock: the time today, the weekday this week, the date later", () => {
    // 23:30 UTC on Tuesday 24 Nov is already Wednesday 07:30 in Kuala Lumpur.
    const now = new Date('2026-11-24T23:30:00Z');
    const en = formatters('en');
    assert.equal(en.storeTime('2026-11-25T02:00:00Z', 'Asia/Kuala_Lumpur', now), '10:00');
    assert.equal(en.storeTime('2026-11-26T02:00:00Z', 'Asia/Kuala_Lumpur', now), 'Thu 10:00');
    assert.equal(en.storeTime('2026-12-09T02:00:00Z', 'Asia/Kuala_Lumpur', now), '9 Dec, 10:00');
    // The same instant in Tehran, where it is still Wednesday early morning.
    assert.equal(en.storeTime('2026-11-25T02:00:00Z', 'Asia/Tehran', now), '05:30');
    assert.equal(formatters('fa').storeTime('2026-11-25T06:30:00Z', 'Asia/Tehran', now), '۱۰:۰۰');
    assert.match(formatters('ar').storeTime('2026-11-26T06:30:00Z', 'Asia/Riyadh', now), /^الخميس ٩:٣٠/);
  });

  test('distances read naturally in each language', () => {
    assert.match(formatters('en').distance(850), /850 m/);
    assert.match(formatters('en').distance(2_340), /2\.3 km/);
    assert.match(formatters('ar').distance(2_340), /٢٫٣/);
  });
});
