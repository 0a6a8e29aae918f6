import type { Executor } from '../platform/db.ts';
import { findMerchant } from '../merchants/merchant.repository.ts';

/** Merchant policy for orders, from merchants.settings.orders, with the defaults a retailer expects. */
export interface OrderSettings {
  /** Minutes stock is held for a card payment still in progress. */
  holdMinutes: number;
  /** A hold keeps extending while the bank works, but never past this. */
  maxHoldMinutes: number;
  /** Hours an unpaid reserve-and-pay-in-store order waits before its stock is released. */
  collectionWindowHours: number;
  /** Hours a ready order waits for pickup before it is a no-show. */
  pickupWindowHours: number;
  returnWindowDays: number;
  /** SKUs that can never be returned, in addition to variants marked non-returnable. */
  nonReturnableSkus: string[];
}

export const DEFAULT_ORDER_SETTINGS: OrderSettings = {
  holdMinutes: 15, maxHoldMinutes: 60, collectionWindowHours: 48, pickupWindowHours: 72, returnWindowDays: 30, nonReturnableSkus: [],
};

export function orderSettingsOf(settings: Record<string, unknown> | null | undefined): OrderSettings {
  const raw = (settings?.orders ?? {}) as Partial<OrderSettings>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  const d = DEFAULT_ORDER_SETTINGS;
  return {
    holdMinutes: num(raw.holdMinutes, d.holdMinutes),
    maxHoldMinutes: num(raw.maxHoldMinutes, d.maxHoldMinutes),
    collectionWindowHours: num(raw.collectionWindowHours, d.collectionWindowHours),
    pickupWindowHours: num(raw.pickupWindowHours, d.pickupWindowHours),
    returnWindowDays: num(raw.returnWindowDays, d.returnWindowDays),
    nonReturnableSkus: Array.isArray(raw.nonReturnableSkus) ? raw.nonReturnableSkus.map(String) : [],
  };
}

export async function merchantWithSettings(db: Executor, merchantId: string) {
  const merchant = (await findMerchant(db, merchantId))!;
  return { merchant, settings: orderSettingsOf(merchant.settings) };
}
