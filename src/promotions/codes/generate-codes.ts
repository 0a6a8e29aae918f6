import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import { generateCodes, patternBits, SAFE_ALPHABET, validatePattern, type CodePattern } from './code-format.ts';
import { offerOfCampaign } from './code.service.ts';

export const MAX_BATCH = 5_000_000;
/** Batches up to this size are generated within the request; bigger ones by the background job. */
export const INLINE_BATCH = 10_000;
const CHUNK = 50_000;
/** Unguessability margin: a random guess may hit a live code with probability at most 2^-MARGIN_BITS. */
const MARGIN_BITS = 20;

export interface BatchInput {
  offerId: string;
  count: number;
  length?: number;
  prefix?: string;
  alphabet?: string;
  startsAt?: string | null;
  endsAt?: string | null;
}

interface JobParams { batchId: string; pattern: CodePattern; startsAt: string | null; endsAt: string | null }

/** Queues a batch of unique single-use codes; small batches are done before this returns. */
export async function requestCodeBatch(ctx: AppContext, actor: Actor, campaignId: string, input: BatchInput) {
  requireAccess(actor, Permission.CampaignManage);
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH) throw new AppError('validation', `count must be 1 to ${MAX_BATCH}`);
  const pattern = validatePattern({ length: input.length ?? 10, prefix: input.prefix ?? '', alphabet: input.alphabet ?? SAFE_ALPHABET });
  if (patternBits(pattern) < Math.log2(input.count) + MARGIN_BITS) {
    throw new AppError('validation', `Codes of ${pattern.length} characters from ${pattern.alphabet.length} letters are too easy to guess for ${input.count} codes: make them longer`);
  }
  await offerOfCampaign(ctx.db, actor.merchantId, campaignId, input.offerId);
  const id = randomUUID();
  const params: JobParams = { batchId: id, pattern, startsAt: input.startsAt ?? null, endsAt: input.endsAt ?? null };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('code_jobs').values({
      merchant_id: actor.merchantId, id, kind: 'generate', campaign_id: campaignId, offer_id: input.offerId, requested: input.count,
      params: JSON.stringify(params), error: null, started_at: null, finished_at: null,
    }).execute();
    await audit(trx, actor, 'code_batch.requested', { type: 'code_job', id }, { count: input.count, prefix: pattern.prefix, length: pattern.length });
  });
  if (input.count <= INLINE_BATCH) await runGenerateJob(ctx.db, actor.merchantId, id);
  return getCodeJob(ctx.db, actor, id);
}

/**
 * Generates a job's codes in chunks, each chunk one multi-row insert in its own transaction with the
 * progress counter, so progress is visible and a restarted job resumes where it stopped. Collisions
 * (with any existing code) are skipped by the unique index and made up with fresh codes.
 */
export async function runGenerateJob(db: Db, merchantId: string, jobId: string) {
  const job = await db.updateTable('code_jobs').set({ status: 'running', started_at: sql`coalesce(started_at, now())` })
    .where('merchant_id', '=', merchantId).where('id', '=', jobId).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
  if (!job) return;
  const p = job.params as unknown as JobParams;
  let done = job.done;
  try {
    for (;;) {
      // The job row is locked per chunk, so two runners of one job can never overshoot its count.
      const progressed = await db.transaction().execute(async (trx) => {
        const now = await trx.selectFrom('code_jobs').select('done').where('merchant_id', '=', merchantId).where('id', '=', jobId).forUpdate().executeTakeFirstOrThrow();
        done = now.done;
        if (done >= job.requested) return false;
        const texts = [...new Set(generateCodes(p.pattern, Math.min(CHUNK, job.requested - done)))];
        const r = await sql`
          insert into codes (merchant_id, code, campaign_id, offer_id, kind, batch_id, max_redemptions, starts_at, ends_at)
          select ${merchantId}::uuid, t, ${job.campaign_id}::uuid, ${job.offer_id}::uuid, 'unique', ${p.batchId}::uuid, 1,
                 ${p.startsAt}::timestamptz, ${p.endsAt}::timestamptz
          from unnest(${texts}::text[]) as t
          on conflict (merchant_id, code) do nothing`.execute(trx);
        done += Number(r.numAffectedRows ?? 0);
        await trx.updateTable('code_jobs').set({ done }).where('merchant_id', '=', merchantId).where('id', '=', jobId).execute();
        return true;
      });
      if (!progressed) break;
    }
    await db.transaction().execute(async (trx) => {
      const finished = await trx.updateTable('code_jobs').set({ status: 'done', finished_at: new Date() })
        .where('merchant_id', '=', merchantId).where('id', '=', jobId).where('status', '=', 'running').executeTakeFirst();
      if (Number(finished.numUpdatedRows) === 1) await emitEvent(trx, merchantId, 'code.batch_issued', { jobId, batchId: p.batchId, campaignId: job.campaign_id, offerId: job.offer_id, count: done });
    });
  } catch (err) {
    await db.updateTable('code_jobs').set({ status: 'failed', error: String((err as Error).message).slice(0, 500), finished_at: new Date() })
      .where('merchant_id', '=', merchantId).where('id', '=', jobId).execute();
    throw err;
  }
}

/** Background job: works through queued (and interrupted) generation jobs, oldest first. */
export async function runQueuedCodeJobs(ctx: AppContext): Promise<number> {
  const jobs = await ctx.db.selectFrom('code_jobs').select(['merchant_id', 'id']).where('kind', '=', 'generate')
    .where('status', 'in', ['queued', 'running']).orderBy('created_at').limit(5).execute();
  for (const j of jobs) await runGenerateJob(ctx.db, j.merchant_id, j.id);
  return jobs.length;
}

export async function getCodeJob(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CampaignRead);
  const j = await db.selectFrom('code_jobs').selectAll().where('merchant_id', '=', actor.merchantId).where('id', '=', id).executeTakeFirst();
  if (!j) throw notFound('Code job');
  const params = j.params as Partial<JobParams>;
  return {
    id: j.id, kind: j.kind, campaignId: j.campaign_id, offerId: j.offer_id, batchId: params.batchId ?? j.id, status: j.status,
    requested: j.requested, done: j.done, progress: j.requested ? Math.round((j.done / j.requested) * 1000) / 1000 : 1,
    error: j.error, createdAt: new Date(j.created_at).toISOString(),
    startedAt: j.started_at ? new Date(j.started_at).toISOString() : null, finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
  };
}
