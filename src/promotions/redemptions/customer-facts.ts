import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

// Orders, in-store sales and segments belong to other domains that may not be installed yet, so we
// look for their tables (and the columns we need) before reading them, never failing the caller's transaction.
async function hasColumns(db: Executor, table: string, columns: string[]): Promise<boolean> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and column_name = any(${columns}::text[])`.execute(db);
  return r.rows[0].n === columns.length;
}

// Where purchases live.
const PURCHASE_TABLES = ['customer_purchases', 'orders', 'store_sales'];

/**
 * True when the customer has bought before: an order, an in-store sale, or a (non-voided) redemption.
 * Rows written by the caller's own transaction (xmin = its xid) do not count, so the order being placed
 * is not its own "previous purchase".
 */
export async function hasPriorPurchase(db: Executor, merchantId: string, customerId: string): Promise<boolean> {
  const redeemed = await db.selectFrom('code_redemptions').select('id')
    .where('merchant_id', '=', merchantId).where('customer_id', '=', customerId).where('voided_at', 'is', null)
    .where(sql<boolean>`xmin <> pg_current_xact_id()::xid`).limit(1).executeTakeFirst();
  if (redeemed) return true;
  for (const table of PURCHASE_TABLES) {
    if (!(await hasColumns(db, table, ['merchant_id', 'customer_id']))) continue;
    const r = await sql<{ found: boolean }>`
      select exists (select 1 from ${sql.table(table)}
                     where merchant_id = ${merchantId} and customer_id = ${customerId} and xmin <> pg_current_xact_id()::xid) as found`.execute(db);
    if (r.rows[0].found) return true;
  }
  return false;
}

/** The segments (of those asked about) that the customer belongs to. */
export async function customerSegments(db: Executor, merchantId: string, customerId: string, segmentIds: string[]): Promise<Set<string>> {
  if (!segmentIds.length || !(await hasColumns(db, 'segment_members', ['merchant_id', 'segment_id', 'customer_id']))) return new Set();
  const r = await sql<{ segment_id: string }>`
    select segment_id from segment_members
    where merchant_id = ${merchantId} and customer_id = ${customerId} and segment_id = any(${segmentIds}::uuid[])`.execute(db);
  return new Set(r.rows.map((x) => x.segment_id));
}
