import { sql, type Kysely } from 'kysely';

// The stock write path: levels are updated on every sale, receipt and reservation, and the ledger grows by
// one row per movement, so both are shaped for that load.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- Room on each page lets a level update stay HOT (no index writes): none of its indexed columns change.
    alter table stock_levels set (fillfactor = 80);
    -- Ledger rows are written only by applyMovements, beside their level row, whose own foreign keys already
    -- prove the store and variant exist; checking both again per ledger row doubled the cost of an insert.
    alter table stock_movements drop constraint if exists stock_movements_merchant_id_store_id_fkey;
    alter table stock_movements drop constraint if exists stock_movements_merchant_id_variant_id_fkey;
  `).execute(db);
}
