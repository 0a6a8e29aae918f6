import { sql, type Kysely } from 'kysely';

// Carts, orders, their transitions, payments (ours and the test provider's own books), returns and store credit.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table carts (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      customer_id uuid,
      currency char(3) not null,
      status text not null default 'open' check (status in ('open', 'converted', 'abandoned')),
      fulfilment text not null default 'pickup' check (fulfilment in ('pickup', 'reserve_pay_in_store', 'delivery')),
      store_id uuid,
      delivery_address jsonb,
      coupon_codes text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id),
      foreign key (merchant_id, store_id) references stores (merchant_id, id)
    );
    create index carts_customer on carts (merchant_id, customer_id) where status = 'open';

    create table cart_lines (
      merchant_id uuid not null,
      cart_id uuid not null,
      variant_id uuid not null,
      quantity integer not null check (quantity > 0 and quantity <= 999),
      added_at timestamptz not null default now(),
      primary key (merchant_id, cart_id, variant_id),
      foreign key (merchant_id, cart_id) references carts (merchant_id, id) on delete cascade,
      foreign key (merchant_id, variant_id) references variants (merchant_id, id)
    );

    create table orders (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      number text not null,
      cart_id uuid,
      customer_id uuid,
      channel text not null check (channel in ('web', 'store')),
      fulfilment text not null check (fulfilment in ('pickup', 'reserve_pay_in_store', 'delivery')),
      store_id uuid not null,
      origin_store_id uuid,
      status text not null,
      currency char(3) not null,
      tax_mode text not null,
      subtotal_minor bigint not null,
      discount_minor bigint not null default 0,
      tax_minor bigint not null,
      total_minor bigint not null,
      coupon_codes text[] not null default '{}',
      contact_name text not null default '',
      email text,
      phone text,
      locale text not null default 'en',
      delivery_address jsonb,
      pickup_code text,
      pickup_code_failures integer not null default 0,
      pickup_by timestamptz,
      hold_expires_at timestamptz,
      ready_at timestamptz,
      closed_at timestamptz,
      split_group uuid,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id),
      unique (merchant_id, number),
      foreign key (merchant_id, store_id) references stores (merchant_id, id),
      foreign key (merchant_id, origin_store_id) references stores (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index orders_queue on orders (merchant_id, store_id, status, created_at);
    create index orders_customer on orders (merchant_id, customer_id, created_at desc);
    create index orders_hold on orders (hold_expires_at) where status = 'awaiting_payment';
    create index orders_pickup_by on orders (pickup_by) where status in ('placed', 'accepted', 'picking', 'ready_for_pickup');

    create table order_lines (
      merchant_id uuid not null,
      order_id uuid not null,
      line_no integer not null,
      variant_id uuid not null,
      sku text not null,
      name text not null,
      quantity integer not null check (quantity > 0),
      unit_price_minor bigint not null,
      discount_minor bigint not null default 0,
      tax_minor bigint not null,
      total_minor bigint not null,
      returnable boolean not null default true,
      collected_quantity integer not null default 0,
      cancelled_quantity integer not null default 0,
      returned_quantity integer not null default 0,
      primary key (merchant_id, order_id, line_no),
      foreign key (merchant_id, order_id) references orders (merchant_id, id),
      foreign key (merchant_id, variant_id) references variants (merchant_id, id),
      check (collected_quantity + cancelled_quantity <= quantity and returned_quantity <= collected_quantity)
    );

    create table order_transitions (
      merchant_id uuid not null,
      id bigint generated always as identity,
      order_id uuid not null,
      from_status text,
      to_status text not null,
      actor text not null,
      reason text,
      data jsonb not null default '{}',
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, order_id) references orders (merchant_id, id)
    );
    create index order_transitions_order on order_transitions (merchant_id, order_id, id);

    -- Our record of each payment; order_id has no foreign key because the card is authorized before the order exists.
    create table payments (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      order_id uuid not null,
      provider text not null,
      method text not null check (method in ('card', 'pay_in_store', 'store_credit')),
      status text not null check (status in ('authorizing', 'pending', 'authorized', 'captured', 'voided', 'failed', 'refunded')),
      amount_minor bigint not null check (amount_minor >= 0),
      captured_minor bigint not null default 0,
      refunded_minor bigint not null default 0,
      currency char(3) not null,
      provider_ref text,
      card_last4 text,
      failure_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id)
    );
    create index payments_order on payments (merchant_id, order_id);
    create unique index payments_provider_ref on payments (provider, provider_ref) where provider_ref is not null;
    create index payments_dangling on payments (created_at) where status in ('authorizing', 'authorized', 'pending');

    -- The built-in test provider's own books, as a real acquirer would keep them on its side.
    create table test_provider_charges (
      id text primary key,
      merchant_id uuid not null,
      amount_minor bigint not null,
      currency char(3) not null,
      status text not null check (status in ('pending', 'authorized', 'captured', 'voided', 'declined', 'refunded')),
      captured_minor bigint not null default 0,
      refunded_minor bigint not null default 0,
      card_last4 text not null,
      created_at timestamptz not null default now()
    );
    create table test_provider_webhooks (
      id uuid primary key,
      charge_id text not null,
      payload jsonb not null,
      deliver_after timestamptz not null,
      delivered_at timestamptz,
      attempts integer not null default 0
    );
    create index test_provider_webhooks_due on test_provider_webhooks (deliver_after) where delivered_at is null;

    create table returns (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      order_id uuid not null,
      store_id uuid not null,
      refund_method text not null check (refund_method in ('original', 'store_credit', 'exchange')),
      refund_minor bigint not null,
      exchange_order_id uuid,
      reason text not null default '',
      actor text not null,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, order_id) references orders (merchant_id, id),
      foreign key (merchant_id, store_id) references stores (merchant_id, id)
    );
    create table return_lines (
      merchant_id uuid not null,
      return_id uuid not null,
      line_no integer not null,
      quantity integer not null check (quantity > 0),
      disposition text not null check (disposition in ('restock', 'transfer', 'damaged')),
      transfer_to_store_id uuid,
      refund_minor bigint not null,
      primary key (merchant_id, return_id, line_no),
      foreign key (merchant_id, return_id) references returns (merchant_id, id),
      foreign key (merchant_id, transfer_to_store_id) references stores (merchant_id, id)
    );

    -- Store credit is a ledger: the balance is the sum, never a mutable number.
    create table store_credit_entries (
      merchant_id uuid not null,
      id bigint generated always as identity,
      customer_id uuid not null,
      amount_minor bigint not null,
      currency char(3) not null,
      reason text not null,
      ref_type text,
      ref_id text,
      actor text not null,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index store_credit_customer on store_credit_entries (merchant_id, customer_id);
  `).execute(db);
}
