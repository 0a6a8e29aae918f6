import type { Executor } from '../platform/db.ts';
import { evaluateCodes, type BasketCodesInput } from '../promotions/basket.ts';
import type { Fulfilment } from './cart.table.ts';

export interface DiscountInput {
  codes: string[];
  lines: { variantId: string; quantity: number; unitPriceMinor: number }[];
  storeId: string | null;
  channel: 'web' | 'store';
  customerId: string | null;
  fulfilment: Fulfilment;
  currency: string;
}
export interface CodeResult { code: string; applies: boolean; discountMinor: number; reason?: string }

/** The basket as the promotions domain reads it: lines with product and category, channel and fulfilment. */
export async function basketFor(db: Executor, merchantId: string, input: DiscountInput): Promise<BasketCodesInput> {
  const ids = input.lines.map((l) => l.variantId);
  const rows = ids.length === 0 ? [] : await db.selectFrom('variants as v')
    .innerJoin('products as p', (j) => j.onRef('p.merchant_id', '=', 'v.merchant_id').onRef('p.id', '=', 'v.product_id'))
    .select(['v.id', 'v.product_id', 'p.category_id']).where('v.merchant_id', '=', merchantId).where('v.id', 'in', ids).execute();
  const product = new Map(rows.map((r) => [r.id, r]));
  return {
    codes: input.codes,
    lines: input.lines.map((l) => ({ ...l, productId: product.get(l.variantId)!.product_id, categoryId: product.get(l.variantId)!.category_id })),
    storeId: input.storeId, channel: input.channel === 'web' ? 'online' : 'in_store', customerId: input.customerId,
    fulfilment: input.fulfilment === 'delivery' ? 'delivery' : 'pickup', currency: input.currency,
  };
}

/** What each entered code takes off this basket (the promotions domain decides), or why it does not apply. */
export async function evaluateCartCodes(db: Executor, merchantId: string, input: DiscountInput): Promise<CodeResult[]> {
  if (input.codes.length === 0) return [];
  if (input.lines.length === 0) return input.codes.map((code) => ({ code, applies: false, discountMinor: 0, reason: 'The cart is empty' }));
  const results = await evaluateCodes(db, merchantId, await basketFor(db, merchantId, input));
  return results.map((r) => (r.applies ? { code: r.code, applies: true, discountMinor: r.discountMinor } : { code: r.code, applies: false, discountMinor: 0, reason: r.detail }));
}
