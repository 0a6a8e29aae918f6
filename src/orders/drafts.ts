import { randomUUID } from 'node:crypto';
import { priceVariants } from '../catalog/pricing.ts';
import type { Executor } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { DeliveryAddress, Fulfilment } from '../carts/cart.table.ts';
import type { SplitPart, WantedLine } from '../carts/fulfilment-options.ts';
import { computeTotals } from '../carts/totals.ts';
import type { MerchantTable } from '../merchants/merchant.table.ts';
import type { Selectable } from 'kysely';
import { newOrderNumber, type OrderDraft } from './placement.ts';

export interface DraftInput {
  merchant: Selectable<MerchantTable>;
  lines: WantedLine[];
  parts: SplitPart[];
  fulfilment: Fulfilment;
  channel: 'web' | 'store';
  /** Decides the coupon discount once the lines are priced (the promotions domain's answer). */
  discount: (priced: { variantId: string; quantity: number; unitPriceMinor: number }[]) => Promise<{ codes: string[]; discountMinor: number }>;
  customerId: string | null;
  cartId: string | null;
  contact: { name: string; email: string | null; phone: string | null };
  locale: string;
  deliveryAddress: DeliveryAddress | null;
  originStoreId: string | null;
}

/** Priced, taxed orders (one per store part) for a set of lines; the discount is shared by value. */
export async function buildDrafts(db: Executor, input: DraftInput): Promise<OrderDraft[]> {
  const { merchant } = input;
  const prices = await priceVariants(db, merchant.id, input.lines.map((l) => l.variantId), { currency: merchant.currency, fulfilment: input.fulfilment, locale: input.locale });
  for (const l of input.lines) {
    const p = prices.get(l.variantId);
    if (!p) throw new AppError('unknown_variant', `Variant ${l.variantId} does not exist`, { variantId: l.variantId });
    if (!p.sellable) throw new AppError('not_sellable', `SKU ${p.sku} is not for sale`, { variantId: l.variantId, sku: p.sku });
  }
  const tax = { taxMode: merchant.tax_mode, taxRateBp: merchant.tax_rate_bp };
  const { codes, discountMinor } = await input.discount(input.lines.map((l) => ({ ...l, unitPriceMinor: prices.get(l.variantId)!.unitPriceMinor })));
  const grossOf = (lines: WantedLine[]) => lines.reduce((a, l) => a + prices.get(l.variantId)!.unitPriceMinor * l.quantity, 0);
  const allGross = grossOf(input.lines);
  const splitGroup = input.parts.length > 1 ? randomUUID() : null;
  let discountLeft = Math.min(discountMinor, allGross);
  return input.parts.map((part, index) => {
    const share = index === input.parts.length - 1 ? discountLeft : allGross === 0 ? 0 : Math.floor((discountMinor * grossOf(part.lines)) / allGross);
    discountLeft -= share;
    const priced = part.lines.map((l) => ({ ...l, unitPriceMinor: prices.get(l.variantId)!.unitPriceMinor }));
    const totals = computeTotals(priced, share, tax);
    return {
      id: randomUUID(), number: newOrderNumber(), cartId: input.cartId, customerId: input.customerId, channel: input.channel,
      fulfilment: input.fulfilment, storeId: part.storeId, originStoreId: input.originStoreId, status: 'placed',
      currency: merchant.currency, taxMode: merchant.tax_mode, subtotalMinor: totals.subtotalMinor, discountMinor: totals.discountMinor,
      taxMinor: totals.taxMinor, totalMinor: totals.totalMinor, codes, contactName: input.contact.name,
      email: input.contact.email, phone: input.contact.phone, locale: input.locale, deliveryAddress: input.deliveryAddress,
      holdExpiresAt: null, pickupBy: null, splitGroup,
      lines: priced.map((l, i) => {
        const p = prices.get(l.variantId)!;
        const t = totals.lines[i];
        return {
          lineNo: i + 1, variantId: l.variantId, sku: p.sku, name: p.name, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor,
          discountMinor: t.discountMinor, taxMinor: t.taxMinor, totalMinor: t.totalMinor, returnable: p.returnable,
        };
      }),
      payment: null,
    } satisfies OrderDraft;
  });
}
