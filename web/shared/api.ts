// The one HTTP client of the three apps: JSON in, JSON out, RFC 9457 problems turned into ApiError.

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer (offline, DNS, CORS, aborted). */
    readonly status: number,
    /** The problem code (last segment of the problem `type`), 'network' or 'http'. */
    readonly code: string,
    readonly detail: string,
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail || code);
    this.name = 'ApiError';
  }

  get isNetwork() {
    return this.status === 0;
  }
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Sent as Idempotency-Key; reuse the same key when retrying the same action. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Return the raw Response (CSV downloads, images). */
  raw?: boolean;
}

export interface ApiClient {
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T = any>(path: string, query?: RequestOptions['query']): Promise<T>;
  post<T = any>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  token(): string | null;
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = (await res.json()) as Record<string, unknown>;
      const code = typeof problem.type === 'string' ? problem.type.split('/').pop() || 'http' : 'http';
      const detail = String(problem.detail ?? problem.title ?? res.statusText);
      return new ApiError(res.status, code, detail, problem);
    } catch {
      // fall through: a broken body still gets a clear error
    }
  }
  return new ApiError(res.status, 'http', `${res.status} ${res.statusText}`);
}

export function createApiClient(options: { getToken: () => string | null; onUnauthenticated?: () => void; base?: string }): ApiClient {
  const base = options.base ?? '';
  async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (o.body instanceof FormData || o.body instanceof Blob || typeof o.body === 'string') body = o.body as BodyInit;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    if (typeof o.body === 'string' || o.body instanceof Blob) headers['content-type'] = 'text/csv';
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    let res: Response;
    try {
      res = await fetch(base + withQuery(path, o.query), { method, headers, body, signal: o.signal });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new ApiError(0, 'network', (err as Error)?.message ?? 'network error');
    }
    if (!res.ok) {
      const error = await toApiError(res);
      if (res.status === 401 && token) options.onUnauthenticated?.();
      throw error;
    }
    if (o.raw) return res as unknown as T;
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }
  return {
    request,
    get: (path, query) => request('GET', path, { query }),
    post: (path, body, o = {}) => request('POST', path, { ...o, body, idempotencyKey: o.idempotencyKey ?? newIdempotencyKey() }),
    token: options.getToken,
  };
}

/** A session token kept in localStorage under one key per app. */
export function tokenStore(key: string) {
  return {
    get: (): string | null => {
      try { return localStorage.getItem(key); } catch { return null; }
    },
    set: (value: string | null) => {
      try {
        if (value) localStorage.setItem(key, value);
        else localStorage.removeItem(key);
      } catch { /* private mode: the session lasts for the page only */ }
    },
  };
}
