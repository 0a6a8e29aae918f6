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
      foreign key (merchant_id, cart_id) references carts (merchant_id, id),
      foreign key (merchant_id, store_id, variant_id) references stock_levels (merchant_id, store_id, variant_id)
    );
    create index cart_holds_expiry on cart_holds (expires_at);
  `).execute(db);
}
