import { useEffect, useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Link, useRoute } from '@shared/router.tsx';
import { Async, ErrorPanel, Field, QrCode, useAction, useAsync } from '@shared/ui.tsx';
import { useShopperLocation } from '../location.tsx';
import { arrival, claimOffer, offerLanding, rememberArrival, type Claim } from '../offers.ts';
import { OfferValue } from '../offer-text.tsx';
import { customerToken, shopCurrency } from '../shop.ts';
import { AuthForms } from './Account.tsx';

/** The page a tracking link lands on: the offer, where to use it, and a claim into the wallet. */
export function LandingPage({ campaignId }: { campaignId: string }) {
  const { t, fmt } = useI18n();
  const { query } = useRoute();
  useEffect(() => rememberArrival(query), [query]);
  const [location] = useShopperLocation();
  const landing = useAsync(async (signal) => ({ offer: await offerLanding(campaignId, signal), currency: await shopCurrency() }), [campaignId]);
  const [signedIn, setSignedIn] = useState(Boolean(customerToken.get()));
  const [storeId, setStoreId] = useState('');
  const [claim, setClaim] = useState<Claim | null>(null);
  const doClaim = useAction(async (key) => {
    const a = arrival();
    setClaim(await claimOffer(key, campaignId, {
      ...(storeId ? { storeId } : {}), ...(location ? { location: { lat: location.lat, lng: location.lng } } : {}),
      ...(a.campaign === campaignId && a.channel ? { channel: a.channel } : {}), ...(a.campaign === campaignId && a.source ? { source: a.source } : {}),
    }));
  });
  return (
    <Async state={landing}>
      {({ offer: o, currency }) => (
        <article className="stack" style={{ maxInlineSize: 720 }}>
          <section className="hero">
            <h1>{o.name}</h1>
            {o.offers.map((x) => <p key={x.id} style={{ margin: 0 }}><OfferValue offer={x} currency={currency} /></p>)}
            {o.endsAt ? <p className="small">{t('offers.until', { date: fmt.date(o.endsAt) })}</p> : null}
          </section>
          {claim ? (
            <section className="card stack" style={{ alignItems: 'center', textAlign: 'center' }} aria-labelledby="claimed-title">
              <h2 id="claimed-title">{claim.alreadyClaimed ? t('offers.alreadyClaimed') : t('offers.claimed')}</h2>
              <QrCode value={claim.code} label={t('wallet.qrOf', { code: claim.code })} />
              <p data-testid="claimed-code" className="code" dir="ltr" style={{ fontSize: '1.5rem', margin: 0 }}>{claim.code}</p>
              <p className="small">{t('offers.showAtTill')}</p>
              <Link to="/account/wallet">{t('offers.openWallet')}</Link>
            </section>
          ) : !signedIn ? (
            <>
              <p className="notice">{t('offers.signInToClaim')}</p>
              <AuthForms onDone={() => setSignedIn(true)} />
            </>
          ) : (
            <form className="card stack" onSubmit={(e) => { e.preventDefault(); void doClaim.run(); }}>
              {o.stores.length ? (
                <Field label={t('offers.whichStore')}>
                  <select value={storeId} onChange={(e) => setStoreId(e.target.value)}>
                    <option value="">{t('offers.anyStore')}</option>
                    {o.stores.map((s) => <option key={s.storeId} value={s.storeId}>{s.name}</option>)}
                  </select>
                </Field>
              ) : null}
              {doClaim.error ? <ErrorPanel error={doClaim.error} onRetry={doClaim.retry} /> : null}
              <button type="submit" className="button" disabled={doClaim.busy}>{t('offers.claim')}</button>
            </form>
          )}
        </article>
      )}
    </Async>
  );
}
