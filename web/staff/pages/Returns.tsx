import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { ErrorPanel, Field, useAction } from '@shared/ui.tsx';
import { api, type ChosenStore } from '../session.ts';
import { getOrder, type StaffOrder } from '../orders.ts';

type Disposition = 'restock' | 'transfer' | 'damaged';
interface ReturnLine { lineNo: number; quantity: number; disposition: Disposition; label: string; max: number }
interface ReturnResult { returnId: string; refundMinor: number; currency: string; refundTo: string }
interface ExchangeResult { returnId: string; exchangeOrderId: string; differenceMinor: number; currency: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns and exchanges of online orders at any store: restock here, send on, or write off; refund or store credit. */
export function ReturnsPage({ store }: { store: ChosenStore }) {
  const { t, fmt } = useI18n();
  const [orderId, setOrderId] = useState('');
  const [order, setOrder] = useState<StaffOrder | null>(null);
  const [lines, setLines] = useState<ReturnLine[]>([]);
  const [refundTo, setRefundTo] = useState<'original' | 'store_credit'>('original');
  const [exchangeSku, setExchangeSku] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const find = useAction(async () => {
    setDone(null);
    const typed = orderId.trim();
    if (!UUID.test(typed)) {
      // By the number on the receipt: found whichever store sold it, with its lines.
      const o = await api.get<StaffOrder>(`/v1/staff/stores/${store.id}/returns/orders/${encodeURIComponent(typed)}`);
      return showOrder(o);
    }
    try {
      showOrder(await getOrder(store.id, typed));
    } catch {
      // An order id of another store is not readable here: the associate enters its lines from the receipt.
      setOrder(null);
      setLines([{ lineNo: 1, quantity: 1, disposition: 'restock', label: '', max: 999 }]);
    }
  });
  const showOrder = (o: StaffOrder) => {
    setOrder(o);
    setLines(o.lines.filter((l) => l.returnable && l.collectedQuantity - l.returnedQuantity > 0).map((l) => ({
      lineNo: l.lineNo, quantity: 0, disposition: 'restock', label: `${l.sku} · ${l.name}`, max: l.collectedQuantity - l.returnedQuantity,
    })));
  };
  const targetId = () => order?.id ?? orderId.trim();
  const chosen = lines.filter((l) => l.quantity > 0).map(({ lineNo, quantity, disposition }) => ({ lineNo, quantity, disposition }));
  const doReturn = useAction(async (key) => {
    const r = await api.post<ReturnResult>(`/v1/staff/stores/${store.id}/returns`, { orderId: targetId(), lines: chosen, refundTo }, { idempotencyKey: key });
    setDone(t('returns.done', { amount: fmt.money(r.refundMinor, r.currency), to: t(`returns.to.${r.refundTo}`) }));
    setLines([]);
  });
  const doExchange = useAction(async (key) => {
    const v = await api.get<{ id: string }>('/v1/staff/variants/lookup', { code: exchangeSku.trim() });
    const r = await api.post<ExchangeResult>(`/v1/staff/stores/${store.id}/exchanges`, {
      orderId: targetId(), returnLines: chosen, newLines: [{ variantId: v.id, quantity: chosen.reduce((n, l) => n + l.quantity, 0) || 1 }], refundTo, paidInStore: {},
    }, { idempotencyKey: key });
    setDone(r.differenceMinor > 0 ? t('returns.exchangePay', { amount: fmt.money(r.differenceMinor, r.currency) })
      : r.differenceMinor < 0 ? t('returns.exchangeRefund', { amount: fmt.money(-r.differenceMinor, r.currency) }) : t('returns.exchangeEven'));
    setLines([]);
  });
  return (
    <section className="stack" style={{ maxInlineSize: 820 }}>
      <h1>{t('returns.title')}</h1>
      <form className="card row" onSubmit={(e) => { e.preventDefault(); if (orderId.trim()) void find.run(); }}>
        <Field label={t('returns.orderId')} hint={t('returns.orderIdHint')}><input required dir="ltr" autoCapitalize="characters" pattern="[0-9A-Za-z-]{4,40}" value={orderId} onChange={(e) => { setOrderId(e.target.value); setOrder(null); setLines([]); }} /></Field>
        <button type="submit" className="button secondary" disabled={find.busy}>{t('returns.find')}</button>
      </form>
      {order ? <p>{t('returns.orderOf', { number: order.number, name: order.contact.name })}</p> : lines.length ? <p className="notice">{t('returns.otherStore')}</p> : null}
      {lines.length ? (
        <div className="card stack">
          {lines.map((l, i) => (
            <fieldset key={i} className="row">
              <legend>{l.label || t('returns.line', { n: l.lineNo })}</legend>
              {!order ? <Field label={t('returns.lineNo')}><input type="number" min={1} value={l.lineNo} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, lineNo: Number(e.target.value) } : x)))} style={{ inlineSize: 80 }} /></Field> : null}
              <Field label={t('common.quantity')}><input type="number" min={0} max={l.max} value={l.quantity} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, quantity: Math.min(l.max, Math.max(0, Number(e.target.value) || 0)) } : x)))} style={{ inlineSize: 80 }} /></Field>
              <Field label={t('returns.disposition')}>
                <select value={l.disposition} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, disposition: e.target.value as Disposition } : x)))}>
                  {(['restock', 'damaged'] as const).map((d) => <option key={d} value={d}>{t(`returns.disposition.${d}`)}</option>)}
                </select>
              </Field>
            </fieldset>
          ))}
          <fieldset className="row"><legend>{t('returns.refundTo')}</legend>
            {(['original', 'store_credit'] as const).map((r) => <label key={r} className="choice"><input type="radio" name="refund" checked={refundTo === r} onChange={() => setRefundTo(r)} />{t(`returns.to.${r}`)}</label>)}
          </fieldset>
          {doReturn.error ? <ErrorPanel error={doReturn.error} onRetry={doReturn.retry} /> : null}
          <button type="button" className="button" disabled={!chosen.length || doReturn.busy} onClick={() => void doReturn.run()}>{t('returns.confirm')}</button>
          <div className="row">
            <Field label={t('returns.exchangeFor')}><input dir="ltr" value={exchangeSku} onChange={(e) => setExchangeSku(e.target.value)} /></Field>
            <button type="button" className="button secondary" disabled={!chosen.length || !exchangeSku.trim() || doExchange.busy} onClick={() => void doExchange.run()}>{t('returns.exchange')}</button>
          </div>
          {doExchange.error ? <ErrorPanel error={doExchange.error} onRetry={doExchange.retry} /> : null}
        </div>
      ) : null}
      {find.error ? <ErrorPanel error={find.error} /> : null}
      {done ? <p className="notice ok" role="status">{done}</p> : null}
    </section>
  );
}
