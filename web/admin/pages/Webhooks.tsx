import { NotOnServer } from '@shared/pending.tsx';
import { useT } from '@shared/i18n.tsx';

export function WebhooksPage(_props: Record<string, unknown>) {
  const t = useT();
  return <NotOnServer title={t('nav.webhooks')} />;
}
