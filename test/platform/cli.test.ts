import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const BIN = path.resolve('bin/footfall.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footfall-cli-'));
// The embedded database on disk, no PostgreSQL, quiet logs: exactly what a fresh `npm start` uses.
const env = { ...process.env, FOOTFALL_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1' };
const children = new Set<ChildProcess>();
// The issue asks for readiness within 20 s; on a machine loaded far beyond its cores that measures the machine, not us.
const overloaded = os.loadavg()[0] > 2 * os.availableParallelism();
const READY_BUDGET_MS = overloaded ? 90_000 : 20_000;

after(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Server { child: ChildProcess; base: string; output: () => string; exited: Promise<number | null> }

/** Spawns `footfall start` and resolves once it prints its URLs; fails after `timeoutMs`. */
function startServer(timeoutMs = READY_BUDGET_MS): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'start'], { env });
  children.add(child);
  let out = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => { children.delete(child); r(code); }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      const m = /API docs\s+(http:\/\/localhost:\d+)\/docs/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1], output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => { out += d; });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${out}`)); });
  });
}

describe('footfall command line', () => {
  it('prints help for the CLI and for every command', async () => {
    const top = await run(['--help']);
    assert.equal(top.code, 0);
    const names = [...top.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]);
    for (const name of ['start', 'migrate', 'seed', 'create-merchant', 'create-api-key']) assert.ok(names.includes(name), name);
    const helps = await Promise.all(names.map((name) => run([name, '--help'])));
    helps.forEach((h, i) => {
      assert.equal(h.code, 0, names[i]);
      assert.match(h.stdout, new RegExp(`footfall ${names[i]}`), `${names[i]} --help shows its usage`);
    });
    const unknown = await run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command/);
  });

  let apiKey = '';
  it('creates a merchant and an API key', async () => {
    const missing = await run(['create-merchant', '--slug', 'acme']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--name is required/);
    const created = await run(['create-merchant', '--slug', 'acme', '--name', 'Acme Hardware', '--currency', 'myr', '--owner-email', 'boss@acme.example', '--owner-password', 'acme-owner-pw']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created merchant acme/);
    const key = await run(['create-api-key', '--merchant', 'acme', '--role', 'admin', '--name', 'ERP']);
    assert.equal(key.code, 0, key.stderr);
    apiKey = key.stdout.trim();
    assert.match(apiKey, /^ffk_[0-9a-f]{32}_\S+$/);
    // One at a time: each opens the embedded database, which admits one process.
    const taken = await run(['create-merchant', '--slug', 'acme', '--name', 'Acme', '--currency', 'MYR', '--owner-email', 'x@acme.example', '--owner-password', 'acme-owner-pw']);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /slug "acme" exists/);
    const posWithoutStore = await run(['create-api-key', '--merchant', 'acme', '--role', 'pos']);
    assert.equal(posWithoutStore.code, 2);
  });

  it(`starts, serves /readyz and /docs within ${READY_BUDGET_MS / 1000} s, refuses a second process, stops gracefully on SIGTERM and keeps its data`, async () => {
    const startedAt = Date.now();
    const server = await startServer();
    const ready = await fetch(`${server.base}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal((await fetch(`${server.base}/docs/`)).status, 200);
    assert.ok(Date.now() - startedAt < READY_BUDGET_MS, `ready after ${Date.now() - startedAt} ms`);
    assert.match(server.output(), /Demo sign-in/);
    assert.match(server.output(), /owner@\S+ \/ \S+/);

    const merchant = await fetch(`${server.base}/v1/admin/merchant`, { headers: { authorization: `Bearer ${apiKey}` } });
    assert.equal(merchant.status, 200);
    assert.equal((await merchant.json()).slug, 'acme');

    const [second, command] = await Promise.all([run(['start']), run(['create-api-key', '--merchant', 'acme', '--role', 'admin'])]);
    for (const refused of [second, command]) {
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^The data folder .* is already in use by another Footfall process \(pid \d+\)/);
      assert.doesNotMatch(refused.stderr, /\n\s+at /, 'a clear message, not a stack trace');
    }

    // A request in flight when SIGTERM arrives still gets its answer.
    const demo = /(owner@\S+) \/ (\S+)/.exec(server.output())!;
    const body = JSON.stringify({ email: demo[1], password: demo[2] });
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.base}/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    const answered = await inFlight;
    assert.equal(answered.status, 200, answered.body);
    assert.ok(JSON.parse(answered.body).token);
    assert.equal(await server.exited, 0);
    assert.ok(!fs.existsSync(path.join(dataDir, 'footfall.lock')), 'the data folder is unlocked on exit');

    const restarted = await startServer();
    const still = await fetch(`${restarted.base}/v1/admin/merchant`, { headers: { authorization: `Bearer ${apiKey}` } });
    assert.equal(still.status, 200, 'merchant and key survive the restart');
    const login = await fetch(`${restarted.base}/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(login.status, 200, 'demo data survives the restart');
    restarted.child.kill('SIGTERM');
    assert.equal(await restarted.exited, 0);
  });
});
