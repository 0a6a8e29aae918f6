import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import { searchPatterns } from '../catalog/search-text.ts';

export interface LevelRow {
  store_id: string; store_code: string; variant_id: string; sku: string; product_name: Record<string, string>;
  on_hand: number; reserved: number; incoming: number; safety_stock: number; low_stock_threshold: number | null;
  available: number; updated_at: Date;
}

export interface LevelFilter {
  storeIds?: string[] | null;
  variantIds?: string[];
  q?: string;
  lowOnly?: boolean;
  limit: number;
  offset: number;
}

/** Stock levels with store code, SKU and product name; `lowOnly` keeps those at or under their threshold. */
export async function listLevels(db: Executor, merchantId: string, f: LevelFilter): Promise<{ items: LevelRow[]; total: number }> {
  const where = sql.join([
    sql`l.merchant_id = ${merchantId}`,
    ...(f.storeIds ? [sql`l.store_id = any(${f.storeIds}::uuid[])`] : []),
    ...(f.variantIds ? [sql`l.variant_id = any(${f.variantIds}::uuid[])`] : []),
    ...(f.lowOnly ? [sql`l.low_stock_threshold is not null and l.on_hand - l.reserved - l.safety_stock <= l.low_stock_threshold`] : []),
    ...(f.q ? searchPatterns(f.q).map((p) => sql`(p.search_text like ${p} or lower(v.sku) like ${p})`) : []),
  ], sql` and `);
  const from = sql`
    from stock_levels l
    join stores s on s.merchant_id = l.merchant_id and s.id = l.store_id
    join variants v on v.merchant_id = l.merchant_id and v.id = l.variant_id
    join products p on p.merchant_id = v.merchant_id and p.id = v.product_id
    where ${where}`;
  const [rows, count] = await Promise.all([
    sql<LevelRow>`
      select l.store_id, s.code as store_code, l.variant_id, v.sku, p.name as product_name, l.on_hand, l.reserved, l.incoming,
        l.safety_stock, l.low_stock_threshold, greatest(l.on_hand - l.reserved - l.safety_stock, 0) as available, l.updated_at
      ${from}
      order by ${f.lowOnly ? sql`(l.on_hand - l.reserved - l.safety_stock) - l.low_stock_threshold,` : sql``} s.code, v.sku
      limit ${f.limit} offset ${f.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n ${from}`.execute(db),
  ]);
  return { items: rows.rows, total: count.rows[0].n };
}

export interface LedgerDifference {
  store_id: string; store_code: string; variant_id: string; sku: string;
  on_hand: number; ledger_on_hand: number; reserved: number; ledger_reserved: number; incoming: number; ledger_incoming: number;
}

/** Every (store, variant) whose current level differs from the sums of its ledger, either way round. */
export async function ledgerDifferences(db: Executor, merchantId?: string): Promise<LedgerDifference[]> {
  const result = await sql<LedgerDifference>`
    with ledger as (
      select merchant_id, store_id, variant_id, sum(on_hand_delta)::int as on_hand, sum(reserved_delta)::int as reserved, sum(incoming_delta)::int as incoming
      from stock_movements ${merchantId ? sql`where merchant_id = ${merchantId}` : sql``}
      group by merchant_id, store_id, variant_id
    ), levels as (
      select merchant_id, store_id, variant_id, on_hand, reserved, incoming from stock_levels ${merchantId ? sql`where merchant_id = ${merchantId}` : sql``}
    )
    select coalesce(l.store_id, g.store_id) as store_id, s.code as store_code, coalesce(l.variant_id, g.variant_id) as variant_id, v.sku,
      coalesce(l.on_hand, 0) as on_hand, coalesce(g.on_hand, 0) as ledger_on_hand,
      coalesce(l.reserved, 0) as reserved, coalesce(g.reserved, 0) as ledger_reserved,
      coalesce(l.incoming, 0) as incoming, coalesce(g.incoming, 0) as ledger_incoming
    from levels l
    full join ledger g on g.merchant_id = l.merchant_id and g.store_id = l.store_id and g.variant_id = l.variant_id
    left join stores s on s.merchant_id = coalesce(l.merchant_id, g.merchant_id) and s.id = coalesce(l.store_id, g.store_id)
    left join variants v on v.merchant_id = coalesce(l.merchant_id, g.merchant_id) and v.id = coalesce(l.variant_id, g.variant_id)
    where coalesce(l.on_hand, 0) <> coalesce(g.on_hand, 0)
       or coalesce(l.reserved, 0) <> coalesce(g.reserved, 0)
       or coalesce(l.incoming, 0) <> coalesce(g.incoming, 0)
    order by s.code, v.sku
    limit 10000`.execute(db);
  return result.rows;
}
