import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { createPlatform, type Platform } from '../../src/platform/app.ts';
import { POSTGRES_URL, type BackendKind } from './backends.ts';

export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  raw?: string | Buffer;
}

export interface TestServer {
  kind: BackendKind;
  url: string;
  platform: Platform;
  databaseUrl: string | null;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Response<T>>;
  close(): Promise<void>;
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `footfall_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A real server on a random port over a fresh database of the given kind. */
export async function startTestServer(kind: BackendKind, overrides: Partial<Config> = {}): Promise<TestServer> {
  const created = kind === 'postgres' ? await createDatabase() : null;
  const config = loadConfig({}, {
    port: 0, host: '127.0.0.1', databaseUrl: created?.url ?? null, logLevel: process.env.TEST_LOG_LEVEL ?? 'error',
    secret: 'test-secret', rateLimitPerMinute: 100_000, workers: false, ...overrides,
  });
  const platform = await createPlatform(config, { inMemory: true, poolSize: 30 });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const address = platform.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    kind, url, platform, databaseUrl: created?.url ?? null,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | Buffer | undefined;
      if (options.raw !== undefined) body = options.raw;
      else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(url + path, { method, headers, body: body as BodyInit | undefined });
      const text = await res.text();
      let parsed: any = text;
      if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    async close() {
      await platform.close();
      await created?.drop();
    },
  };
}
