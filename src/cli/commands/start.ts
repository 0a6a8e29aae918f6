import { loadConfig } from '../../platform/config.ts';
import { createPlatform } from '../../platform/app.ts';
import { DataDirLockedError } from '../../platform/data-dir-lock.ts';
import { ensureDemoData, DEMO } from '../../demo/seed.ts';
import type { Command } from '../command.ts';

export const start: Command = {
  name: 'start',
  summary: 'Start the HTTP server (and background jobs); seeds demo data on first start',
  usage: 'footfall start [--no-seed]\n\nEnvironment: PORT (3000), FOOTFALL_DATA_DIR (./data), DATABASE_URL (postgres://… instead of the embedded database), FOOTFALL_SECRET, LOG_LEVEL, SMTP_URL.',
  options: { 'no-seed': { type: 'boolean' } },
  async run(values) {
    const config = loadConfig();
    let platform;
    try {
      platform = await createPlatform(config);
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
    if (!values['no-seed']) {
      const seeded = await ensureDemoData(platform.ctx.db);
      if (seeded) platform.ctx.log.info('demo data loaded');
    }
    const shutdown = async (signal: string) => {
      platform.ctx.log.info({ signal }, 'stopping: finishing requests in flight');
      await platform.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
    await platform.app.listen({ port: config.port, host: config.host });
    const base = `http://localhost:${config.port}`;
    console.log([
      '',
      `Footfall is running on ${platform.database.kind === 'pglite' ? `the embedded database (${config.dataDir})` : 'PostgreSQL'}`,
      `  Storefront     ${base}/`,
      `  Staff console  ${base}/staff`,
      `  Admin          ${base}/admin`,
      `  API docs       ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
      `  Health         ${base}/healthz  ${base}/readyz  ${base}/metrics`,
      '',
      `Demo sign-in (shop "${DEMO.merchantSlug}"):`,
      ...DEMO.credentials.map((c) => `  ${c.label.padEnd(14)} ${c.email} / ${c.password}`),
      '',
    ].join('\n'));
  },
};
