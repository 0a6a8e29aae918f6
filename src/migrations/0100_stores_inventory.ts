import { sql, type Kysely } from 'kysely';

// Store hours exceptions, transfers between stores, and indexes for geo, catalog and stock look-ups.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- A holiday (closed) or special hours on one local date, replacing that weekday's regular hours.
    create table store_hours_exceptions (
      merchant_id uuid not null,
      store_id uuid not null,
      date date not null,
      closed boolean not null default false,
      intervals jsonb not null default '[]',
      note text not null default '',
      primary key (merchant_id, store_id, date),
      foreign key (merchant_id, store_id) references stores (merchant_id, id) on delete cascade
    );

    create table stock_transfers (
      merchant_id uuid not null,
      id uuid not null,
      number text not null,
      from_store_id uuid not null,
      to_store_id uuid not null,
      status text not null default 'requested' check (status in ('requested', 'shipped', 'received', 'cancelled')),
      note text not null default '',
      requested_by text not null,
      created_at timestamptz not null default now(),
      shipped_at timestamptz,
      received_at timestamptz,
      cancelled_at timestamptz,
      primary key (merchant_id, id),
      unique (merchant_id, number),
      foreign key (merchant_id, from_store_id) references stores (merchant_id, id),
      foreign key (merchant_id, to_store_id) references stores (merchant_id, id),
      check (from_store_id <> to_store_id)
    );
    create index stock_transfers_stores on stock_transfers (merchant_id, from_store_id, to_store_id, status);

    create table stock_transfer_lines (
      merchant_id uuid not null,
      transfer_id uuid not null,
      variant_id uuid not null,
      quantity integer not null check (quantity > 0),
      received_quantity integer check (received_quantity >= 0),
      primary key (merchant_id, transfer_id, variant_id),
      foreign key (merchant_id, transfer_id) references stock_transfers (merchant_id, id),
      foreign key (merchant_id, variant_id) references variants (merchant_id, id)
    );

    create index products_status on products (merchant_id, status, category_id);
    create index stock_levels_low on stock_levels (merchant_id, store_id) where low_stock_threshold is not null;
  `).execute(db);
}
