import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, Field, saveFile, toCsv, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';

interface Settlement {
  from: string; to: string;
  stores: { storeId: string; storeName: string; currency: string; vouchers: number; owedMinor: number; soldMinor: number }[];
  outstanding: { currency: string; vouchers: number; soldMinor: number }[];
}

const monthStart = () => { const d = new Date(); return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString().slice(0, 10); };
const today = () => new Date().toISOString().slice(0, 10);

/** Prepaid vouchers: what each store is owed for the vouchers it redeemed in a period, and what is still outstanding. */
export function VouchersPage() {
  const { t, fmt } = useI18n();
  const [range, setRange] = useState({ from: monthStart(), to: today() });
  // The period runs from the start of its first day to the end of its last (UTC, as the API counts).
  const settlement = useAsync((signal) => api.request<Settlement>('GET', '/v1/admin/vouchers/settlement', {
    signal, query: { from: `${range.from}T00:00:00.000Z`, to: new Date(Date.parse(`${range.to}T00:00:00.000Z`) + 86_400_000).toISOString() },
  }), [range.from, range.to]);
  const download = (s: Settlement) => saveFile(`voucher-settlement-${range.from}-${range.to}.csv`, toCsv([
    ['store', 'currency', 'vouchers', 'owed_minor', 'sold_minor'],
    ...s.stores.map((r) => [r.storeName, r.currency, r.vouchers, r.owedMinor, r.soldMinor]),
  ]));
  return (
    <section className="stack">
      <h1>{t('nav.vouchers')}</h1>
      <div className="row">
        <Field label={t('vouchers.from')}><input type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} /></Field>
        <Field label={t('vouchers.to')}><input type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} /></Field>
      </div>
      <Async state={settlement}>
        {(s) => (
          <>
            <h2>{t('vouchers.owed')}</h2>
            {s.stores.length ? (
              <div className="table-wrap"><table>
                <thead><tr><th>{t('vouchers.store')}</th><th className="num">{t('vouchers.redeemed')}</th><th className="num">{t('vouchers.owedAmount')}</th><th className="num">{t('vouchers.soldAmount')}</th></tr></thead>
                <tbody>{s.stores.map((r) => (
                  <tr key={`${r.storeId}-${r.currency}`}><td>{r.storeName}</td><td className="num">{fmt.number(r.vouchers)}</td>
                    <td className="num" data-testid="voucher-owed">{fmt.money(r.owedMinor, r.currency)}</td><td className="num">{fmt.money(r.soldMinor, r.currency)}</td></tr>
                ))}</tbody>
              </table></div>
            ) : <p>{t('vouchers.noneRedeemed')}</p>}
            <button type="button" className="button secondary" disabled={!s.stores.length} onClick={() => download(s)}>{t('vouchers.download')}</button>
            <h2>{t('vouchers.outstanding')}</h2>
            {s.outstanding.length
              ? <ul>{s.outstanding.map((o) => <li key={o.currency}>{t('vouchers.outstandingLine', { count: o.vouchers, amount: fmt.money(o.soldMinor, o.currency) })}</li>)}</ul>
              : <p>{t('common.none')}</p>}
          </>
        )}
      </Async>
    </section>
  );
}
