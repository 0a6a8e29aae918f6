import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';

const tableCache = new Map<string, boolean>();

/** Whether another domain's table is there yet (promotions land on their own schedule). */
export async function tableExists(db: Executor, table: string): Promise<boolean> {
  if (tableCache.get(table)) return true;
  const r = await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db);
  const found = r.rows[0]?.t != null;
  if (found) tableCache.set(table, true);
  return found;
}

/**
 * The campaign behind each redeemed code: the promotions domain's redemption for this sale when the
 * till redeemed it there, else the code itself. Unknown codes map to null (kept on the sale, unattributed).
 */
export async function campaignsForCodes(db: Executor, merchantId: string, codes: string[], saleRef: string): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>(codes.map((c) => [c, null]));
  if (!codes.length) return out;
  if (await tableExists(db, 'code_redemptions')) {
    const r = await sql<{ code: string | null; campaign_id: string }>`
      select upper(code) as code, campaign_id from code_redemptions
      where merchant_id = ${merchantId} and sale_ref = ${saleRef} and voided_at is null`.execute(db);
    for (const row of r.rows) if (row.code && out.has(row.code)) out.set(row.code, row.campaign_id);
  }
  const missing = codes.filter((c) => !out.get(c));
  if (missing.length && (await tableExists(db, 'codes'))) {
    const r = await sql<{ code: string; campaign_id: string }>`
      select upper(code) as code, campaign_id from codes where merchant_id = ${merchantId} and upper(code) = any(${missing}::text[])`.execute(db);
    for (const row of r.rows) out.set(row.code, row.campaign_id);
  }
  return out;
}

/**
 * The shopper behind a sale reported without a customer: whoever the till's redemption named, or whoever
 * claimed one of the (personal, not shared) codes into their wallet. A claimed code is an identity.
 */
export async function customerFromCodes(db: Executor, merchantId: string, codes: string[], saleRef: string): Promise<string | null> {
  if (!codes.length) return null;
  if (await tableExists(db, 'code_redemptions')) {
    const r = await sql<{ customer_id: string }>`select customer_id from code_redemptions where merchant_id = ${merchantId} and sale_ref = ${saleRef}
      and voided_at is null and customer_id is not null order by redeemed_at limit 1`.execute(db);
    if (r.rows[0]) return r.rows[0].customer_id;
  }
  if (await tableExists(db, 'code_claims')) {
    const r = await sql<{ customer_id: string }>`select k.customer_id from code_claims k join codes c on c.merchant_id = k.merchant_id and c.id = k.code_id
      where k.merchant_id = ${merchantId} and k.code = any(${codes}::text[]) and c.kind <> 'shared' order by k.claimed_at limit 1`.execute(db);
    if (r.rows[0]) return r.rows[0].customer_id;
  }
  return null;
}
