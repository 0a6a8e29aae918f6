import { sql, type Kysely } from 'kysely';

// Every tenant table leads its keys with merchant_id so the schema can be distributed by it (Citus).
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table merchants (
      id uuid primary key,
      slug text not null unique,
      name text not null,
      currency char(3) not null,
      default_locale text not null default 'en',
      tax_mode text not null default 'inclusive' check (tax_mode in ('inclusive', 'exclusive')),
      tax_rate_bp integer not null default 0 check (tax_rate_bp between 0 and 10000),
      settings jsonb not null default '{}',
      created_at timestamptz not null default now()
    );

    create table stores (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      code text not null,
      name text not null,
      status text not null default 'active' check (status in ('active', 'inactive')),
      address_line1 text not null default '',
      address_line2 text not null default '',
      city text not null default '',
      region text not null default '',
      postcode text not null default '',
      country char(2) not null,
      lat double precision not null check (lat between -90 and 90),
      lng double precision not null check (lng between -180 and 180),
      timezone text not null,
      phone text,
      email text,
      services text[] not null default '{pickup,returns}',
      pickup_prep_minutes integer not null default 60 check (pickup_prep_minutes >= 0),
      opening_hours jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id),
      unique (merchant_id, code)
    );
    create index stores_geo on stores (merchant_id, lat, lng);

    create table staff_users (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      email text not null,
      name text not null,
      password_hash text not null,
      role text not null check (role in ('owner', 'admin', 'manager', 'associate')),
      store_ids uuid[],
      created_at timestamptz not null default now(),
      disabled_at timestamptz,
      primary key (merchant_id, id),
      unique (merchant_id, email)
    );
    create index staff_users_email on staff_users (email);

    create table api_keys (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      name text not null,
      role text not null check (role in ('pos', 'admin')),
      store_id uuid,
      secret_hash text not null,
      last_four text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (merchant_id, id),
      foreign key (merchant_id, store_id) references stores (merchant_id, id),
      check (role <> 'pos' or store_id is not null)
    );

    create table customers (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      email text,
      phone text,
      name text not null default '',
      password_hash text,
      locale text not null default 'en',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id)
    );
    create unique index customers_email on customers (merchant_id, lower(email)) where email is not null;
    create unique index customers_phone on customers (merchant_id, phone) where phone is not null;

    create table categories (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      slug text not null,
      parent_id uuid,
      name jsonb not null,
      primary key (merchant_id, id),
      unique (merchant_id, slug),
      foreign key (merchant_id, parent_id) references categories (merchant_id, id)
    );

    create table products (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      handle text not null,
      status text not null default 'draft' check (status in ('draft', 'active', 'archived')),
      category_id uuid,
      name jsonb not null,
      description jsonb not null default '{}',
      images jsonb not null default '[]',
      search_text text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id),
      unique (merchant_id, handle),
      foreign key (merchant_id, category_id) references categories (merchant_id, id)
    );

    create table variants (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      product_id uuid not null,
      sku text not null,
      barcode text,
      options jsonb not null default '{}',
      status text not null default 'active' check (status in ('active', 'archived')),
      returnable boolean not null default true,
      cost_minor bigint check (cost_minor >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id),
      unique (merchant_id, sku),
      foreign key (merchant_id, product_id) references products (merchant_id, id)
    );
    create unique index variants_barcode on variants (merchant_id, barcode) where barcode is not null;
    create index variants_product on variants (merchant_id, product_id);

    -- A variant has one price per currency; pickup_price_minor is the lower price for store pickup.
    create table variant_prices (
      merchant_id uuid not null,
      variant_id uuid not null,
      currency char(3) not null,
      price_minor bigint not null check (price_minor >= 0),
      pickup_price_minor bigint check (pickup_price_minor >= 0),
      compare_at_minor bigint check (compare_at_minor >= 0),
      primary key (merchant_id, variant_id, currency),
      foreign key (merchant_id, variant_id) references variants (merchant_id, id)
    );

    -- Current levels; always equal to the sums over stock_movements (footfall verify proves it).
    create table stock_levels (
      merchant_id uuid not null,
      store_id uuid not null,
      variant_id uuid not null,
      on_hand integer not null default 0,
      reserved integer not null default 0,
      incoming integer not null default 0,
      safety_stock integer not null default 0 check (safety_stock >= 0),
      low_stock_threshold integer check (low_stock_threshold >= 0),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, store_id, variant_id),
      foreign key (merchant_id, store_id) references stores (merchant_id, id),
      foreign key (merchant_id, variant_id) references variants (merchant_id, id),
      check (on_hand >= 0 and reserved >= 0 and incoming >= 0 and reserved <= on_hand)
    );
    create index stock_levels_variant on stock_levels (merchant_id, variant_id, store_id);

    create table stock_movements (
      merchant_id uuid not null,
      id bigint generated always as identity,
      store_id uuid not null,
      variant_id uuid not null,
      type text not null check (type in ('receive', 'sale', 'return', 'adjustment', 'transfer_out', 'transfer_in',
        'in_transit', 'reservation', 'release', 'damage')),
      on_hand_delta integer not null default 0,
      reserved_delta integer not null default 0,
      incoming_delta integer not null default 0,
      reason text,
      ref_type text,
      ref_id text,
      actor text,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, store_id) references stores (merchant_id, id),
      foreign key (merchant_id, variant_id) references variants (merchant_id, id)
    );
    create index stock_movements_level on stock_movements (merchant_id, store_id, variant_id);
    create index stock_movements_ref on stock_movements (merchant_id, ref_type, ref_id);

    -- Keyed by merchant and credential (scope) so two tenants' keys never collide.
    create table idempotency_keys (
      scope text not null,
      key text not null,
      method text not null,
      path text not null,
      request_hash text not null,
      state text not null check (state in ('running', 'done')),
      response_status integer,
      response_headers jsonb,
      response_body text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (scope, key)
    );
    create index idempotency_keys_expiry on idempotency_keys (expires_at);

    create table outbox_events (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      seq bigint generated always as identity,
      type text not null,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      dispatched_at timestamptz,
      primary key (merchant_id, id)
    );
    create index outbox_events_pending on outbox_events (seq) where dispatched_at is null;

    create table webhook_endpoints (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      url text not null,
      description text not null default '',
      event_types text[] not null default '{*}',
      secret text not null,
      enabled boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id)
    );

    create table webhook_deliveries (
      merchant_id uuid not null,
      id uuid not null,
      endpoint_id uuid not null,
      event_id uuid not null,
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_status_code integer,
      last_error text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id),
      unique (merchant_id, endpoint_id, event_id),
      foreign key (merchant_id, endpoint_id) references webhook_endpoints (merchant_id, id),
      foreign key (merchant_id, event_id) references outbox_events (merchant_id, id)
    );
    create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';

    create table webhook_attempts (
      merchant_id uuid not null,
      id bigint generated always as identity,
      delivery_id uuid not null,
      attempted_at timestamptz not null default now(),
      status_code integer,
      error text,
      duration_ms integer not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, delivery_id) references webhook_deliveries (merchant_id, id)
    );

    -- Outgoing email and SMS. Without a provider configured, this table is the local mailbox.
    create table messages (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      channel text not null check (channel in ('email', 'sms')),
      recipient text not null,
      template text not null,
      locale text not null,
      subject text,
      body_text text not null,
      body_html text,
      status text not null check (status in ('queued', 'sent', 'stored', 'failed')),
      attempts integer not null default 0,
      error text,
      related_type text,
      related_id text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      primary key (merchant_id, id)
    );
    create index messages_queued on messages (created_at) where status = 'queued';
    create index messages_recipient on messages (merchant_id, recipient, created_at desc);

    create table audit_log (
      merchant_id uuid not null references merchants(id),
      id bigint generated always as identity,
      actor text not null,
      action text not null,
      subject_type text not null,
      subject_id text not null,
      data jsonb not null default '{}',
      created_at timestamptz not null default now(),
      primary key (merchant_id, id)
    );
    create index audit_log_subject on audit_log (merchant_id, subject_type, subject_id);
  `).execute(db);
}
