import { useI18n } from '@shared/i18n.tsx';
import { Link } from '@shared/router.tsx';
import { Async, ErrorPanel, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { getOrder, orderStep, type StaffOrder } from '../orders.ts';
import type { ChosenStore } from '../session.ts';
import { PickList } from './Queue.tsx';
import { HandoverForm } from './Handover.tsx';

const NEXT: Record<string, { step: 'accept' | 'start-picking' | 'ready'; label: string } | undefined> = {
  placed: { step: 'accept', label: 'order.accept' },
  accepted: { step: 'start-picking', label: 'order.startPicking' },
  picking: { step: 'ready', label: 'order.markReady' },
};

export function OrderPage({ store, id }: { store: ChosenStore; id: string }) {
  const order = useAsync((signal) => getOrder(store.id, id, signal), [store.id, id]);
  return <Async state={order}>{(o) => <StaffOrderView store={store} order={o} onChange={order.setData} />}</Async>;
}

export function StaffOrderView({ store, order: o, onChange, handoverCode }: { store: ChosenStore; order: StaffOrder; onChange(o: StaffOrder): void; handoverCode?: string }) {
  const { t, fmt } = useI18n();
  const next = NEXT[o.status];
  const advance = useAction(async (key) => onChange(await orderStep(key, store.id, o.id, next!.step)));
  const cancel = useAction(async (key) => onChange(await orderStep(key, store.id, o.id, 'cancel', { reason: 'cancelled by store' })));
  const payInStore = o.payments.some((p) => p.method === 'pay_in_store') || o.fulfilment === 'reserve_pay_in_store';
  return (
    <article className="stack">
      <p><Link to="/queue">← {t('nav.queue')}</Link></p>
      <div className="spread">
        <h1>{t('order.title', { number: o.number })}</h1>
        <StatusBadge status={o.status} label={t(`status.${o.status}`)} />
      </div>
      <p>{o.contact.name}{o.contact.phone ? <> · <a href={`tel:${o.contact.phone}`} dir="ltr">{o.contact.phone}</a></> : null}{o.contact.email ? <> · <span dir="ltr">{o.contact.email}</span></> : null}</p>
      <div className="table-wrap"><table>
        <thead><tr><th>{t('common.sku')}</th><th>{t('common.name')}</th><th className="num">{t('common.quantity')}</th><th className="num">{t('order.collected')}</th><th className="num">{t('common.total')}</th></tr></thead>
        <tbody>{o.lines.map((l) => (
          <tr key={l.lineNo}><td className="code" dir="ltr">{l.sku}</td><td>{l.name}</td><td className="num">{fmt.number(l.quantity - l.cancelledQuantity)}</td>
            <td className="num">{fmt.number(l.collectedQuantity)}</td><td className="num">{fmt.money(l.totalMinor, o.currency)}</td></tr>
        ))}</tbody>
        <tfoot><tr><th colSpan={4}>{t('common.total')}</th><td className="num price">{fmt.money(o.totals.totalMinor, o.currency)}</td></tr></tfoot>
      </table></div>
      <p className="small">{payInStore ? t('order.toPayInStore', { total: fmt.money(o.totals.totalMinor, o.currency) }) : t('order.paidOnline')}</p>
      {o.pickup.pickupBy ? <p className="small">{t('order.pickupBy', { time: fmt.dateTime(o.pickup.pickupBy) })}</p> : null}
      {advance.error ? <ErrorPanel error={advance.error} onRetry={advance.retry} /> : null}
      {cancel.error ? <ErrorPanel error={cancel.error} onRetry={cancel.retry} /> : null}
      <div className="row">
        {next ? <button type="button" className="button" disabled={advance.busy} onClick={() => void advance.run()}>{t(next.label)}</button> : null}
        {['placed', 'accepted', 'picking', 'ready_for_pickup'].includes(o.status) ? (
          <button type="button" className="button danger" disabled={cancel.busy} onClick={() => { if (confirm(t('order.cancelConfirm'))) void cancel.run(); }}>{t('order.cancel')}</button>
        ) : null}
      </div>
      {o.status === 'accepted' || o.status === 'picking' ? <PickList storeId={store.id} orderIds={[o.id]} /> : null}
      {o.status === 'ready_for_pickup' ? <HandoverForm store={store} order={o} onDone={onChange} initialCode={handoverCode} /> : null}
      <details><summary>{t('order.history')}</summary>
        <ol className="small">{o.history.map((h, i) => <li key={i}>{fmt.dateTime(h.at)} · {t(`status.${h.to}`)} · {h.by}</li>)}</ol>
      </details>
    </article>
  );
}
