// Shared set-up for the promotions benchmarks: a fresh PostgreSQL database, a merchant with an active
// campaign and offer, a hand-written COPY FROM STDIN (pg has no COPY streaming of its own), and stats.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { execSync } from 'node:child_process';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/platform/db.ts';
import { migrateToLatest } from '../src/platform/migrate.ts';
import { createMerchant } from '../src/merchants/merchant.service.ts';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlFor(name: string) {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new, migrated database; with `reuse`, one an earlier run kept is opened as it is (`reused` tells). */
export async function freshDatabase(name: string, reuse = false): Promise<{ handle: DatabaseHandle; url: string; reused: boolean; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  const reused = reuse && exists;
  if (!reused) {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  }
  await admin.end();
  const url = urlFor(name);
  const handle = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 24 });
  await migrateToLatest(handle.db);
  return {
    handle, url, reused,
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A merchant, a store, and an active campaign with one 10 %-off offer, written directly. */
export async function merchantWithOffer(handle: DatabaseHandle) {
  const db = handle.db;
  const merchant = await createMerchant(db, { slug: `bench-${randomUUID().slice(0, 8)}`, name: 'Bench', currency: 'MYR' });
  const storeId = randomUUID();
  const campaignId = randomUUID();
  const offerId = randomUUID();
  await db.insertInto('stores').values({ merchant_id: merchant.id, id: storeId, code: 'B1', name: 'Bench store', country: 'MY', lat: 3.1, lng: 101.7, timezone: 'Asia/Kuala_Lumpur' }).execute();
  await db.insertInto('campaigns').values({ merchant_id: merchant.id, id: campaignId, name: 'Bench', currency: 'MYR', store_ids: null, budget_minor: null, budget_redemptions: null, radius_m: null, landing_path: null, starts_at: null, ends_at: null, status: 'active' }).execute();
  await db.insertInto('offers').values({ merchant_id: merchant.id, id: offerId, campaign_id: campaignId, name: '10 %', kind: 'percent_off', params: JSON.stringify({ percentBp: 1000 }) }).execute();
  return { merchantId: merchant.id, storeId, campaignId, offerId };
}

/**
 * COPY ... FROM STDIN through pg's Submittable hook: sends the chunks as CopyData messages, waiting
 * for the socket to drain, and resolves with the row count from CommandComplete.
 */
export function copyFrom(client: pg.PoolClient | pg.Client, text: string, chunks: Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let error: Error | null = null;
    const submittable = {
      submit(connection: any) { connection.query(text); },
      async handleCopyInResponse(connection: any) {
        for (const chunk of chunks) {
          connection.sendCopyFromChunk(Buffer.from(chunk));
          if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
        }
        connection.endCopyFrom();
      },
      handleCommandComplete(msg: { text: string }) { rows = Number(msg.text.split(' ').pop()); },
      handleReadyForQuery() { if (error) reject(error); else resolve(rows); },
      handleError(err: Error) { error = err; },
      handleRowDescription() {}, handleDataRow() {}, handleEmptyQuery() {}, handleCopyData() {},
    };
    (client as any).query(submittable);
  });
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function machine() {
  let cpu = '';
  try { cpu = execSync('lscpu | grep "Model name"').toString().split(':')[1].trim(); } catch { cpu = os.cpus()[0]?.model ?? '?'; }
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg().map((l) => l.toFixed(1)).join('/')}`;
}
