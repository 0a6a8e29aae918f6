// 1 M unique codes generated and stored by the real generation job, against a plain COPY of 1 M random
// strings into an equally indexed table (same columns, indexes and foreign key), in the same run.
// Run: node --import tsx bench/promotions-codegen.ts [count]
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { runGenerateJob } from '../src/promotions/codes/generate-codes.ts';
import { SAFE_ALPHABET } from '../src/promotions/codes/code-format.ts';
import { copyFrom, freshDatabase, machine, merchantWithOffer } from './promotions-support.ts';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const { handle, url, drop } = await freshDatabase('footfall_bench_promotions_codegen');
try {
  const { merchantId, campaignId, offerId } = await merchantWithOffer(handle);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create table codes_copy_baseline (like codes including defaults including constraints including indexes)`);
  await client.query(`alter table codes_copy_baseline add foreign key (merchant_id, offer_id) references offers (merchant_id, id)`);

  async function baseline(): Promise<number> {
    await client.query('truncate codes_copy_baseline');
    const strings = Array.from({ length: COUNT }, () => randomBytes(8).toString('base64url').slice(0, 10).toUpperCase());
    const t0 = performance.now();
    const chunks = function* () {
      for (let i = 0; i < strings.length; i += 10_000) {
        yield strings.slice(i, i + 10_000).map((s) => `${merchantId},${s},${campaignId},${offerId},unique,1\n`).join('');
      }
    };
    const rows = await copyFrom(client, 'copy codes_copy_baseline (merchant_id, code, campaign_id, offer_id, kind, max_redemptions) from stdin with (format csv)', chunks());
    const ms = performance.now() - t0;
    if (rows < COUNT * 0.99) throw new Error(`baseline copied ${rows}`);
    return ms;
  }

  async function generate(): Promise<number> {
    const jobId = randomUUID();
    await handle.db.insertInto('code_jobs').values({
      merchant_id: merchantId, id: jobId, kind: 'generate', campaign_id: campaignId, offer_id: offerId, requested: COUNT,
      params: JSON.stringify({ batchId: jobId, pattern: { length: 10, prefix: '', alphabet: SAFE_ALPHABET }, startsAt: null, endsAt: null }),
      error: null, started_at: null, finished_at: null,
    }).execute();
    const t0 = performance.now();
    await runGenerateJob(handle.db, merchantId, jobId);
    const ms = performance.now() - t0;
    const n = await client.query('select count(*)::int as n from codes where merchant_id = $1 and batch_id = $2', [merchantId, jobId]);
    if (n.rows[0].n !== COUNT) throw new Error(`generated ${n.rows[0].n}`);
    return ms;
  }

  const base1 = await baseline();
  const gen = await generate();
  const base2 = await baseline();
  const base = (base1 + base2) / 2;
  console.log(`machine: ${machine()}`);
  console.log(`baseline COPY FROM STDIN of ${COUNT} strings into an equally indexed table: ${base1.toFixed(0)} ms, ${base2.toFixed(0)} ms (mean ${base.toFixed(0)} ms)`);
  console.log(`generation job (CSPRNG + unnest multi-row inserts of 50,000, unique index, progress per chunk): ${gen.toFixed(0)} ms = ${(COUNT / (gen / 1000)).toFixed(0)} codes/s`);
  console.log(`ratio (COPY time / generation time; ≥ 0.5 required): ${(base / gen).toFixed(2)}; under 20 s: ${gen < 20_000}`);
  await client.end();
} finally {
  await drop();
}
