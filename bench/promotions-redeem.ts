// Till redemption with 10 M codes stored: latency of single redemptions (p50/p99) and throughput at
// N concurrent tills, against N clients of a plain indexed single-row UPDATE of the same codes table, same run,
// for each N of a list; the throughput ratio compares each side at its best N.
// Run: node --import tsx bench/promotions-redeem.ts [codes] [seconds per side and N] [N list, default 8,16,32,64]
// BENCH_KEEP=1 keeps the loaded codes for the next run, which gives back the uses the last one took.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Actor } from '../src/platform/access.ts';
import { redeemAtTill } from '../src/promotions/pos/pos.service.ts';
import { freshDatabase, machine, merchantWithOffer, percentile } from './promotions-support.ts';

const CODES = Number(process.argv[2] ?? 10_000_000);
const SECONDS = Number(process.argv[3] ?? 15);
const WIDTHS = (process.argv[4] ?? '8,16,32,64').split(',').map(Number);
const KEEP = process.env.BENCH_KEEP === '1';
const { handle, url, reused, drop } = await freshDatabase(`footfall_bench_promotions_redeem_${CODES}`, KEEP);
try {
  const kept = reused ? await handle.db.selectFrom('offers').select(['merchant_id as merchantId', 'campaign_id as campaignId', 'id as offerId']).executeTakeFirst() : undefined;
  const { merchantId, storeId, campaignId, offerId } = kept
    ? { ...kept, storeId: (await handle.db.selectFrom('stores').select('id').where('merchant_id', '=', kept.merchantId).executeTakeFirstOrThrow()).id }
    : await merchantWithOffer(handle);
  const pool = new pg.Pool({ connectionString: url, max: Math.max(...WIDTHS) });
  // The database is dropped with force at the end; an idle connection it closes must not crash the run.
  pool.on('error', () => {});
  let t0 = performance.now();
  for (let from = 1; !kept && from <= CODES; from += 1_000_000) {
    await pool.query(`
      insert into codes (merchant_id, code, campaign_id, offer_id, kind, max_redemptions)
      select $1, 'R' || lpad(i::text, 9, '0'), $2, $3, 'unique', 1 from generate_series($4::int, $5::int) as i`,
    [merchantId, campaignId, offerId, from, Math.min(CODES, from + 999_999)]);
  }
  if (kept) {
    await pool.query('update codes set redemptions_count = 0 where redemptions_count > 0');
    await pool.query('truncate code_redemptions, outbox_events cascade');
  }
  await pool.query('vacuum analyze codes');
  console.log(kept ? `reusing ${CODES} kept codes` : `loaded ${CODES} codes in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

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
  async function round(width: number, op: () => Promise<void>) {
    let done = 0;
    const cpu = process.cpuUsage();
    const end = performance.now() + (SECONDS * 1000) / ROUNDS;
    await Promise.all(Array.from({ length: width }, async () => {
      while (performance.now() < end) { await op(); done++; }
    }));
    const used = process.cpuUsage(cpu);
    return { ops: done, cpuMs: (used.user + used.system) / 1000 };
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
  console.log(`machine: ${machine()}`);
  const perOp = (t: { ops: number; cpuMs: number }) => (t.cpuMs / t.ops).toFixed(3);
  const peak = { update: 0, redeem: 0 };
  for (const width of WIDTHS) {
    const totals = { update: { ops: 0, cpuMs: 0 }, redeem: { ops: 0, cpuMs: 0 } };
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, op] of [['update', update], ['redeem', redeem]] as const) {
        const r = await round(width, op);
        totals[name].ops += r.ops;
        totals[name].cpuMs += r.cpuMs;
      }
    }
    const base = totals.update.ops / SECONDS;
    const mine = totals.redeem.ops / SECONDS;
    peak.update = Math.max(peak.update, base);
    peak.redeem = Math.max(peak.redeem, mine);
    console.log(`${String(width).padStart(3)} clients: plain indexed single-row UPDATE ${base.toFixed(0)}/s (client CPU ${perOp(totals.update)} ms/op); ` +
      `redemption use-case (validate, take the code's use, redemption row, outbox event) ${mine.toFixed(0)}/s (client CPU ${perOp(totals.redeem)} ms/op); ratio ${(mine / base).toFixed(2)}`);
  }
  // Throughput is what each side sustains at its best concurrency: the database's peak against ours.
  console.log(`throughput at each side's best concurrency: UPDATE ${peak.update.toFixed(0)}/s, redemption ${peak.redeem.toFixed(0)}/s; ratio ${(peak.redeem / peak.update).toFixed(2)} (≥ 0.5 required)`);
  const lat = await latency(redeem, 3_000);
  const updLat = await latency(update, 3_000);
  console.log(`latency, one client: UPDATE p50 ${updLat.p50.toFixed(2)} ms p99 ${updLat.p99.toFixed(2)} ms; redemption p50 ${lat.p50.toFixed(2)} ms, p99 ${lat.p99.toFixed(2)} ms (< 10 ms required)`);
  await pool.end();
} finally {
  if (KEEP) await handle.close();
  else await drop();
}
