import { createMerchant, createStaffUser } from '../merchants/merchant.service.ts';
import { findMerchantBySlug } from '../merchants/merchant.repository.ts';
import { systemActor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { seededRandom, type DemoStep } from './demo-context.ts';
// stores, catalog, inventory
import { stockDemoSteps, storeStaffCredentials } from './stock.demo.ts';

// orders
import { ordersDemoStep } from '../orders/orders.demo.ts';

// promotions
import { promotionsDemoStep } from '../promotions/promotions.demo.ts';

// customers, analytics
import { customerDemoStep } from '../customers/customer.demo.ts';

/** The demo tenant and the sign-ins `npm start` prints. Seeding is deterministic: same data every time. */
export const DEMO = {
  merchantSlug: 'brightline',
  merchantName: 'Brightline Home & Electronics',
  currency: 'MYR',
  timezone: 'Asia/Kuala_Lumpur',
  credentials: [
    { label: 'Owner', email: 'owner@brightline.example', password: 'footfall-demo', role: 'owner' as const },
    ...storeStaffCredentials, // stores, catalog, inventory: managers and associates with their stores
  ] as { label: string; email: string; password: string; role: 'owner' | 'admin' | 'manager' | 'associate'; storeCodes?: string[] }[],
};

/** Demo steps in order; each domain adds its own in its section. */
const steps: DemoStep[] = [
  // stores, catalog, inventory
  ...stockDemoSteps,

  // orders
  ordersDemoStep,

  // promotions
  promotionsDemoStep,

  // customers, analytics
  customerDemoStep,
];

/** Loads the demo data once; returns false when the demo merchant already exists. */
export async function ensureDemoData(db: Db): Promise<boolean> {
  if (await findMerchantBySlug(db, DEMO.merchantSlug)) return false;
  await db.transaction().execute(async (trx) => {
    const merchant = await createMerchant(trx, {
      slug: DEMO.merchantSlug, name: DEMO.merchantName, currency: DEMO.currency, defaultLocale: 'en',
      taxMode: 'inclusive', taxRateBp: 800,
    });
    const ctx = { trx, merchantId: merchant.id, system: systemActor(merchant.id), random: seededRandom(20261124), shared: {} };
    for (const step of steps) await step.run(ctx);
    for (const c of DEMO.credentials.filter((c) => !c.storeCodes)) {
      await createStaffUser(trx, ctx.system, { email: c.email, name: c.label, password: c.password, role: c.role });
    }
  });
  return true;
}
