import { sql, type Kysely } from 'kysely';

// Facts the analytics feed copies from orders and promotions (also its dedupe markers) and their rollups.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table online_sales (
      merchant_id uuid not null,
      order_id uuid not null,
      customer_id uuid,
      store_id uuid,
      total_minor bigint not null,
      cost_minor bigint not null,
      occurred_at timestamptz not null,
      primary key (merchant_id, order_id)
    );
    create table redemption_facts (
      merchant_id uuid not null,
      redemption_id uuid not null,
      campaign_id uuid not null,
      store_id uuid,
      channel text not null,
      day date not null,
      basket_minor bigint not null,
      discount_minor bigint not null,
      voided boolean not null default false,
      primary key (merchant_id, redemption_id)
    );
    create table redemption_daily (
      merchant_id uuid not null,
      day date not null,
      campaign_id uuid not null,
      store_id uuid not null,
      channel text not null,
      redemptions bigint not null default 0,
      basket_minor bigint not null default 0,
      discount_minor bigint not null default 0,
      primary key (merchant_id, day, campaign_id, store_id, channel)
    );
    create index redemption_daily_campaign on redemption_daily (merchant_id, campaign_id, day);
    -- 'blended': a redeemed code decides; without one, the last touch does (the headline model of reports).
    alter table attribution_credits drop constraint attribution_credits_model_check;
    alter table attribution_credits add constraint attribution_credits_model_check
      check (model in ('code', 'first_touch', 'last_touch', 'linear', 'time_decay', 'blended'));
    -- The feed reads order events by sequence; this keeps that a range scan.
    create index outbox_events_type_seq on outbox_events (type, seq);
  `).execute(db);
}
