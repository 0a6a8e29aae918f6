import assert from 'node:assert/strict';
import { ean13 } from '../../src/catalog/ean.ts';
import type { TestServer } from '../support/server.ts';

let counter = 0;

/** An active kettle with two colour variants priced in MYR (RM 129 / pickup RM 119). */
export async function createKettle(server: TestServer, token: string, overrides: Record<string, unknown> = {}) {
  const n = ++counter;
  const stamp = `${Date.now() % 1e6}`.padStart(6, '0');
  const res = await server.request('POST', '/v1/admin/products', {
    token,
    body: {
      handle: `kettle-${stamp}-${n}`, status: 'active',
      name: { en: 'Glass Electric Kettle 1.7L', fa: 'کتری برقی شیشه‌ای', ar: 'غلاية كهربائية زجاجية', ru: 'Стеклянный электрочайник', ms: 'Cerek Elektrik Kaca', th: 'กาต้มน้ำไฟฟ้าแก้ว' },
      description: { en: 'Boils 1.7 litres in four minutes.' },
      images: [{ url: '/v1/shop/x/images/kettle-1.svg', alt: 'Kettle' }],
      variants: [
        { sku: `KET-${stamp}-${n}-BLK`, barcode: ean13(`955${stamp}${String(n).padStart(3, '0')}`), options: { colour: 'Black' }, prices: [{ currency: 'MYR', priceMinor: 12900, pickupPriceMinor: 11900 }] },
        { sku: `KET-${stamp}-${n}-WHT`, barcode: ean13(`956${stamp}${String(n).padStart(3, '0')}`), options: { colour: 'White' }, prices: [{ currency: 'MYR', priceMinor: 12900 }] },
      ],
      ...overrides,
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; handle: string; variants: { id: string; sku: string; barcode: string }[] };
}
