import { useI18n } from '@shared/i18n.tsx';
import type { OfferCard } from './offers.ts';

/** "20 % off", "RM 10 off", … in the shopper's language. */
export function OfferValue({ offer, currency }: { offer: OfferCard['offers'][number]; currency: string }) {
  const { t, fmt } = useI18n();
  const p = offer.params ?? {};
  const value = p.percentBp ? fmt.percent(p.percentBp / 10_000, 0) : p.amountMinor ? fmt.money(p.amountMinor, currency) : p.priceMinor != null ? fmt.money(p.priceMinor, currency) : p.multiplier ? fmt.number(p.multiplier) : '';
  return (
    <span>
      <strong>{t(`offerKind.${offer.kind}`, { value })}</strong>
      {offer.conditions?.minSpendMinor ? <span className="small muted"> · {t('offers.minSpend', { amount: fmt.money(offer.conditions.minSpendMinor, currency) })}</span> : null}
    </span>
  );
}
