import type { Executor } from '../platform/db.ts';
import type { Fulfilment } from './cart.table.ts';

export interface DiscountInput {
  codes: string[];
  lines: { variantId: string; quantity: number; unitPriceMinor: number }[];
  storeId: string | null;
  channel: 'web' | 'store';
  customerId: string | null;
  fulfilment: Fulfilment;
}
export interface CodeResult { code: string; applies: boolean; discountMinor: number; reason?: string }

/**
 * The seam to the promotions domain: what each entered code takes off this basket. Until the
 * promotions rules engine is installed, codes are kept on the cart and reported as not applied.
 */
export async function evaluateCartCodes(_db: Executor, _merchantId: string, input: DiscountInput): Promise<CodeResult[]> {
  return input.codes.map((code) => ({ code, applies: false, discountMinor: 0, reason: 'Coupon codes cannot be checked right now' }));
}
