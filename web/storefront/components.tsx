import { useI18n } from '@shared/i18n.tsx';
import type { Formatters } from '@shared/format.ts';
import type { Store } from './stores.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "09:00" shown in the locale's digits and clock. */
export function clockTime(fmt: Formatters, hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return fmt.time(Date.UTC(2024, 0, 1, h % 24, m), 'UTC');
}

export function weekdayName(locale: string, index: number): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + index));
}

export function OpenStatus({ store }: { store: Pick<Store, 'openNow' | 'opensAt' | 'timezone'> }) {
  const { t, fmt } = useI18n();
  if (store.openNow) return <span className="badge badge-open">{t('common.openNow')}</span>;
  return (
    <span className="badge badge-closed">
      {t('common.closed')}{store.opensAt ? ` · ${t('common.opensAt', { time: fmt.storeTime(store.opensAt, store.timezone) })}` : ''}
    </span>
  );
}

export function StoreCard({ store, children }: { store: Store; children?: React.ReactNode }) {
  const { t, fmt, locale } = useI18n();
  const a = store.address;
  return (
    <article className="card stack" aria-label={store.name}>
      <div className="spread">
        <h3 style={{ margin: 0 }}>{store.name}</h3>
        {store.distanceKm != null ? <span className="muted">{t('common.km', { distance: fmt.distance(store.distanceKm * 1000) })}</span> : null}
      </div>
      <div className="row"><OpenStatus store={store} />
        {store.pickupReadyAt && store.services.includes('pickup') ? <span className="small">{t('stores.pickupReady', { time: fmt.storeTime(store.pickupReadyAt, store.timezone) })}</span> : null}
      </div>
      <address className="small" style={{ fontStyle: 'normal' }}>{[a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</address>
      {store.services.length ? (
        <p className="small muted" style={{ margin: 0 }}>{store.services.map((s) => t(`service.${s}`)).join(' · ')}</p>
      ) : null}
      {store.phone ? <a className="small" href={`tel:${store.phone}`} dir="ltr">{store.phone}</a> : null}
      {store.openingHours && Object.keys(store.openingHours).length ? (
        <details className="small">
          <summary>{t('stores.hours')}</summary>
          <table>
            <tbody>
              {DAYS.map((d, i) => (
                <tr key={d}>
                  <th scope="row">{weekdayName(locale, i)}</th>
                  <td>{store.openingHours[d]?.length ? store.openingHours[d].map((iv) => `${clockTime(fmt, iv.open)}–${clockTime(fmt, iv.close)}`).join(', ') : t('common.closed')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      {children}
    </article>
  );
}
