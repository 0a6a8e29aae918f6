import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(port));
  });
});

/** The real `footfall start` in its own process on a PostgreSQL database, as production runs it. */
export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<{ base: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/footfall.js', 'start', '--no-seed'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', FOOTFALL_SECRET: 'test-secret',
      FOOTFALL_DATA_DIR: `/tmp/footfall-process-${randomBytes(4).toString('hex')}`, RATE_LIMIT_PER_MINUTE: '1000000', FOOTFALL_WORKERS: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // A busy CI machine can take a while to start a process; give it two minutes, then say so.
  let ready = false;
  for (let i = 0; i < 600 && !ready && child.exitCode === null; i++) {
    try { ready = (await fetch(`${base}/readyz`)).ok; } catch { /* not up yet */ }
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error('the footfall server process did not become ready');
  }
  return {
    base, child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
