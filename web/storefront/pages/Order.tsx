import { useEffect } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { cancelOrder, getOrder, type Order } from '../orders.ts';

const CANCELLABLE = new Set(['placed', 'accepted', 'awaiting_payment']);

/** The shopper's order page: state, store, pickup code and QR once ready; refreshes while open. */
export function OrderPage({ id }: { id: string }) {
  const order = useAsync((signal) => getOrder(id, signal), [id]);
  useEffect(() => {
    const timer = window.setInterval(() => { if (document.visibilityState === 'visible') order.reload(); }, 15_000);
    return () => window.clearInterval(timer);
  }, [order.reload]);
  return <Async state={order}>{(o) => <OrderView order={o} onChange={order.setData} />}</Async>;
}

export function OrderView({ order: o, onChange }: { order: Order; onChange?(o: Order): void }) {
  const { t, fmt } = useI18n();
  const money = (m: number) => fmt.money(m, o.currency);
  const cancel = useAction(async (key) => { const r = await cancelOrder(key, o.id); onChange?.(r); });
  return (
    <article className="stack" aria-labelledby="order-title">
      <div className="spread">
        <h1 id="order-title">{t('order.title', { number: o.number })}</h1>
        <StatusBadge status={o.status} label={t(`status.${o.status}`)} />
      </div>
      {o.store ? <p>{t('order.store', { store: o.store.name })} · <span className="muted">{o.store.address}</span></p> : null}
      {o.pickup.code ? (
        <section className="card stack" aria-labelledby="pickup-title" style={{ alignItems: 'center', textAlign: 'center' }}>
          <h2 id="pickup-title">{t('order.pickupCode')}</h2>
          <p className="code" style={{ fontSize: '2rem', margin: 0 }} dir="ltr" data-testid="pickup-code">{o.pickup.code}</p>
          {o.pickup.qrUrl ? <img src={o.pickup.qrUrl} alt={t('order.qrAlt', { code: o.pickup.code })} width={220} height={220} /> : null}
          {o.pickup.pickupBy ? <p>{t('order.pickupBy', { time: fmt.storeTime(o.pickup.pickupBy, o.store?.timezone) })}</p> : null}
          <p className="small muted">{t('order.showCode')}</p>
        </section>
      ) : ['placed', 'accepted', 'picking', 'awaiting_payment'].includes(o.status) ? <p className="notice">{t('order.notReadyYet')}</p> : null}
      <div className="table-wrap"><table>
        <thead><tr><th>{t('cart.item')}</th><th className="num">{t('common.quantity')}</th><th className="num">{t('common.total')}</th></tr></thead>
        <tbody>{o.lines.map((l) => (
          <tr key={l.lineNo}><td>{l.name}{l.cancelledQuantity ? <div className="small muted">{t('order.cancelledUnits', { count: l.cancelledQuantity })}</div> : null}</td>
            <td className="num">{fmt.number(l.quantity)}</td><td className="num">{money(l.totalMinor)}</td></tr>
        ))}</tbody>
        <tfoot><tr><th colSpan={2}>{t('common.total')}</th><td className="num price">{money(o.totals.totalMinor)}</td></tr></tfoot>
      </table></div>
      {o.payments.map((p) => (
        <p key={p.id} className="small">{p.method === 'card' ? t('order.paidCard', { last4: p.cardLast4 ?? '' }) : t('order.payAtStore')} · {t(`payment.${p.status}`)}</p>
      ))}
      {o.history.length ? (
        <details><summary>{t('order.history')}</summary>
          <ol className="small">{o.history.map((h, i) => <li key={i}>{fmt.dateTime(h.at)} · {t(`status.${h.to}`)}</li>)}</ol>
        </details>
      ) : null}
      {cancel.error ? <ErrorPanel error={cancel.error} onRetry={cancel.retry} /> : null}
      {CANCELLABLE.has(o.status) && onChange ? <button type="button" className="button danger" disabled={cancel.busy} onClick={() => { if (confirm(t('order.cancelConfirm'))) void cancel.run(); }}>{t('order.cancel')}</button> : null}
    </article>
  );
}
