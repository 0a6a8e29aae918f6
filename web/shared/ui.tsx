import { Component, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, newIdempotencyKey } from './api.ts';
import { useI18n, useT } from './i18n.tsx';

/** The translated headline for an error: by problem code first, then by kind of failure. */
export function errorMessage(t: (k: string) => string, error: unknown): string {
  if (error instanceof ApiError) {
    const specific = t(`error.${error.code}`);
    if (specific !== `error.${error.code}`) return specific;
    if (error.isNetwork) return t('error.network');
    if (error.status >= 500) return t('error.server');
    return t('error.request');
  }
  return t('error.unexpected');
}

export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const detail = error instanceof ApiError ? error.detail : error instanceof Error ? error.message : '';
  return (
    <div className="error-panel" role="alert">
      <p className="error-title">{errorMessage(t, error)}</p>
      {detail && locale === 'en' ? <p className="error-detail">{detail}</p> : null}
      {detail && locale !== 'en' ? (
        <details className="error-detail"><summary>{t('common.technicalDetails')}</summary><span lang="en" dir="ltr">{detail}</span></details>
      ) : null}
      {onRetry ? <button type="button" className="button" onClick={onRetry}>{t('common.retry')}</button> : null}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return <div className="loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" />{label ?? t('common.loading')}</div>;
}

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData(value: T): void;
}

/** Runs a loader when its deps change; keeps the last data while reloading. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    const ac = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loader.current(ac.signal).then(
      (data) => { if (!ac.signal.aborted) setState({ data, loading: false }); },
      (error) => { if (!ac.signal.aborted && (error as Error)?.name !== 'AbortError') setState((s) => ({ ...s, error, loading: false })); },
    );
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    reload: useCallback(() => setTick((n) => n + 1), []),
    setData: useCallback((data: T) => setState({ data, loading: false }), []),
  };
}

/** Shows loading, an error with Retry, or the content. */
export function Async<T>({ state, children, empty }: { state: AsyncState<T>; children: (data: T) => ReactNode; empty?: ReactNode }) {
  if (state.error) return <ErrorPanel error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  if (empty !== undefined && Array.isArray(state.data) && state.data.length === 0) return <>{empty}</>;
  return <>{children(state.data)}</>;
}

/**
 * A state-changing action: one Idempotency-Key per intent, kept across retries of a failure so a
 * retried POST can never happen twice, and renewed after success.
 */
export function useAction<A extends unknown[], R>(run: (key: string, ...args: A) => Promise<R>) {
  const key = useRef(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const last = useRef<A | null>(null);
  const exec = useCallback(async (...args: A): Promise<R | undefined> => {
    last.current = args;
    setBusy(true);
    setError(null);
    try {
      const result = await run(key.current, ...args);
      key.current = newIdempotencyKey();
      return result;
    } catch (err) {
      // A definite client error will not change on retry: the next attempt is a new intent.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 409 && err.status !== 429) key.current = newIdempotencyKey();
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [run]);
  const retry = useCallback(() => (last.current ? exec(...last.current) : undefined), [exec]);
  return { run: exec, busy, error, retry, clearError: () => setError(null) };
}

export class ErrorBoundary extends Component<{ fallback: (error: unknown, reset: () => void) => ReactNode; children: ReactNode }, { error: unknown }> {
  state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  render() {
    if (this.state.error) return this.props.fallback(this.state.error, () => this.setState({ error: null }));
    return this.props.children;
  }
}

/** The app-wide boundary: a render crash shows a message and a way back, never a blank page. */
export function CrashPanel({ error, reset }: { error: unknown; reset: () => void }) {
  return <ErrorPanel error={error} onRetry={reset} />;
}

export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

/** A QR code drawn as SVG; the encoder is loaded only when a QR is shown. */
export function QrCode({ value, label, size = 180 }: { value: string; label: string; size?: number }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode').then((q) => q.toString(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })).then((s) => live && setSvg(s), () => live && setSvg(''));
    return () => { live = false; };
  }, [value]);
  return (
    <figure className="qr" style={{ inlineSize: size }}>
      {svg ? <div role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} /> : <div className="qr-placeholder" style={{ blockSize: size }} aria-hidden="true" />}
      <figcaption dir="ltr" className="code">{value}</figcaption>
    </figure>
  );
}

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`badge badge-${status.replace(/[^a-z_]/g, '')}`}>{label}</span>;
}

/** Saves text as a file (CSV downloads built in the browser). */
export function saveFile(name: string, content: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob(['\ufeff', content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows.map((r) => r.map((v) => {
    const s = v == null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  }).join(',')).join('\r\n');
}
