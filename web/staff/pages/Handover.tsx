import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { ErrorPanel, Field, useAction } from '@shared/ui.tsx';
import { handOver, lookupPickup, type StaffOrder } from '../orders.ts';
import type { ChosenStore } from '../session.ts';
import { canScan, Scanner } from '../scanner.tsx';
import { StaffOrderView } from './Order.tsx';

/** Hand-over at the counter: scan the shopper's QR or type the code, check the order, hand it over. */
export function HandoverPage({ store }: { store: ChosenStore }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [order, setOrder] = useState<{ order: StaffOrder; code: string } | null>(null);
  const find = useAction(async (key, input: { code?: string; qr?: string }) => {
    const o = await lookupPickup(key, store.id, input);
    setOrder({ order: o, code: input.code ?? input.qr ?? '' });
  });
  if (order) {
    return (
      <section className="stack">
        <StaffOrderView store={store} order={order.order} handoverCode={order.code} onChange={(o) => setOrder({ ...order, order: o })} />
        <button type="button" className="button secondary" onClick={() => { setOrder(null); setCode(''); }}>{t('handover.next')}</button>
      </section>
    );
  }
  return (
    <section className="stack" style={{ maxInlineSize: 640 }}>
      <h1>{t('handover.title')}</h1>
      <form className="card stack" onSubmit={(e) => { e.preventDefault(); if (code.trim()) void find.run({ code: code.trim().toUpperCase() }); }}>
        <Field label={t('handover.code')} hint={t('handover.codeHint')}>
          <input className="big-input code" dir="ltr" autoComplete="off" autoCapitalize="characters" value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
        </Field>
        <div className="row">
          <button type="submit" className="button" disabled={find.busy}>{t('handover.find')}</button>
          {canScan() ? <button type="button" className="button secondary" onClick={() => setScanning(!scanning)} aria-pressed={scanning}>{scanning ? t('scan.stop') : t('scan.start')}</button> : <span className="small muted">{t('scan.unsupported')}</span>}
        </div>
      </form>
      {scanning ? <Scanner onResult={(qr) => { setScanning(false); void find.run({ qr }); }} /> : null}
      {find.error ? <ErrorPanel error={find.error} /> : null}
    </section>
  );
}

/** The final step on a ready order: the code is checked by the server; pay-in-store orders take payment first. */
export function HandoverForm({ store, order, onDone, initialCode = '' }: { store: ChosenStore; order: StaffOrder; onDone(o: StaffOrder): void; initialCode?: string }) {
  const { t, fmt } = useI18n();
  const [code, setCode] = useState(initialCode);
  const [paid, setPaid] = useState(false);
  const [reference, setReference] = useState('');
  const payInStore = order.payments.every((p) => p.method !== 'card');
  const give = useAction(async (key) => onDone(await handOver(key, store.id, order.id, {
    code: code.trim().toUpperCase(), ...(payInStore ? { paidInStore: reference ? { reference } : {} } : {}),
  })));
  return (
    <form className="card stack" onSubmit={(e) => { e.preventDefault(); void give.run(); }} aria-label={t('handover.title')}>
      <h2>{t('handover.title')}</h2>
      <Field label={t('handover.code')}><input className="big-input code" dir="ltr" required value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" /></Field>
      {payInStore ? (
        <>
          <label className="choice"><input type="checkbox" checked={paid} onChange={(e) => setPaid(e.target.checked)} required />{t('handover.paymentTaken', { total: fmt.money(order.totals.totalMinor, order.currency) })}</label>
          <Field label={t('handover.reference')}><input value={reference} onChange={(e) => setReference(e.target.value)} dir="ltr" /></Field>
        </>
      ) : null}
      {give.error ? <ErrorPanel error={give.error} /> : null}
      <button type="submit" className="button" disabled={give.busy || (payInStore && !paid)}>{t('handover.confirm')}</button>
    </form>
  );
}
