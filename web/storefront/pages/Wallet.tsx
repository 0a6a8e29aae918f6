import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, ErrorPanel, Field, QrCode, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { saveCode, wallet } from '../offers.ts';

/** The coupon wallet: each code with its offer, validity, state and a QR to show at the till. */
export function Wallet() {
  const { t, fmt } = useI18n();
  const items = useAsync((signal) => wallet(signal), []);
  const [code, setCode] = useState('');
  const save = useAction(async (key) => { await saveCode(key, code.trim()); setCode(''); items.reload(); });
  return (
    <div className="stack">
      <form className="row" onSubmit={(e) => { e.preventDefault(); if (code.trim()) void save.run(); }}>
        <Field label={t('wallet.addCode')}><input dir="ltr" value={code} onChange={(e) => setCode(e.target.value)} autoCapitalize="characters" /></Field>
        <button type="submit" className="button secondary" disabled={save.busy}>{t('common.add')}</button>
      </form>
      {save.error ? <ErrorPanel error={save.error} /> : null}
      <Async state={items} empty={<p>{t('wallet.empty')}</p>}>
        {(list) => (
          <ul className="store-list">
            {list.map((w) => (
              <li key={w.claimId} className="card wallet-code">
                {w.state === 'usable' ? <QrCode value={w.code} label={t('wallet.qrOf', { code: w.code })} size={120} /> : <span className="code" dir="ltr">{w.code}</span>}
                <div className="stack" style={{ gap: 4 }}>
                  <strong>{w.campaignName}</strong>
                  <span>{w.offer.name}</span>
                  {w.validUntil ? <span className="small muted">{t('offers.until', { date: fmt.date(w.validUntil) })}</span> : null}
                  <StatusBadge status={w.state === 'usable' ? 'active' : w.state === 'used' ? 'redeemed' : 'expired'} label={t(`wallet.state.${w.state}`)} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Async>
    </div>
  );
}
