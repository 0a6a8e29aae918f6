import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Link, navigate, useRoute } from '@shared/router.tsx';
import { Async, ErrorPanel, Field, StatusBadge, useAction, useAsync } from '@shared/ui.tsx';
import { guestOrderIds, getOrder, myOrders } from '../orders.ts';
import { api, customerToken, shopPath } from '../shop.ts';
import { forgetCart } from '../cart.ts';
import { Wallet } from './Wallet.tsx';

interface Me { id: string; email: string | null; name: string; locale: string }

export function AccountPage({ tab }: { tab: string }) {
  const { t } = useI18n();
  const [signedIn, setSignedIn] = useState(Boolean(customerToken.get()));
  if (tab === 'reset-password') return <ResetPassword onDone={() => { setSignedIn(true); navigate('/account/orders'); }} />;
  if (!signedIn) return <AuthForms onDone={() => setSignedIn(true)} />;
  const tabs: [string, string][] = [['orders', 'account.orders'], ['wallet', 'account.wallet'], ['loyalty', 'account.loyalty']];
  return (
    <section className="stack">
      <div className="spread">
        <h1>{t('account.title')}</h1>
        <button type="button" className="button secondary small" onClick={() => { customerToken.set(null); forgetCart(); setSignedIn(false); }}>{t('common.signOut')}</button>
      </div>
      <div className="tabs" role="tablist">
        {tabs.map(([id, key]) => <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => navigate(`/account/${id}`)}>{t(key)}</button>)}
      </div>
      {tab === 'wallet' ? <Wallet /> : tab === 'loyalty' ? <Loyalty /> : <Orders />}
    </section>
  );
}

