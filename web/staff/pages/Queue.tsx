import { useEffect, useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Link } from '@shared/router.tsx';
import { Async, StatusBadge, useAsync } from '@shared/ui.tsx';
import { getPickList, getQueue, type QueueItem } from '../orders.ts';
import type { ChosenStore } from '../session.ts';

const BUCKETS = ['new', 'picking', 'ready', 'overdue'] as const;

export function QueuePage({ store }: { store: ChosenStore }) {
  const { t, fmt } = useI18n();
  const [bucket, setBucket] = useState<(typeof BUCKETS)[number] | 'all'>('all');
  const [showPickList, setShowPickList] = useState(false);
  const queue = useAsync((signal) => getQueue(store.id, signal), [store.id]);
  useEffect(() => {
    const timer = window.setInterval(() => { if (document.visibilityState === 'visible') queue.reload(); }, 20_000);
    return () => window.clearInterval(timer);
  }, [queue.reload]);
  return (
    <section className="stack">
      <div className="spread">
        <h1>{t('queue.title', { store: store.name })}</h1>
        <button type="button" className="button secondary" onClick={queue.reload}>{t('common.refresh')}</button>
      </div>
      <Async state={queue}>
        {(q) => {
          const items = q.items.filter((o) => bucket === 'all' || o.bucket === bucket);
          return (
            <>
              <div className="queue-counts" role="group" aria-label={t('queue.counts')}>
                {BUCKETS.map((b) => (
                  <button key={b} type="button" className="card" aria-pressed={bucket === b} onClick={() => setBucket(bucket === b ? 'all' : b)}
                    style={{ cursor: 'pointer', background: bucket === b ? '#e3edf8' : undefined, font: 'inherit' }}>
                    <strong data-testid={`count-${b}`}>{fmt.number(q.counts[b])}</strong>{t(`queue.bucket.${b}`)}
                  </button>
                ))}
              </div>
              <div className="row">
                <button type="button" className="button secondary" onClick={() => setShowPickList(!showPickList)} aria-expanded={showPickList}>{t('queue.pickList')}</button>
              </div>
              {showPickList ? <PickList storeId={store.id} orderIds={[]} /> : null}
              {items.length === 0 ? <p>{t('queue.empty')}</p> : (
                <div className="table-wrap"><table>
                  <thead><tr><th>{t('queue.order')}</th><th>{t('queue.customer')}</th><th className="num">{t('queue.units')}</th><th>{t('common.status')}</th><th>{t('queue.due')}</th></tr></thead>
                  <tbody>{items.map((o: QueueItem) => (
                    <tr key={o.id}>
                      <td><Link to={`/orders/${o.id}`}>{o.number}</Link></td>
                      <td>{o.customerName}</td>
                      <td className="num">{fmt.number(o.units)}</td>
                      <td><StatusBadge status={o.bucket} label={t(`queue.bucket.${o.bucket}`)} /> <span className="small muted">{t(`status.${o.status}`)}</span></td>
                      <td>{o.pickupBy ? fmt.dateTime(o.pickupBy) : fmt.dateTime(o.placedAt)}</td>
                    </tr>
                  ))}</tbody>
                </table></div>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}

export function PickList({ storeId, orderIds }: { storeId: string; orderIds: string[] }) {
  const { t, fmt } = useI18n();
  const list = useAsync((signal) => getPickList(storeId, orderIds, signal), [storeId, orderIds.join(',')]);
  return (
    <section className="card" aria-label={t('queue.pickList')}>
      <h2>{t('queue.pickList')}</h2>
      <Async state={list}>
        {(l) => (l.items.length === 0 ? <p>{t('queue.nothingToPick')}</p> : (
          <table>
            <thead><tr><th>{t('common.sku')}</th><th>{t('common.name')}</th><th className="num">{t('queue.units')}</th><th>{t('queue.forOrders')}</th></tr></thead>
            <tbody>{l.items.map((i) => (
              <tr key={i.variantId}><td className="code" dir="ltr">{i.sku}</td><td>{i.name}</td><td className="num">{fmt.number(i.units)}</td>
                <td className="small">{i.orders.map((o) => `${o.number} × ${fmt.number(o.units)}`).join(', ')}</td></tr>
            ))}</tbody>
          </table>
        ))}
      </Async>
      <button type="button" className="button secondary small" onClick={() => window.print()}>{t('queue.print')}</button>
    </section>
  );
}
