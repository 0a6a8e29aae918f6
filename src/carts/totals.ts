import { taxOn, type TaxSetting } from '../catalog/pricing.ts';

export interface PricedLine { variantId: string; quantity: number; unitPriceMinor: number }
export interface LineTotals { variantId: string; grossMinor: number; discountMinor: number; taxMinor: number; totalMinor: number }
export interface Totals { subtotalMinor: number; discountMinor: number; taxMinor: number; totalMinor: number; lines: LineTotals[] }

/**
 * Money for a set of lines: the discount is spread over lines in proportion to their value (the
 * remainder to the largest line, so parts sum exactly), then tax per line on what is left.
 */
export function computeTotals(lines: PricedLine[], discountMinor: number, tax: TaxSetting): Totals {
  const gross = lines.map((l) => l.unitPriceMinor * l.quantity);
  const subtotal = gross.reduce((a, b) => a + b, 0);
  const discount = Math.max(0, Math.min(discountMinor, subtotal));
  const shares = gross.map((g) => (subtotal === 0 ? 0 : Math.floor((discount * g) / subtotal)));
  const rest = discount - shares.reduce((a, b) => a + b, 0);
  if (rest > 0) shares[gross.indexOf(Math.max(...gross))] += rest;
  const lineTotals = lines.map((l, i) => {
    const net = gross[i] - shares[i];
    const taxMinor = taxOn(net, tax);
    return { variantId: l.variantId, grossMinor: gross[i], discountMinor: shares[i], taxMinor, totalMinor: tax.taxMode === 'exclusive' ? net + taxMinor : net };
  });
  return {
    subtotalMinor: subtotal,
    discountMinor: discount,
    taxMinor: lineTotals.reduce((a, l) => a + l.taxMinor, 0),
    totalMinor: lineTotals.reduce((a, l) => a + l.totalMinor, 0),
    lines: lineTotals,
  };
}