function OrderList({ orders }: { orders: Awaited<ReturnType<typeof myOrders>> }) {
  const { t, fmt } = useI18n();
  if (!orders.length) return <p>{t('account.noOrders')}</p>;
  return (
    <ul className="store-list">
      {orders.map((o) => (
        <li key={o.id} className="card spread">
          <Link to={`/orders/${o.id}`}>{t('order.title', { number: o.number })}</Link>
          <span>{fmt.date(o.createdAt)} · {fmt.money(o.totals.totalMinor, o.currency)}</span>
          <StatusBadge status={o.status} label={t(`status.${o.status}`)} />
          {o.pickup.code ? <span className="code" dir="ltr">{o.pickup.code}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Orders() {
  const orders = useAsync((signal) => myOrders(signal), []);
  return <Async state={orders}>{(items) => <OrderList orders={items} />}</Async>;
}

export function GuestOrders() {
  const { t } = useI18n();
  const ids = guestOrderIds();
  const orders = useAsync((signal) => Promise.all(ids.map((id) => getOrder(id, signal).catch(() => null))).then((r) => r.filter((o) => o !== null)), []);
  if (!ids.length) return null;
  return <section><h2>{t('account.ordersOnDevice')}</h2><Async state={orders}>{(items) => <OrderList orders={items} />}</Async></section>;
}

interface LoyaltyAccount {
  cardNumber: string | null; balance: number; lifetimePoints: number; tier: string | null; benefits: string[];
  nextTier: { name: string; pointsNeeded: number } | null; nextExpiry: { points: number; at: string } | null;
  ledger: { id: string; kind: string; points: number; note: string | null; at: string }[];
}

function Loyalty() {
  const { t, fmt } = useI18n();
  const account = useAsync((signal) => api.request<LoyaltyAccount>('GET', shopPath('/me/loyalty'), { signal }), []);
  return (
    <Async state={account}>
      {(a) => (
        <div className="stack">
          <div className="card surface">
            <p style={{ fontSize: '2rem', margin: 0 }} data-testid="points">{t('loyalty.points', { points: a.balance })}</p>
            {a.tier ? <p>{t('loyalty.tier', { tier: a.tier })}</p> : null}
            {a.nextTier ? <p className="small">{t('loyalty.nextTier', { tier: a.nextTier.name, points: a.nextTier.pointsNeeded })}</p> : null}
            {a.nextExpiry ? <p className="small muted">{t('loyalty.expiring', { points: a.nextExpiry.points, date: fmt.date(a.nextExpiry.at) })}</p> : null}
            {a.cardNumber ? <p className="small">{t('loyalty.card')} <span className="code" dir="ltr">{a.cardNumber}</span></p> : null}
          </div>
          {a.ledger.length ? (
            <table><thead><tr><th>{t('common.date')}</th><th>{t('loyalty.entry')}</th><th className="num">{t('loyalty.pointsColumn')}</th></tr></thead>
              <tbody>{a.ledger.map((l) => <tr key={l.id}><td>{fmt.date(l.at)}</td><td>{t(`loyalty.kind.${l.kind}`)}</td><td className="num">{fmt.number(l.points, { signDisplay: 'exceptZero' })}</td></tr>)}</tbody>
            </table>
          ) : <p>{t('loyalty.none')}</p>}
        </div>
      )}
    </Async>
  );
}

export function AuthForms({ onDone }: { onDone(): void }) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const submit = useAction(async (key) => {
    const r = mode === 'signin'
      ? await api.post<{ token: string; customer: Me }>(shopPath('/auth/login'), { email: form.email, password: form.password }, { idempotencyKey: key })
      : await api.post<{ token: string; customer: Me }>(shopPath('/auth/register'), { email: form.email, password: form.password, name: form.name, locale }, { idempotencyKey: key });
    customerToken.set(r.token);
    forgetCart();
    onDone();
  });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section className="stack" style={{ maxInlineSize: 460 }}>
      <h1>{mode === 'signin' ? t('account.signInTitle') : t('account.signUpTitle')}</h1>
      <form className="card" onSubmit={(e) => { e.preventDefault(); void submit.run(); }}>
        {mode === 'signup' ? <Field label={t('checkout.name')}><input required autoComplete="name" value={form.name} onChange={set('name')} /></Field> : null}
        <Field label={t('common.email')}><input type="email" required autoComplete="email" dir="ltr" value={form.email} onChange={set('email')} /></Field>
        <Field label={t('common.password')} hint={mode === 'signup' ? t('account.passwordHint') : undefined}>
          <input type="password" required minLength={mode === 'signup' ? 8 : 1} autoComplete={mode === 'signup' ? 'new-password' : 'current-password'} dir="ltr" value={form.password} onChange={set('password')} />
        </Field>
        {submit.error ? <ErrorPanel error={submit.error} /> : null}
        <button type="submit" className="button" disabled={submit.busy}>{mode === 'signin' ? t('common.signIn') : t('account.signUp')}</button>
      </form>
      <button type="button" className="button secondary" onClick={() => setMode(mode === 'signin' ? 'signup' : 'signin')}>
        {mode === 'signin' ? t('account.noAccount') : t('account.haveAccount')}
      </button>
      {mode === 'signin' ? <ForgotPassword email={form.email} /> : null}
      <GuestOrders />
    </section>
  );
}

/** Asks for a reset link; the answer is the same whether or not the email has an account. */
function ForgotPassword({ email }: { email: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState(email);
  const [sent, setSent] = useState(false);
  const send = useAction(async (key) => {
    await api.post(shopPath('/auth/password-reset'), { email: address }, { idempotencyKey: key });
    setSent(true);
  });
  if (!open) return <button type="button" className="button secondary small" onClick={() => { setAddress(email); setOpen(true); }}>{t('account.forgot')}</button>;
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); void send.run(); }}>
      <h2>{t('account.resetRequestTitle')}</h2>
      <Field label={t('common.email')}><input type="email" required autoComplete="email" dir="ltr" value={address} onChange={(e) => setAddress(e.target.value)} /></Field>
      {send.error ? <ErrorPanel error={send.error} /> : null}
      {sent ? <p role="status">{t('account.resetSent')}</p> : <button type="submit" className="button" disabled={send.busy}>{t('account.resetSend')}</button>}
    </form>
  );
}

/** The page the reset email links to: sets the new password and signs the shopper in. */
function ResetPassword({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const token = useRoute().query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const save = useAction(async (key) => {
    const r = await api.post<{ token: string }>(shopPath('/auth/password-reset/confirm'), { token, newPassword: password }, { idempotencyKey: key });
    customerToken.set(r.token);
    forgetCart();
    onDone();
  });
  return (
    <section className="stack" style={{ maxInlineSize: 460 }}>
      <h1>{t('account.resetTitle')}</h1>
      {token.length < 10 ? <p role="alert">{t('account.resetInvalid')}</p> : (
        <form className="card" onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
          <Field label={t('account.newPassword')} hint={t('account.passwordHint')}>
            <input type="password" required minLength={8} autoComplete="new-password" dir="ltr" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          {save.error ? <ErrorPanel error={save.error} /> : null}
          <button type="submit" className="button" disabled={save.busy}>{t('account.resetSave')}</button>
        </form>
      )}
    </section>
  );
}
