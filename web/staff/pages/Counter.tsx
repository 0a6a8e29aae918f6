import { useState } from 'react';
import { ApiError, newIdempotencyKey } from '@shared/api.ts';
import { useI18n } from '@shared/i18n.tsx';
import { ErrorPanel, Field, useAction } from '@shared/ui.tsx';
import { api, session, type ChosenStore } from '../session.ts';
import { canScan, Scanner } from '../scanner.tsx';

interface Line { variantId: string; sku: string; name: string; quantity: number; unitPriceMinor: number }
interface Validation { valid: boolean; code: string; reason?: string; discountMinor: number; offerKind?: string }
interface Redemption { id: string; code: string; discountMinor: number; currency: string; redeemedAt: string; voidedAt: string | null }
interface SaleResult { status: string; saleId?: string; totalMinor?: number; pointsEarned?: number; error?: { code: string; detail: string } }
interface LookedUp { id: string; sku: string; product: { name: Record<string, string> }; prices: { currency: string; priceMinor: number }[] }

/** The counter: build the basket, then validate and redeem a coupon or voucher exactly once (or void it). */
export function CounterPage({ store }: { store: ChosenStore }) {
  const { t, fmt, name } = useI18n();
  const currency = session.get()?.merchant.currency ?? 'MYR';
  const [lines, setLines] = useState<Line[]>([]);
  const [sku, setSku] = useState('');
  const [code, setCode] = useState('');
  const [scan, setScan] = useState<'code' | null>(null);
  const [result, setResult] = useState<Validation | null>(null);
  const [redeemed, setRedeemed] = useState<Redemption | null>(null);
  const [saleRef, setSaleRef] = useState(() => `counter-${newIdempotencyKey()}`);
  const [payment, setPayment] = useState('card');
  const [sale, setSale] = useState<SaleResult | null>(null);
  const total = lines.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0);
  const basket = () => ({ code: code.trim(), storeId: store.id, currency, lines: lines.map(({ variantId, sku: s, quantity, unitPriceMinor }) => ({ variantId, sku: s, quantity, unitPriceMinor })) });

  const addItem = useAction(async (_key, value: string) => {
    const v = await api.get<LookedUp>('/v1/staff/variants/lookup', { code: value });
    const price = v.prices.find((p) => p.currency === currency)?.priceMinor ?? 0;
    setLines((ls) => {
      const found = ls.find((l) => l.variantId === v.id);
      return found ? ls.map((l) => (l === found ? { ...l, quantity: l.quantity + 1 } : l)) : [...ls, { variantId: v.id, sku: v.sku, name: name(v.product.name, v.sku), quantity: 1, unitPriceMinor: price }];
    });
    setSku('');
    setResult(null);
  });
  const validate = useAction(async (key) => {
    try {
      setResult(await api.post<Validation>('/v1/pos/codes/validate', basket(), { idempotencyKey: key }));
    } catch (err) {
      // "No such code" is an answer at the counter, not a failure.
      if (err instanceof ApiError && err.status === 404 && err.code === 'code_not_found') setResult({ valid: false, code: code.trim(), reason: 'unknown_code', discountMinor: 0 });
      else throw err;
    }
  });
  const redeem = useAction(async (key) => {
    const r = await api.post<{ replayed: boolean; redemption: Redemption }>('/v1/pos/redemptions', { ...basket(), saleRef, clientRedemptionId: `counter-${key}` }, { idempotencyKey: key });
    setRedeemed(r.redemption);
  });
  const voidIt = useAction(async (key) => {
    setRedeemed(await api.post<Redemption>(`/v1/pos/redemptions/${redeemed!.id}/void`, { reason: 'sale cancelled at the counter' }, { idempotencyKey: key }));
  });
  // The sale itself is reported like any till's: lines, payment, the code it used; this is what attribution counts.
  const completeSale = useAction(async (key) => {
    const discount = redeemed && !redeemed.voidedAt ? redeemed.discountMinor : 0;
    const r = await api.post<{ results: SaleResult[] }>('/v1/pos/sales', {
      storeId: store.id,
      sales: [{
        clientSaleId: saleRef, occurredAt: new Date().toISOString(), paymentMethod: payment, currency,
        lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
        ...(discount ? { codes: [{ code: redeemed!.code, discountMinor: discount }], customer: { code: redeemed!.code } } : {}),
      }],
    }, { idempotencyKey: key });
    const first = r.results[0];
    if (first?.status === 'rejected') throw new ApiError(422, first.error?.code ?? 'validation', first.error?.detail ?? '');
    setSale(first);
  });
  const reset = () => { setLines([]); setCode(''); setResult(null); setRedeemed(null); setSale(null); setSaleRef(`counter-${newIdempotencyKey()}`); };

  return (
    <section className="stack" style={{ maxInlineSize: 820 }}>
      <h1>{t('counter.title')}</h1>
      <form className="card row" onSubmit={(e) => { e.preventDefault(); if (sku.trim()) void addItem.run(sku.trim()); }}>
        <Field label={t('counter.addItem')} hint={t('counter.addItemHint')}><input dir="ltr" value={sku} onChange={(e) => setSku(e.target.value)} autoComplete="off" /></Field>
        <button type="submit" className="button secondary" disabled={addItem.busy}>{t('common.add')}</button>
      </form>
      {addItem.error ? <ErrorPanel error={addItem.error} /> : null}
      {lines.length ? (
        <table>
          <thead><tr><th>{t('common.sku')}</th><th>{t('common.name')}</th><th className="num">{t('common.quantity')}</th><th className="num">{t('common.total')}</th><th /></tr></thead>
          <tbody>{lines.map((l) => (
            <tr key={l.variantId}><td dir="ltr" className="code">{l.sku}</td><td>{l.name}</td>
              <td className="num"><input type="number" min={1} value={l.quantity} aria-label={t('common.quantity')} style={{ inlineSize: 80 }}
                onChange={(e) => setLines(lines.map((x) => (x === l ? { ...x, quantity: Math.max(1, Number(e.target.value) || 1) } : x)))} /></td>
              <td className="num">{fmt.money(l.quantity * l.unitPriceMinor, currency)}</td>
              <td><button type="button" className="button secondary small" onClick={() => setLines(lines.filter((x) => x !== l))}>{t('common.remove')}</button></td></tr>
          ))}</tbody>
          <tfoot><tr><th colSpan={3}>{t('common.total')}</th><td className="num price">{fmt.money(total, currency)}</td><td /></tr></tfoot>
        </table>
      ) : <p className="muted">{t('counter.emptyBasket')}</p>}

      <form className="card stack" onSubmit={(e) => { e.preventDefault(); if (code.trim()) void validate.run(); }}>
        <Field label={t('counter.code')}><input className="big-input code" dir="ltr" value={code} onChange={(e) => { setCode(e.target.value); setResult(null); }} autoComplete="off" autoCapitalize="characters" /></Field>
        <div className="row">
          <button type="submit" className="button" disabled={validate.busy || !lines.length}>{t('counter.validate')}</button>
          {canScan() ? <button type="button" className="button secondary" onClick={() => setScan(scan ? null : 'code')}>{scan ? t('scan.stop') : t('scan.start')}</button> : null}
        </div>
      </form>
      {scan ? <Scanner onResult={(v) => { setScan(null); setCode(v); }} /> : null}
      {validate.error ? <ErrorPanel error={validate.error} onRetry={validate.retry} /> : null}
      {result && !redeemed ? (
        result.valid ? (
          <div className="notice ok" role="status">
            <p data-testid="code-valid">{t('counter.valid', { amount: fmt.money(result.discountMinor, currency) })}</p>
            <p>{t('counter.toPay', { total: fmt.money(Math.max(0, total - result.discountMinor), currency) })}</p>
            <button type="button" className="button" disabled={redeem.busy} onClick={() => void redeem.run()}>{t('counter.redeem')}</button>
          </div>
        ) : <p className="notice warn" role="alert" data-testid="code-invalid">{t('counter.invalid')} {t(`reason.${result.reason}`)}</p>
      ) : null}
      {redeem.error ? <ErrorPanel error={redeem.error} onRetry={redeem.retry} /> : null}
      {redeemed ? (
        <div className={`notice ${redeemed.voidedAt ? 'warn' : 'ok'}`} role="status">
          <p data-testid="redeemed">{redeemed.voidedAt ? t('counter.voided', { code: redeemed.code }) : t('counter.redeemed', { code: redeemed.code, amount: fmt.money(redeemed.discountMinor, redeemed.currency) })}</p>
          <div className="row">
            {!redeemed.voidedAt ? <button type="button" className="button danger" disabled={voidIt.busy} onClick={() => void voidIt.run()}>{t('counter.void')}</button> : null}
            <button type="button" className="button secondary" onClick={reset}>{t('counter.nextCustomer')}</button>
          </div>
          {voidIt.error ? <ErrorPanel error={voidIt.error} onRetry={voidIt.retry} /> : null}
        </div>
      ) : null}
      {lines.length && !sale ? (
        <div className="card row">
          <Field label={t('counter.payment')}>
            <select value={payment} onChange={(e) => setPayment(e.target.value)}>{['card', 'cash', 'ewallet'].map((p) => <option key={p} value={p}>{t(`counter.pay.${p}`)}</option>)}</select>
          </Field>
          <button type="button" className="button" disabled={completeSale.busy} onClick={() => void completeSale.run()}>{t('counter.completeSale')}</button>
        </div>
      ) : null}
      {completeSale.error ? <ErrorPanel error={completeSale.error} onRetry={completeSale.retry} /> : null}
      {sale ? (
        <div className="notice ok" role="status">
          <p data-testid="sale-recorded">{t('counter.saleRecorded', { total: fmt.money(sale.totalMinor ?? 0, currency) })}{sale.pointsEarned ? ` ${t('counter.pointsEarned', { points: sale.pointsEarned })}` : ''}</p>
          <button type="button" className="button secondary" onClick={reset}>{t('counter.nextCustomer')}</button>
        </div>
      ) : null}
    </section>
  );
}
