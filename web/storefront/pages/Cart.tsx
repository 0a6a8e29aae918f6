import { useEffect, useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Link, navigate } from '@shared/router.tsx';
import { Async, ErrorPanel, Field, useAction, useAsync } from '@shared/ui.tsx';
import { addCode, cartId, fulfilmentOptions, holdStock, loadCart, removeCode, setFulfilment, setQuantity, forgetCart, type Cart } from '../cart.ts';
import { LocationPicker, useShopperLocation } from '../location.tsx';
import { rememberOrder, type Order } from '../orders.ts';
import { api, shopPath, customerToken } from '../shop.ts';
import { cartToken } from '../cart.ts';

type Payment = 'card' | 'pay_in_store';

/** The cart's hold is still good for this store and every unit now in the cart (lines changed since need a new hold). */
const holdCovers = (cart: Cart, storeId: string) => Boolean(cart.hold && cart.hold.storeId === storeId && Date.parse(cart.hold.expiresAt) > Date.now()
  && cart.lines.every((l) => cart.hold!.lines.some((h) => h.variantId === l.variantId && h.quantity >= l.quantity)));

export function CartPage() {
  const { t } = useI18n();
  const cart = useAsync((signal) => loadCart(signal), []);
  return (
    <section className="stack">
      <h1>{t('cart.title')}</h1>
      <Async state={cart}>
        {(c) => (!c || c.lines.length === 0
          ? <p>{t('cart.empty')} <Link to="/">{t('cart.continue')}</Link></p>
          : <CartView cart={c} onChange={cart.setData} />)}
      </Async>
    </section>
  );
}

