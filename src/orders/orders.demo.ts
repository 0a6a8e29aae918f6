import { sql } from 'kysely';
import type { DemoContext, DemoStep } from '../demo/demo-context.ts';
import { findMerchant } from '../merchants/merchant.repository.ts';
import { buildDrafts } from './drafts.ts';
import { newPickupCode } from './pickup-code.ts';
import { placeInTransaction } from './placement.ts';
import { transition } from './transitions.ts';
import type { Order } from './transitions.ts';

const SHOPPERS = [
  { name: 'Aisha Rahman', email: 'aisha.rahman@example.com', phone: '+60123456701', locale: 'ms' },
  { name: 'Daniel Tan', email: 'daniel.tan@example.com', phone: '+60123456702', locale: 'en' },
  { name: 'Priya Nair', email: 'priya.nair@example.com', phone: '+60123456703', locale: 'en' },
  { name: 'Reza Karimi', email: 'reza.karimi@example.com', phone: '+60123456704', locale: 'fa' },
  { name: 'Nor Aziz', email: 'nor.aziz@example.com', phone: '+60123456705', locale: 'ms' },
  { name: 'Olga Petrova', email: 'olga.petrova@example.com', phone: '+60123456706', locale: 'ru' },
];

// The steps each demo order has been through, so every bucket of a staffed store's pickup queue has work in it.
const PATHS = [[], [], ['accepted'], ['accepted', 'picking'], ['accepted', 'picking', 'ready_for_pickup'], ['accepted', 'picking', 'ready_for_pickup']] as const;

/**
 * Reserve-and-pay-in-store orders at the stores with demo staff, through the real placement (stock
 * reserved through the ledger) and lifecycle, so the staff console opens on a queue with work in it.
 */
async function seedOrders(ctx: DemoContext) {
  const { storeIds } = ctx.shared as { storeIds: Record<string, string> };
  const merchant = (await findMerchant(ctx.trx, ctx.merchantId))!;
  for (const code of ['KLCC', 'PAV', 'MV', 'BSR']) {
    const storeId = storeIds[code];
    // Sellable variants this store has plenty of, in a fixed order so the demo is the same everywhere.
    const stocked = (await sql<{ variant_id: string }>`
      select l.variant_id from stock_levels l
      join variants v on v.merchant_id = l.merchant_id and v.id = l.variant_id and v.status = 'active'
      join products p on p.merchant_id = v.merchant_id and p.id = v.product_id and p.status = 'active'
      join variant_prices vp on vp.merchant_id = v.merchant_id and vp.variant_id = v.id and vp.currency = ${merchant.currency}
      where l.merchant_id = ${ctx.merchantId} and l.store_id = ${storeId} and l.on_hand - l.reserved - l.safety_stock >= 3
      order by l.variant_id limit 40`.execute(ctx.trx)).rows.map((r) => r.variant_id);
    for (const [i, path] of PATHS.entries()) {
      const shopper = SHOPPERS[(i + code.length) % SHOPPERS.length];
      // Distinct variants per order, so no two demo orders compete for the same units.
      const picks = ctx.random() < 0.5 ? [stocked[2 * i]] : [stocked[2 * i], stocked[2 * i + 1]];
      const lines = picks.map((variantId) => ({ variantId, quantity: 1 + Math.floor(ctx.random() * 2) }));
      const drafts = await buildDrafts(ctx.trx, {
        merchant, lines, parts: [{ storeId, lines }], fulfilment: 'reserve_pay_in_store', channel: 'web', customerId: null, cartId: null,
        contact: { name: shopper.name, email: shopper.email, phone: shopper.phone }, locale: shopper.locale, deliveryAddress: null, originStoreId: null,
        discount: async () => ({ codes: [], discountMinor: 0 }),
      });
      for (const d of drafts) d.pickupBy = new Date(Date.now() + 48 * 3600_000);
      const [refused] = await placeInTransaction(ctx.trx, ctx.merchantId, [{ merchantId: ctx.merchantId, actor: ctx.system, cartId: null, drafts }]);
      if (refused) throw refused;
      let order = await ctx.trx.selectFrom('orders').selectAll().where('merchant_id', '=', ctx.merchantId).where('id', '=', drafts[0].id).executeTakeFirstOrThrow() as Order;
      for (const to of path) {
        const ready = to === 'ready_for_pickup' ? { set: { pickup_code: newPickupCode(), pickup_code_failures: 0, ready_at: new Date() } } : {};
        order = await transition(ctx.trx, ctx.system, order, to, ready);
      }
    }
  }
}

export const ordersDemoStep: DemoStep = { name: 'orders', run: seedOrders };
