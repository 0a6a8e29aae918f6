import { sql, type Kysely } from 'kysely';

/*
 * Promotions schema. Read by the customers/analytics domain for attribution and lift; these names and
 * columns are a contract:
 * - campaigns: id, name, goal, channels[], starts_at, ends_at, store_ids[] (null = every store),
 *   budget_minor / budget_redemptions (null = no cap), spent_minor, redemptions_count, cost_minor (spend on
 *   the campaign itself, for ROI), currency, holdout_bp (share of targeted customers held out, basis points),
 *   radius_m (geo offers), status draft|scheduled|active|paused|ended|archived.
 * - code_redemptions: one row per code used on a sale or order. store_id (null online), actor
 *   ('staff:<id>' | 'apikey:<id>' | 'customer:<id>' | 'system'), staff_user_id, api_key_id, customer_id,
 *   sale_ref (till receipt) or order_ref (online order), basket jsonb [{variantId, productId, categoryId,
 *   quantity, unitPriceMinor}], basket_total_minor, discount_minor, currency, channel online|in_store,
 *   redeemed_at (when the till accepted it; offline replays keep the original time), recorded_at,
 *   voided_at (not null = does not count).
 * - code_claims: a customer's wallet: customer_id, code_id, code, campaign_id, claimed_at,
 *   intended_store_id (store chosen for the visit, e.g. from a geo offer), channel, source.
 * - link_clicks: link_id, campaign_id, channel, source, utm jsonb, click_id, customer_id (when known), clicked_at.
 * - campaign_audience: campaign_id, customer_id, grp 'treatment'|'holdout', assigned_at, code_id (issued code).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table campaigns (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      name text not null,
      goal text not null default 'footfall' check (goal in ('footfall', 'acquisition', 'retention', 'reactivation', 'awareness', 'clearance', 'sales')),
      channels text[] not null default '{}',
      starts_at timestamptz,
      ends_at timestamptz,
      store_ids uuid[],
      currency char(3) not null,
      budget_minor bigint check (budget_minor >= 0),
      budget_redemptions integer check (budget_redemptions >= 0),
      spent_minor bigint not null default 0 check (spent_minor >= 0),
      redemptions_count integer not null default 0 check (redemptions_count >= 0),
      cost_minor bigint not null default 0 check (cost_minor >= 0),
      holdout_bp integer not null default 0 check (holdout_bp between 0 and 9000),
      radius_m integer check (radius_m > 0),
      landing_path text,
      status text not null default 'draft' check (status in ('draft', 'scheduled', 'active', 'paused', 'ended', 'archived')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id),
      check (ends_at is null or starts_at is null or ends_at > starts_at),
      check (budget_minor is null or spent_minor <= budget_minor),
      check (budget_redemptions is null or redemptions_count <= budget_redemptions)
    );
    create index campaigns_status on campaigns (merchant_id, status);

    create table offers (
      merchant_id uuid not null,
      id uuid not null,
      campaign_id uuid not null,
      name text not null,
      kind text not null check (kind in ('percent_off', 'amount_off', 'fixed_price', 'free_item', 'buy_x_get_y',
        'pickup_discount', 'gift_with_purchase', 'points_multiplier')),
      params jsonb not null default '{}',
      conditions jsonb not null default '{}',
      stackable boolean not null default false,
      priority integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, campaign_id) references campaigns (merchant_id, id)
    );
    create index offers_campaign on offers (merchant_id, campaign_id);

    -- Background work on codes (bulk generation, CSV import), with progress.
    create table code_jobs (
      merchant_id uuid not null references merchants(id),
      id uuid not null,
      kind text not null check (kind in ('generate', 'import')),
      campaign_id uuid not null,
      offer_id uuid not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      requested integer not null check (requested >= 0),
      done integer not null default 0,
      params jsonb not null default '{}',
      error text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      primary key (merchant_id, id),
      foreign key (merchant_id, offer_id) references offers (merchant_id, id)
    );
    create index code_jobs_queued on code_jobs (created_at) where status in ('queued', 'running');

    create table codes (
      merchant_id uuid not null,
      id uuid not null default gen_random_uuid(),
      code text not null,
      campaign_id uuid not null,
      offer_id uuid not null,
      kind text not null check (kind in ('shared', 'unique', 'voucher')),
      batch_id uuid,
      max_redemptions integer check (max_redemptions > 0),
      per_customer_limit integer check (per_customer_limit > 0),
      redemptions_count integer not null default 0 check (redemptions_count >= 0),
      customer_id uuid,
      starts_at timestamptz,
      ends_at timestamptz,
      status text not null default 'active' check (status in ('active', 'disabled')),
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, offer_id) references offers (merchant_id, id),
      check (max_redemptions is null or redemptions_count <= max_redemptions)
    );
    create unique index codes_code on codes (merchant_id, code);
    create index codes_batch on codes (merchant_id, batch_id) where batch_id is not null;

    create table code_claims (
      merchant_id uuid not null,
      id uuid not null,
      customer_id uuid not null,
      code_id uuid not null,
      code text not null,
      campaign_id uuid not null,
      claimed_at timestamptz not null default now(),
      intended_store_id uuid,
      channel text not null default 'web',
      source text,
      primary key (merchant_id, id),
      unique (merchant_id, customer_id, code_id),
      foreign key (merchant_id, code_id) references codes (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index code_claims_campaign on code_claims (merchant_id, campaign_id, claimed_at);

    create table code_redemptions (
      merchant_id uuid not null,
      id uuid not null,
      code_id uuid not null,
      code text not null,
      campaign_id uuid not null,
      offer_id uuid not null,
      store_id uuid,
      actor text not null,
      staff_user_id uuid,
      api_key_id uuid,
      customer_id uuid,
      sale_ref text,
      order_ref text,
      client_redemption_id text,
      basket jsonb not null default '[]',
      basket_total_minor bigint not null check (basket_total_minor >= 0),
      discount_minor bigint not null check (discount_minor >= 0),
      currency char(3) not null,
      channel text not null check (channel in ('online', 'in_store')),
      redeemed_at timestamptz not null,
      recorded_at timestamptz not null default now(),
      voided_at timestamptz,
      void_reason text,
      primary key (merchant_id, id),
      foreign key (merchant_id, code_id) references codes (merchant_id, id)
    );
    create index code_redemptions_code on code_redemptions (merchant_id, code_id) where voided_at is null;
    create index code_redemptions_campaign on code_redemptions (merchant_id, campaign_id, redeemed_at);
    create index code_redemptions_customer on code_redemptions (merchant_id, customer_id) where customer_id is not null;
    create unique index code_redemptions_client on code_redemptions (merchant_id, client_redemption_id) where client_redemption_id is not null;
    create unique index code_redemptions_order on code_redemptions (merchant_id, order_ref, code_id) where order_ref is not null;

    create table campaign_audience (
      merchant_id uuid not null,
      campaign_id uuid not null,
      customer_id uuid not null,
      grp text not null check (grp in ('treatment', 'holdout')),
      code_id uuid,
      assigned_at timestamptz not null default now(),
      primary key (merchant_id, campaign_id, customer_id),
      foreign key (merchant_id, campaign_id) references campaigns (merchant_id, id)
    );

    create table tracking_links (
      merchant_id uuid not null,
      id uuid not null,
      slug text not null,
      campaign_id uuid not null,
      channel text not null,
      source text not null default '',
      medium text not null default '',
      content text not null default '',
      landing_path text,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      unique (merchant_id, slug),
      foreign key (merchant_id, campaign_id) references campaigns (merchant_id, id)
    );
    -- Short URLs carry no merchant, so the slug (random, collision-checked) is looked up on its own.
    create index tracking_links_slug on tracking_links (slug);

    create table link_clicks (
      merchant_id uuid not null,
      id uuid not null,
      link_id uuid not null,
      campaign_id uuid not null,
      channel text not null,
      source text not null default '',
      utm jsonb not null default '{}',
      click_id text not null,
      customer_id uuid,
      ip_hash text,
      user_agent text,
      referrer text,
      clicked_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, link_id) references tracking_links (merchant_id, id)
    );
    create index link_clicks_campaign on link_clicks (merchant_id, campaign_id, clicked_at);
    create index link_clicks_click_id on link_clicks (merchant_id, click_id);

    create table contests (
      merchant_id uuid not null,
      id uuid not null,
      campaign_id uuid not null,
      offer_id uuid,
      name text not null,
      entry_methods text[] not null default '{claim,form,link}',
      winners_count integer not null check (winners_count > 0),
      closes_at timestamptz,
      status text not null default 'open' check (status in ('open', 'closed', 'drawn')),
      seed_commitment text not null,
      seed text,
      entrants_hash text,
      entrants_count integer,
      winners jsonb,
      drawn_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, campaign_id) references campaigns (merchant_id, id)
    );

    create table contest_entries (
      merchant_id uuid not null,
      contest_id uuid not null,
      customer_id uuid not null,
      method text not null check (method in ('claim', 'form', 'link')),
      answers jsonb not null default '{}',
      entered_at timestamptz not null default now(),
      primary key (merchant_id, contest_id, customer_id),
      foreign key (merchant_id, contest_id) references contests (merchant_id, id)
    );

    -- Prepaid deals sold online and redeemed in a store; the store is owed settle_minor on redemption.
    create table voucher_products (
      merchant_id uuid not null,
      id uuid not null,
      campaign_id uuid not null,
      offer_id uuid not null,
      title text not null,
      description text not null default '',
      price_minor bigint not null check (price_minor > 0),
      value_minor bigint not null check (value_minor > 0),
      settle_minor bigint not null check (settle_minor >= 0),
      currency char(3) not null,
      valid_days integer not null check (valid_days > 0),
      expiry_policy text not null default 'expire' check (expiry_policy in ('expire', 'refund')),
      stock integer check (stock >= 0),
      sold integer not null default 0,
      status text not null default 'active' check (status in ('active', 'inactive')),
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, campaign_id) references campaigns (merchant_id, id),
      check (stock is null or sold <= stock)
    );

    create table vouchers (
      merchant_id uuid not null,
      id uuid not null,
      product_id uuid not null,
      code_id uuid not null,
      customer_id uuid,
      email text,
      price_minor bigint not null,
      settle_minor bigint not null,
      currency char(3) not null,
      payment_ref text not null,
      status text not null check (status in ('active', 'redeemed', 'expired', 'refunded')),
      purchased_at timestamptz not null default now(),
      expires_at timestamptz not null,
      redeemed_at timestamptz,
      redeemed_store_id uuid,
      redemption_id uuid,
      closed_at timestamptz,
      primary key (merchant_id, id),
      unique (merchant_id, code_id),
      foreign key (merchant_id, product_id) references voucher_products (merchant_id, id),
      foreign key (merchant_id, code_id) references codes (merchant_id, id)
    );
    create index vouchers_due on vouchers (merchant_id, expires_at) where status = 'active';
    create index vouchers_store on vouchers (merchant_id, redeemed_store_id) where status = 'redeemed';
  `).execute(db);
}
