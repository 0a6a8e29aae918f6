import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { generateCodes, SAFE_ALPHABET, type CodePattern } from './code-format.ts';

export const DEFAULT_PATTERN: CodePattern = { length: 10, prefix: '', alphabet: SAFE_ALPHABET };

export const findCodeByText = (db: Executor, merchantId: string, code: string) =>
  db.selectFrom('codes').selectAll().where('merchant_id', '=', merchantId).where('code', '=', code).executeTakeFirst();

export const findCodeById = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('codes').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export interface NewCodes {
  campaignId: string;
  offerId: string;
  kind: 'unique' | 'voucher';
  batchId: string | null;
  customerId?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
}

/**
 * Inserts the given code texts in one statement (unnest), skipping any that collide with an existing
 * code: the unique index decides, so a collision can never produce a duplicate. Returns the inserted texts.
 */
export async function insertCodes(db: Executor, merchantId: string, texts: string[], n: NewCodes): Promise<string[]> {
  if (!texts.length) return [];
  const r = await sql<{ code: string }>`
    insert into codes (merchant_id, code, campaign_id, offer_id, kind, batch_id, max_redemptions, customer_id, starts_at, ends_at)
    select ${merchantId}::uuid, t, ${n.campaignId}::uuid, ${n.offerId}::uuid, ${n.kind}, ${n.batchId}::uuid, 1,
           ${n.customerId ?? null}::uuid, ${n.startsAt ?? null}::timestamptz, ${n.endsAt ?? null}::timestamptz
    from unnest(${texts}::text[]) as t
    on conflict (merchant_id, code) do nothing
    returning code`.execute(db);
  return r.rows.map((x) => x.code);
}

/** Inserts `count` fresh random codes, regenerating the (astronomically rare) ones that collided. */
export async function insertRandomCodes(db: Executor, merchantId: string, count: number, pattern: CodePattern, n: NewCodes): Promise<string[]> {
  const out: string[] = [];
  let want = count;
  for (let round = 0; want > 0; round++) {
    if (round > 20) throw new Error('Could not find free codes: the pattern is too small for this many codes');
    const batch = [...new Set(generateCodes(pattern, want))];
    const inserted = await insertCodes(db, merchantId, batch, n);
    out.push(...inserted);
    want -= inserted.length;
  }
  return out;
}

/** One unique single-use code for one customer (wallet, contest prize, voucher). */
export async function issueOneCode(db: Executor, merchantId: string, n: NewCodes) {
  const [code] = await insertRandomCodes(db, merchantId, 1, DEFAULT_PATTERN, n);
  return (await findCodeByText(db, merchantId, code))!;
}
