import { useState, type FormEvent } from 'react';
import { createApiClient, tokenStore, type ApiClient } from './api.ts';
import { useT } from './i18n.tsx';
import { ErrorPanel, Field } from './ui.tsx';

export interface StaffSession {
  token: string;
  user: { id: string; email: string; name: string; role: string; storeIds: string[] | null };
  merchant: { id: string; slug: string; name: string; currency: string };
}

/** A staff sign-in kept per app (the console and the admin are signed in separately). */
export function staffSessionStore(key: string) {
  const raw = tokenStore(key);
  const listeners = new Set<() => void>();
  const read = (): StaffSession | null => {
    try { return JSON.parse(raw.get() ?? 'null'); } catch { return null; }
  };
  const store = {
    get: read,
    set(session: StaffSession | null) {
      raw.set(session ? JSON.stringify(session) : null);
      listeners.forEach((l) => l());
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => { listeners.delete(l); };
    },
  };
  const api: ApiClient = createApiClient({ getToken: () => read()?.token ?? null, onUnauthenticated: () => store.set(null) });
  return { ...store, api };
}

export function StaffSignIn({ api, onSignedIn, title }: { api: ApiClient; onSignedIn(s: StaffSession): void; title: string }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [shop, setShop] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<StaffSession>('/v1/auth/staff/login', { email, password, ...(shop.trim() ? { merchant: shop.trim() } : {}) });
      onSignedIn(session);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card stack" style={{ maxInlineSize: 420, marginInline: 'auto' }} onSubmit={submit} aria-labelledby="signin-title">
      <h1 id="signin-title">{title}</h1>
      <Field label={t('common.email')}><input type="email" required autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} dir="ltr" /></Field>
      <Field label={t('common.password')}><input type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} dir="ltr" /></Field>
      <Field label={t('common.shop')} hint={t('signin.shopHint')}><input value={shop} onChange={(e) => setShop(e.target.value)} dir="ltr" autoCapitalize="none" /></Field>
      {error ? <ErrorPanel error={error} onRetry={() => submit()} /> : null}
      <button className="button" type="submit" disabled={busy}>{t('common.signIn')}</button>
    </form>
  );
}
