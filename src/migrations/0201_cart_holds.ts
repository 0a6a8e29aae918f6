import { sql, type Kysely } from 'kysely';

// Stock a cart holds at a store while its shopper pays: reserved in stock_levels, released on expiry or
// when the cart becomes an order (whose own reservation takes its place in the same transaction).
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table cart_holds (
      merchant_id uuid not null,
      cart_id uuid not null,
      store_id uuid not null,
      variant_id uuid not null,
      quantity integer not null check (quantity > 0),
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      primary key (merchant_id, cart_id, store_id, variant_id),
      -- No key to stock_levels: its check would share-lock the hot level row for the whole transaction,
      -- and holds are only written beside their reservation movement, which proves the level exists.
      foreign key (merchant_id, cart_id) references carts (merchant_id, id)
    );
    create index cart_holds_expiry on cart_holds (expires_at);
  `).execute(db);
}
