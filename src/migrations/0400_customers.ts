import { sql, type Kysely } from 'kysely';

// Customers across web and store, store sales, loyalty, segments, touchpoints and their rollups.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table customers
      add column age_band text check (age_band in ('under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus')),
      add column gender text,
      add column postcode text,
      add column country char(2),
      add column lat double precision check (lat between -90 and 90),
      add column lng double precision check (lng between -180 and 180),
      add column interests text[] not null default '{}',
      add column preferences jsonb not null default '{}',
      add column email_verified_at timestamptz,
      add column phone_verified_at timestamptz,
      add column kind text not null default 'registered' check (kind in ('registered', 'guest', 'pos')),
      add column merged_into uuid,
      add column anonymised_at timestamptz;

    -- Every way we recognise a person: a verified email, a phone, a loyalty card, a claimed code, a device.
    create table customer_identities (
      merchant_id uuid not null,
      kind text not null check (kind in ('email', 'phone', 'loyalty_card', 'code', 'device')),
      value text not null,
      customer_id uuid not null,
      verified boolean not null default false,
      source text not null default 'manual',
      created_at timestamptz not null default now(),
      primary key (merchant_id, kind, value),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index customer_identities_customer on customer_identities (merchant_id, customer_id);

    -- Consent: the history is append-only; customer_consents holds the latest answer per purpose.
    create table consent_events (
      merchant_id uuid not null,
      id bigint generated always as identity,
      customer_id uuid not null,
      purpose text not null check (purpose in ('marketing_email', 'marketing_sms', 'location', 'analytics')),
      granted boolean not null,
      source text not null,
      actor text not null,
      recorded_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index consent_events_customer on consent_events (merchant_id, customer_id, id);
    create table customer_consents (
      merchant_id uuid not null,
      customer_id uuid not null,
      purpose text not null,
      granted boolean not null,
      updated_at timestamptz not null default now(),
      primary key (merchant_id, customer_id, purpose),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );

    create table customer_merges (
      merchant_id uuid not null,
      id uuid not null,
      survivor_id uuid not null,
      merged_id uuid not null,
      moved jsonb not null,
      actor text not null,
      merged_at timestamptz not null default now(),
      primary key (merchant_id, id)
    );

    -- Every purchase of a known customer, online or in store: what segments and lift read.
    create table customer_purchases (
      merchant_id uuid not null,
      channel text not null check (channel in ('online', 'store')),
      ref_id text not null,
      customer_id uuid not null,
      store_id uuid,
      total_minor bigint not null,
      occurred_at timestamptz not null,
      primary key (merchant_id, channel, ref_id)
    );
    create index customer_purchases_customer on customer_purchases (merchant_id, customer_id, occurred_at);

    create table store_sales (
      merchant_id uuid not null,
      id uuid not null,
      store_id uuid not null,
      client_sale_id text not null,
      kind text not null check (kind in ('sale', 'return')),
      occurred_at timestamptz not null,
      received_at timestamptz not null default now(),
      customer_id uuid,
      payment_method text not null,
      currency char(3) not null,
      subtotal_minor bigint not null,
      discount_minor bigint not null default 0,
      points_discount_minor bigint not null default 0,
      total_minor bigint not null,
      cost_minor bigint not null default 0,
      original_sale_id uuid,
      actor text not null,
      primary key (merchant_id, id),
      unique (merchant_id, store_id, client_sale_id),
      foreign key (merchant_id, store_id) references stores (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index store_sales_time on store_sales (merchant_id, occurred_at);
    create index store_sales_customer on store_sales (merchant_id, customer_id, occurred_at) where customer_id is not null;

    create table store_sale_lines (
      merchant_id uuid not null,
      sale_id uuid not null,
      line_no integer not null,
      variant_id uuid not null,
      sku text not null,
      quantity integer not null check (quantity > 0),
      unit_price_minor bigint not null check (unit_price_minor >= 0),
      line_total_minor bigint not null,
      unit_cost_minor bigint,
      primary key (merchant_id, sale_id, line_no),
      foreign key (merchant_id, sale_id) references store_sales (merchant_id, id),
      foreign key (merchant_id, variant_id) references variants (merchant_id, id)
    );

    create table store_sale_codes (
      merchant_id uuid not null,
      sale_id uuid not null,
      code text not null,
      campaign_id uuid,
      discount_minor bigint not null default 0,
      primary key (merchant_id, sale_id, code),
      foreign key (merchant_id, sale_id) references store_sales (merchant_id, id)
    );
    create index store_sale_codes_campaign on store_sale_codes (merchant_id, campaign_id);

    -- Loyalty: rules, tiers, one account per customer and the ledger the balance always equals.
    create table loyalty_settings (
      merchant_id uuid primary key references merchants(id),
      points_per_unit integer not null default 1 check (points_per_unit >= 0),
      point_value_minor integer not null default 1 check (point_value_minor > 0),
      expiry_days integer check (expiry_days > 0),
      max_redeem_bp integer not null default 5000 check (max_redeem_bp between 0 and 10000),
      updated_at timestamptz not null default now()
    );
    create table loyalty_rules (
      merchant_id uuid not null,
      id uuid not null,
      kind text not null check (kind in ('category', 'campaign')),
      category_id uuid,
      campaign_id uuid,
      multiplier_bp integer not null check (multiplier_bp between 0 and 100000),
      starts_at timestamptz,
      ends_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      check ((kind = 'category') = (category_id is not null)),
      check ((kind = 'campaign') = (campaign_id is not null))
    );
    create table loyalty_tiers (
      merchant_id uuid not null,
      id uuid not null,
      name text not null,
      threshold_points integer not null check (threshold_points >= 0),
      earn_multiplier_bp integer not null default 10000,
      benefits jsonb not null default '[]',
      primary key (merchant_id, id),
      unique (merchant_id, name),
      unique (merchant_id, threshold_points)
    );
    create table loyalty_accounts (
      merchant_id uuid not null,
      customer_id uuid not null,
      card_number text not null,
      balance integer not null default 0 check (balance >= 0),
      lifetime_points integer not null default 0,
      tier_id uuid,
      updated_at timestamptz not null default now(),
      primary key (merchant_id, customer_id),
      unique (merchant_id, card_number),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    -- Earn rows keep what is left of them (remaining) so spending and expiry consume the oldest first.
    create table loyalty_ledger (
      merchant_id uuid not null,
      id bigint generated always as identity,
      customer_id uuid not null,
      kind text not null check (kind in ('earn', 'spend', 'expire', 'reverse', 'adjust', 'refund')),
      points integer not null,
      remaining integer not null default 0 check (remaining >= 0),
      expires_at timestamptz,
      ref_type text,
      ref_id text,
      note text,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index loyalty_ledger_customer on loyalty_ledger (merchant_id, customer_id, id);
    create unique index loyalty_ledger_once on loyalty_ledger (merchant_id, kind, ref_type, ref_id) where ref_id is not null and kind in ('earn', 'reverse', 'spend', 'refund');
    create index loyalty_ledger_expiring on loyalty_ledger (merchant_id, expires_at) where remaining > 0;

    create table segments (
      merchant_id uuid not null,
      id uuid not null,
      name text not null,
      description text not null default '',
      rules jsonb not null,
      member_count integer not null default 0,
      refreshed_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      unique (merchant_id, name)
    );
    create table segment_members (
      merchant_id uuid not null,
      segment_id uuid not null,
      customer_id uuid not null,
      added_at timestamptz not null default now(),
      primary key (merchant_id, segment_id, customer_id),
      foreign key (merchant_id, segment_id) references segments (merchant_id, id)
    );
    create index segment_members_customer on segment_members (merchant_id, customer_id);

    create table touchpoints (
      merchant_id uuid not null,
      id bigint generated always as identity,
      event_id text not null,
      type text not null,
      occurred_at timestamptz not null,
      received_at timestamptz not null default now(),
      customer_id uuid,
      anonymous_id text,
      campaign_id uuid,
      channel text not null default 'direct',
      utm jsonb,
      click_id text,
      url text,
      product_id uuid,
      store_id uuid,
      code text,
      lat double precision,
      lng double precision,
      data jsonb not null default '{}',
      primary key (merchant_id, id),
      unique (merchant_id, event_id)
    );
    create index touchpoints_customer on touchpoints (merchant_id, customer_id, occurred_at) where customer_id is not null;
    create index touchpoints_anonymous on touchpoints (merchant_id, anonymous_id, occurred_at) where anonymous_id is not null;

    -- Rollups, kept in the same transaction as the rows they count (footfall check-rollups re-derives them).
    -- A missing campaign/store is the nil uuid and a missing channel '' so they can be part of the key.
    create table touch_daily (
      merchant_id uuid not null,
      day date not null,
      campaign_id uuid not null,
      channel text not null,
      type text not null,
      events bigint not null default 0,
      reach bigint not null default 0,
      primary key (merchant_id, day, campaign_id, channel, type)
    );
    create index touch_daily_campaign on touch_daily (merchant_id, campaign_id, day);
    create table campaign_reach (
      merchant_id uuid not null,
      campaign_id uuid not null,
      visitor text not null,
      first_day date not null,
      primary key (merchant_id, campaign_id, visitor)
    );
    create table sales_daily (
      merchant_id uuid not null,
      day date not null,
      store_id uuid not null,
      channel text not null,
      sales bigint not null default 0,
      returns bigint not null default 0,
      identified bigint not null default 0,
      ropo bigint not null default 0,
      revenue_minor bigint not null default 0,
      cost_minor bigint not null default 0,
      primary key (merchant_id, day, store_id, channel)
    );
    create table attribution_credits (
      merchant_id uuid not null,
      id bigint generated always as identity,
      sale_channel text not null check (sale_channel in ('store', 'online')),
      sale_ref text not null,
      model text not null check (model in ('code', 'first_touch', 'last_touch', 'linear', 'time_decay')),
      campaign_id uuid not null,
      channel text not null,
      store_id uuid not null,
      day date not null,
      touchpoint_id bigint,
      weight double precision not null,
      revenue_minor double precision not null,
      margin_minor double precision not null,
      primary key (merchant_id, id)
    );
    create index attribution_credits_sale on attribution_credits (merchant_id, sale_channel, sale_ref);
    create table attribution_daily (
      merchant_id uuid not null,
      day date not null,
      model text not null,
      campaign_id uuid not null,
      channel text not null,
      store_id uuid not null,
      conversions double precision not null default 0,
      revenue_minor double precision not null default 0,
      margin_minor double precision not null default 0,
      primary key (merchant_id, day, model, campaign_id, channel, store_id)
    );
    create index attribution_daily_campaign on attribution_daily (merchant_id, campaign_id, model, day);
    -- First purchase of an audience member during the campaign: lift against the holdout reads this.
    create table campaign_conversions (
      merchant_id uuid not null,
      campaign_id uuid not null,
      customer_id uuid not null,
      audience_group text not null check (audience_group in ('treatment', 'holdout')),
      converted_at timestamptz not null,
      revenue_minor bigint not null,
      primary key (merchant_id, campaign_id, customer_id)
    );
    create table analytics_watermarks (
      merchant_id uuid not null,
      name text not null,
      last_id bigint not null default 0,
      primary key (merchant_id, name)
    );
  `).execute(db);
}
