// Till redemption with 10 M codes stored: latency of single redemptions (p50/p99) and throughput at
// N concurrent tills, against N clients of a plain indexed single-row UPDATE of the same codes table, same run.
// Run: node --import tsx bench/promotions-redeem.ts [codes] [seconds] [tills = UPDATE clients, default 8]
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Actor } from '../src/platform/access.ts';
import { redeemAtTill } from '../src/promotions/pos/pos.service.ts';
import { freshDatabase, machine, merchantWithOffer, percentile } from './promotions-support.ts';

const CODES = Number(process.argv[2] ?? 10_000_000);
const SECONDS = Number(process.argv[3] ?? 15);
const WIDTH = Number(process.argv[4] ?? 8);
const { handle, url, drop } = await freshDatabase('footfall_bench_promotions_redeem');
try {
  const { merchantId, storeId, campaignId, offerId } = await merchantWithOffer(handle);
  const pool = new pg.Pool({ connectionString: url, max: WIDTH });
  // The database is dropped with force at the end; an idle connection it closes must not crash the run.
  pool.on('error', () => {});
  let t0 = performance.now();
  for (let from = 1; from <= CODES; from += 1_000_000) {
    await pool.query(`
      insert into codes (merchant_id, code, campaign_id, offer_id, kind, max_redemptions)
      select $1, 'R' || lpad(i::text, 9, '0'), $2, $3, 'unique', 1 from generate_series($4::int, $5::int) as i`,
    [merchantId, campaignId, offerId, from, Math.min(CODES, from + 999_999)]);
  }
  await pool.query('vacuum analyze codes');
  console.log(`loaded ${CODES} codes in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  // Codes are handed out from a shuffled range so every operation touches a fresh random row.
  let cursor = 0;
  const stride = 7_919; // prime: walks the whole range without repeats
  const nextCode = () => `R${String(((cursor++ * stride) % CODES) + 1).padStart(9, '0')}`;
  const actor: Actor = { kind: 'apikey', merchantId, keyId: randomUUID(), role: 'pos', storeIds: [storeId] };
  const lines = [{ quantity: 2, unitPriceMinor: 4_990 }];
  const redeem = async () => {
    const r = await redeemAtTill(handle.db, actor, { code: nextCode(), lines, saleRef: 'bench' });
    if (r.status !== 'redeemed') throw new Error(`not redeemed: ${JSON.stringify(r)}`);
  };
  const update = async () => {
    // Prepared, as the server's pool prepares the statements it sends repeatedly: like for like.
    const r = await pool.query({ name: 'plain_update', text: 'update codes set redemptions_count = redemptions_count + 1 where merchant_id = $1 and code = $2', values: [merchantId, nextCode()] });
    if (r.rowCount !== 1) throw new Error('update missed');
  };

  // Short alternating rounds, so both sides see the same (shared, fluctuating) machine.
  const ROUNDS = 6;
  const totals = { update: { ops: 0, cpuMs: 0 }, redeem: { ops: 0, cpuMs: 0 } };
  async function round(name: 'update' | 'redeem', op: () => Promise<void>) {
    let done = 0;
    const cpu = process.cpuUsage();
    const end = performance.now() + (SECONDS * 1000) / ROUNDS;
    await Promise.all(Array.from({ length: WIDTH }, async () => {
      while (performance.now() < end) { await op(); done++; }
    }));
    const used = process.cpuUsage(cpu);
    totals[name].ops += done;
    totals[name].cpuMs += (used.user + used.system) / 1000;
  }

  async function latency(op: () => Promise<void>, n: number) {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await op();
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  }

  await latency(redeem, 200); // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    await round('update', update);
    await round('redeem', redeem);
  }
  const lat = await latency(redeem, 3_000);
  const updLat = await latency(update, 3_000);
  const base = totals.update.ops / SECONDS;
  const mine = totals.redeem.ops / SECONDS;
  const perOp = (t: { ops: number; cpuMs: number }) => (t.cpuMs / t.ops).toFixed(3);
  console.log(`machine: ${machine()}`);
  console.log(`plain indexed single-row UPDATE, ${WIDTH} clients, ${ROUNDS} alternating rounds: ${base.toFixed(0)}/s (client CPU ${perOp(totals.update)} ms/op); latency p50 ${updLat.p50.toFixed(2)} ms p99 ${updLat.p99.toFixed(2)} ms`);
  console.log(`redemption use-case (validate, take the code's use, redemption row, outbox event), ${WIDTH} tills: ${mine.toFixed(0)}/s (client CPU ${perOp(totals.redeem)} ms/op); ratio ${(mine / base).toFixed(2)} (≥ 0.5 required)`);
  console.log(`redemption latency, one till: p50 ${lat.p50.toFixed(2)} ms, p99 ${lat.p99.toFixed(2)} ms (< 10 ms required)`);
  await pool.end();
} finally {
  await drop();
}
