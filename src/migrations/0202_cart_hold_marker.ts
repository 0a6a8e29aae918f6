import { sql, type Kysely } from 'kysely';

// A cart says on its own row until when it holds stock, so the hold path can tell a first hold from a
// renewal without reading cart_holds; and a statement can refuse to commit what its own guards found stale.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table carts add column held_until timestamptz;
    update carts c set held_until = h.expires_at
    from (select merchant_id, cart_id, max(expires_at) as expires_at from cart_holds group by merchant_id, cart_id) h
    where c.merchant_id = h.merchant_id and c.id = h.cart_id;
    -- Room on each page keeps marking a cart held (and every other cart change) a HOT update, with no index
    -- writes, even when a sale marks every cart of a page within the same second.
    alter table carts set (fillfactor = 50);
    -- Holds are written only beside a cart their statement has just updated or locked, which proves it exists
    -- (and carts are never deleted); the key's own check ran once per hold, at the end of the statement
    -- while the stock row was locked.
    alter table cart_holds drop constraint if exists cart_holds_merchant_id_cart_id_fkey;
    -- No query looks movements up by reference; its index cost every stock movement a third index write.
    drop index if exists stock_movements_ref;
    -- Holds live minutes, so the table stays small; the expiry job scans it every 15 s instead of every hold
    -- writing a second index entry.
    drop index if exists cart_holds_expiry;

    -- Fails the statement (and so undoes everything it wrote) unless ok: for self-checking writes.
    create function footfall_assert(ok boolean, reason text) returns boolean language plpgsql as $fn$
    begin
      if ok is not true then
        raise exception '%', reason using errcode = 'FF409';
      end if;
      return true;
    end
    $fn$;
  `).execute(db);
}
