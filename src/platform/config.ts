import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Repeated statements run as named prepared statements; off behind a transaction-mode pooler (PgBouncer). */
  preparedStatements: boolean;
  secret: string;
  publicUrl: string;
  logLevel: string;
  rateLimitPerMinute: number;
  /** Redis for the request rate limit, so every server process counts against one budget (optional). */
  redisUrl: string | null;
  bodyLimitBytes: number;
  /** Behind a load balancer, take the client address from X-Forwarded-For (true, or the proxies' addresses/CIDRs). */
  trustProxy: boolean | string;
  smtpUrl: string | null;
  mailFrom: string;
  /** An HTTP SMS gateway (POST {to, text}); without one, SMS stay in the local mailbox. */
  smsGatewayUrl: string | null;
  messageRetryBaseMs: number;
  workers: boolean;
  /** First webhook retry delay; each later one doubles (plus jitter). Tests use a few ms. */
  webhookRetryBaseMs: number;
  /** Attempts before a delivery is marked failed (manual redelivery can still resend it). */
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
}

function int(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) ? n : fallback;
}

function trustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false' || value === '0') return false;
  return value === 'true' ? true : value;
}

/** Reads the environment once; everything else takes a Config so tests can build their own. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env.PORT, 3000);
  const dataDir = path.resolve(env.FOOTFALL_DATA_DIR || './data');
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS !== '0',
    // A fixed dev secret keeps demo sessions valid across restarts; production sets FOOTFALL_SECRET.
    secret: env.FOOTFALL_SECRET || 'footfall-dev-secret-change-me',
    publicUrl: env.PUBLIC_URL || `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL || 'info',
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, 1200),
    redisUrl: env.REDIS_URL || null,
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024),
    trustProxy: trustProxy(env.TRUST_PROXY),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Footfall <no-reply@footfall.local>',
    smsGatewayUrl: env.SMS_GATEWAY_URL || null,
    messageRetryBaseMs: int(env.MESSAGE_RETRY_BASE_MS, 60_000),
    workers: env.FOOTFALL_WORKERS !== '0',
    webhookRetryBaseMs: int(env.WEBHOOK_RETRY_BASE_MS, 30_000),
    webhookMaxAttempts: int(env.WEBHOOK_MAX_ATTEMPTS, 10),
    webhookTimeoutMs: int(env.WEBHOOK_TIMEOUT_MS, 10_000),
    ...overrides,
  };
}
