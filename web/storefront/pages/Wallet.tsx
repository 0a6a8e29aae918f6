import { useT } from '@shared/i18n.tsx';

export function Wallet() {
  const t = useT();
  return <p className="notice warn">{t('common.notAvailable')}</p>;
}
