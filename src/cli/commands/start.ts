import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../platform/config.ts';
import { createPlatform, type Platform } from '../../platform/app.ts';
import { DataDirLockedError } from '../../platform/data-dir-lock.ts';
import { ensureDemoData, DEMO } from '../../demo/seed.ts';
import type { Command } from '../command.ts';

// Orchestrators usually wait 30 s after SIGTERM before killing; finish (or give up) before that.
const SHUTDOWN_GRACE_MS = 25_000;

function banner(platform: Platform, port: number): string {
  const base = `http://localhost:${port}`;
  const { config } = platform.ctx;
  return [
    '',
    `Footfall is running on ${platform.database.kind === 'pglite' ? `the embedded database (${config.dataDir})` : 'PostgreSQL'}`,
    `  Storefront     ${base}/`,
    `  Staff console  ${base}/staff`,
    `  Admin          ${base}/admin`,
    `  API docs       ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
    `  Health         ${base}/healthz  ${base}/readyz  ${base}/metrics`,
    `  Mailbox        ${base}/v1/admin/mailbox   (${config.smtpUrl ? 'email goes out over SMTP' : 'no SMTP_URL: emails are kept here'})`,
    '',
    `Demo sign-in (shop "${DEMO.merchantSlug}"):`,
    ...DEMO.credentials.map((c) => `  ${c.label.padEnd(14)} ${c.email} / ${c.password}`),
    '',
  ].join('\n');
}

export const start: Command = {
  name: 'start',
  summary: 'Start the HTTP server (and background jobs); seeds demo data on first start',
  usage: [
    'footfall start [--no-seed]',
    '',
    'Environment: PORT (3000; 0 picks a free port), HOST (0.0.0.0), FOOTFALL_DATA_DIR (./data),',
    'DATABASE_URL (postgres://… instead of the embedded database), FOOTFALL_SECRET, LOG_LEVEL,',
    'SMTP_URL, MAIL_FROM, SMS_GATEWAY_URL, RATE_LIMIT_PER_MINUTE, REDIS_URL (shared rate limit), BODY_LIMIT_BYTES,',
    'TRUST_PROXY, FOOTFALL_WORKERS=0.',
    'SIGTERM or SIGINT stops accepting connections, lets requests in flight finish, then exits.',
  ].join('\n'),
  options: { 'no-seed': { type: 'boolean' } },
  async run(values) {
    const config = loadConfig();
    let platform: Platform;
    try {
      platform = await createPlatform(config);
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      platform.ctx.log.info({ signal }, 'stopping: finishing requests in flight');
      setTimeout(() => {
        platform.ctx.log.error('requests still running after the grace period; exiting anyway');
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
      await platform.close();
      platform.ctx.log.info('stopped');
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));

    if (!values['no-seed']) {
      const seeded = await ensureDemoData(platform.ctx.db);
      if (seeded) platform.ctx.log.info('demo data loaded');
    }
    if (stopping) return;
    await platform.app.listen({ port: config.port, host: config.host });
    const { port } = platform.app.server.address() as AddressInfo;
    console.log(banner(platform, port));
  },
};
