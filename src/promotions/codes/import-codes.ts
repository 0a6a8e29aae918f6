import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import { normalizeCode } from './code-format.ts';
import { offerOfCampaign } from './code.service.ts';
import { insertCodes } from './code.repository.ts';

export const MAX_IMPORT_ROWS = 200_000;
const CHUNK = 20_000;

/**
 * Imports unique single-use codes from CSV (a `code` column; other columns are ignored), all or
 * nothing: a malformed, repeated or already existing code rejects the whole file with the line numbers.
 */
export async function importCodes(db: Db, actor: Actor, campaignId: string, offerId: string, csv: string) {
  requireAccess(actor, Permission.CampaignManage);
  await offerOfCampaign(db, actor.merchantId, campaignId, offerId);
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new AppError('validation', `The CSV cannot be read: ${(err as Error).message}`);
  }
  if (!records.length) throw new AppError('validation', 'The CSV has no rows');
  if (!('code' in records[0])) throw new AppError('validation', 'The CSV needs a "code" column');
  if (records.length > MAX_IMPORT_ROWS) throw new AppError('validation', `At most ${MAX_IMPORT_ROWS} codes per file`);
  const errors: { line: number; problem: string }[] = [];
  const seen = new Map<string, number>();
  const codes = records.map((r, i) => {
    const line = i + 2;
    try {
      const c = normalizeCode(r.code ?? '');
      if (seen.has(c)) errors.push({ line, problem: `repeats line ${seen.get(c)}` });
      seen.set(c, line);
      return c;
    } catch {
      errors.push({ line, problem: 'malformed code' });
      return '';
    }
  });
  if (errors.length) throw new AppError('validation', `${errors.length} rows are not valid codes`, { errors: errors.slice(0, 100) });
  const jobId = randomUUID();
  await db.transaction().execute(async (trx) => {
    let inserted = 0;
    for (let i = 0; i < codes.length; i += CHUNK) {
      inserted += (await insertCodes(trx, actor.merchantId, codes.slice(i, i + CHUNK), { campaignId, offerId, kind: 'unique', batchId: jobId })).length;
    }
    if (inserted !== codes.length) {
      const taken = await trx.selectFrom('codes').select('code').where('merchant_id', '=', actor.merchantId).where(sql<boolean>`code = any(${codes}::text[])`)
        .where((eb) => eb.or([eb('batch_id', 'is', null), eb('batch_id', '!=', jobId)])).limit(20).execute();
      throw new AppError('conflict', `${codes.length - inserted} codes already exist`, { existing: taken.map((t) => t.code) });
    }
    await trx.insertInto('code_jobs').values({
      merchant_id: actor.merchantId, id: jobId, kind: 'import', campaign_id: campaignId, offer_id: offerId, requested: codes.length, done: inserted,
      status: 'done', params: JSON.stringify({ batchId: jobId }), error: null, started_at: new Date(), finished_at: new Date(),
    }).execute();
    await audit(trx, actor, 'codes.imported', { type: 'code_job', id: jobId }, { count: inserted });
    await emitEvent(trx, actor.merchantId, 'code.batch_issued', { jobId, batchId: jobId, campaignId, offerId, count: inserted, imported: true });
  });
  return { jobId, batchId: jobId, imported: codes.length };
}