function CartView({ cart, onChange }: { cart: Cart; onChange(c: Cart): void }) {
  const { t, fmt, locale } = useI18n();
  const money = (m: number) => fmt.money(m, cart.currency);
  const [code, setCode] = useState('');
  const [location, setLocation] = useShopperLocation();
  const [payment, setPayment] = useState<Payment>(cart.fulfilment.type === 'reserve_pay_in_store' ? 'pay_in_store' : 'card');
  const [contact, setContact] = useState({ name: '', email: '', phone: '' });
  const [card, setCard] = useState({ number: '', exp: '', cvc: '' });
  const lineKey = cart.lines.map((l) => `${l.variantId}:${l.quantity}`).join(',');
  const options = useAsync((signal) => fulfilmentOptions(location, signal), [lineKey, location?.lat, location?.lng]);
  const update = useAction(async (_key, fn: () => Promise<Cart>) => onChange(await fn()));
  const applyCode = useAction(async (key) => { onChange(await addCode(key, code.trim())); setCode(''); });
  const hold = useAction(async (key) => onChange(await holdStock(key)));
  const fulfilment = payment === 'pay_in_store' ? 'reserve_pay_in_store' : 'pickup';
  const stores = (payment === 'pay_in_store' ? options.data?.reservePayInStore : options.data?.pickup) ?? [];
  const storeId = cart.fulfilment.storeId && stores.some((s) => s.storeId === cart.fulfilment.storeId) ? cart.fulfilment.storeId : null;

  // Keep the server's fulfilment in step with the payment choice, so prices (pickup prices) are right.
  useEffect(() => {
    if (cart.fulfilment.type !== fulfilment) void update.run(() => setFulfilment(fulfilment, storeId ?? undefined));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fulfilment]);

  const place = useAction(async (key) => {
    const [month, year] = card.exp.split('/').map((s) => Number(s.trim()));
    const body = {
      fulfilment, storeId, locale,
      contact: { ...(contact.name ? { name: contact.name } : {}), ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}) },
      payment: payment === 'card'
        ? { method: 'card', card: { number: card.number.replace(/\s+/g, ''), expMonth: month, expYear: year < 100 ? 2000 + year : year, cvc: card.cvc } }
        : { method: 'pay_in_store' },
    };
    const token = cartToken();
    const r = await api.request<{ orders: Order[] }>('POST', shopPath(`/carts/${cartId()}/checkout`), { body, headers: token ? { 'x-cart-token': token } : undefined, idempotencyKey: key });
    r.orders.forEach(rememberOrder);
    forgetCart();
    const first = r.orders[0];
    navigate(`/orders/${first.id}${first.accessToken ? `?token=${encodeURIComponent(first.accessToken)}` : ''}`);
  });

  const signedIn = Boolean(customerToken.get());
  return (
    <div className="stack">
      <div className="table-wrap">
        <table>
          <thead><tr><th>{t('cart.item')}</th><th className="num">{t('common.quantity')}</th><th className="num">{t('cart.price')}</th><th className="num">{t('common.total')}</th><th><span className="visually-hidden">{t('common.remove')}</span></th></tr></thead>
          <tbody>
            {cart.lines.map((l) => (
              <tr key={l.variantId}>
                <td>{l.name}<div className="small muted" dir="ltr">{l.sku}</div>{!l.sellable ? <div className="small" style={{ color: 'var(--bad)' }}>{t('cart.notSellable')}</div> : null}</td>
                <td className="num">
                  <input type="number" min={0} max={999} aria-label={t('cart.quantityOf', { name: l.name })} value={l.quantity} style={{ inlineSize: 80 }}
                    onChange={(e) => void update.run(() => setQuantity(l.variantId, Math.max(0, Number(e.target.value) || 0)))} />
                </td>
                <td className="num">{money(l.unitPriceMinor)}{l.listPriceMinor > l.unitPriceMinor ? <div className="strike small">{money(l.listPriceMinor)}</div> : null}</td>
                <td className="num">{money(l.totalMinor)}</td>
                <td><button type="button" className="button secondary small" onClick={() => void update.run(() => setQuantity(l.variantId, 0))}>{t('common.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {update.error ? <ErrorPanel error={update.error} onRetry={update.retry} /> : null}

      <form className="row" onSubmit={(e) => { e.preventDefault(); if (code.trim()) void applyCode.run(); }}>
        <Field label={t('cart.code')}><input value={code} onChange={(e) => setCode(e.target.value)} dir="ltr" autoCapitalize="characters" /></Field>
        <button type="submit" className="button secondary" disabled={applyCode.busy} style={{ alignSelf: 'center' }}>{t('cart.applyCode')}</button>
      </form>
      {applyCode.error ? <ErrorPanel error={applyCode.error} /> : null}
      {cart.codes.map((c) => (
        <div key={c.code} className={`notice ${c.applies ? 'ok' : 'warn'}`}>
          <span className="code">{c.code}</span> · {c.applies ? t('cart.codeSaves', { amount: money(c.discountMinor) }) : t('cart.codeNotApplied')}
          {' '}<button type="button" className="button secondary small" onClick={() => void update.run(() => removeCode(c.code))}>{t('common.remove')}</button>
        </div>
      ))}

      <dl className="card" style={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: 4, margin: 0 }}>
        <dt>{t('cart.subtotal')}</dt><dd className="num" style={{ margin: 0 }}>{money(cart.totals.subtotalMinor)}</dd>
        {cart.totals.discountMinor ? <><dt>{t('cart.discount')}</dt><dd className="num" style={{ margin: 0 }}>−{money(cart.totals.discountMinor)}</dd></> : null}
        <dt>{cart.totals.taxMode === 'inclusive' ? t('cart.taxIncluded') : t('cart.tax')}</dt><dd className="num" style={{ margin: 0 }}>{money(cart.totals.taxMinor)}</dd>
        <dt><strong>{t('common.total')}</strong></dt><dd className="num price" style={{ margin: 0 }} data-testid="cart-total">{money(cart.totals.totalMinor)}</dd>
      </dl>

      <h2>{t('checkout.title')}</h2>
      <fieldset className="card">
        <legend>{t('checkout.howToPay')}</legend>
        <label className="choice"><input type="radio" name="payment" checked={payment === 'card'} onChange={() => setPayment('card')} />{t('checkout.payOnline')}</label>
        <label className="choice"><input type="radio" name="payment" checked={payment === 'pay_in_store'} onChange={() => setPayment('pay_in_store')} />{t('checkout.payInStore')}</label>
      </fieldset>

      <fieldset className="card stack">
        <legend>{t('checkout.pickupStore')}</legend>
        <LocationPicker location={location} onChange={setLocation} />
        <Async state={options}>
          {(o) => (
            <div className="stack">
              {stores.length === 0 ? <p className="notice warn">{t('checkout.noStoreHasAll')}</p> : stores.map((s) => (
                <label key={s.storeId} className="choice card">
                  <input type="radio" name="store" checked={storeId === s.storeId} onChange={() => void update.run(() => setFulfilment(fulfilment, s.storeId))} />
                  <span><strong>{s.name}</strong> · {s.city}{s.distanceKm != null ? ` · ${t('common.km', { distance: fmt.distance(s.distanceKm * 1000) })}` : ''}</span>
                </label>
              ))}
              {o.shortLines.length ? (
                <div className="notice warn">
                  <p>{t('checkout.shortLines')}</p>
                  <ul>{o.shortLines.map((l) => {
                    const line = cart.lines.find((x) => x.variantId === l.variantId);
                    return <li key={l.variantId}>{line?.name ?? l.variantId}: {t('checkout.shortBy', { available: l.available, requested: l.requested })}{l.nearestStore ? ` · ${t('checkout.nearestWith', { store: l.nearestStore.name })}` : ''}</li>;
                  })}</ul>
                </div>
              ) : null}
            </div>
          )}
        </Async>
        {storeId && holdCovers(cart, storeId)
          ? <p className="notice ok" data-testid="hold">{t('checkout.heldUntil', { time: fmt.time(cart.hold!.expiresAt) })}</p>
          : storeId ? (
            <div className="row">
              <button type="button" className="button secondary small" disabled={hold.busy || update.busy} onClick={() => void hold.run()}>{t('checkout.hold')}</button>
              <span className="small muted">{t('checkout.holdHint')}</span>
            </div>
          ) : null}
        {hold.error ? <ErrorPanel error={hold.error} onRetry={hold.retry} /> : null}
      </fieldset>

      {!signedIn ? (
        <fieldset className="card">
          <legend>{t('checkout.contact')}</legend>
          <p className="small muted">{t('checkout.contactHint')} <Link to="/account">{t('checkout.signInInstead')}</Link></p>
          <Field label={t('checkout.name')}><input required autoComplete="name" value={contact.name} onChange={(e) => setContact({ ...contact, name: e.target.value })} /></Field>
          <Field label={t('common.email')}><input type="email" required autoComplete="email" dir="ltr" value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} /></Field>
          <Field label={t('checkout.phone')}><input type="tel" autoComplete="tel" dir="ltr" value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} /></Field>
        </fieldset>
      ) : null}

      {payment === 'card' ? (
        <fieldset className="card">
          <legend>{t('checkout.card')}</legend>
          <p className="small muted">{t('checkout.testCard')}</p>
          <Field label={t('checkout.cardNumber')}><input inputMode="numeric" autoComplete="cc-number" dir="ltr" value={card.number} onChange={(e) => setCard({ ...card, number: e.target.value })} /></Field>
          <div className="row">
            <Field label={t('checkout.expiry')}><input autoComplete="cc-exp" dir="ltr" placeholder={t('checkout.expiryFormat')} value={card.exp} onChange={(e) => setCard({ ...card, exp: e.target.value })} style={{ inlineSize: 110 }} /></Field>
            <Field label={t('checkout.cvc')}><input inputMode="numeric" autoComplete="cc-csc" dir="ltr" value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} style={{ inlineSize: 90 }} /></Field>
          </div>
        </fieldset>
      ) : <p className="notice">{t('checkout.payInStoreNote')}</p>}

      {place.error ? <ErrorPanel error={place.error} onRetry={place.retry} /> : null}
      <button type="button" className="button" disabled={place.busy || !storeId || update.busy} onClick={() => void place.run()}>
        {payment === 'card' ? t('checkout.placeAndPay', { total: money(cart.totals.totalMinor) }) : t('checkout.reserve')}
      </button>
    </div>
  );
}
