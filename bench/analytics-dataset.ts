import type pg from 'pg';

/**
 * Builds the analytics dataset inside PostgreSQL (generate_series only): customers, stores, campaigns with
 * codes, touchpoints, store sales with lines, redemptions, attribution credits, an audience with holdout,
 * and the rollups exactly as the incremental path would have left them (check-rollups verifies that).
 */
export async function buildDataset(c: pg.Client, merchantId: string, s: { customers: number; sales: number; touches: number; campaigns: number; stores: number }) {
  const step = async (label: string, q: string) => {
    const t = performance.now();
    await c.query(q);
    console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const m = `'${merchantId}'::uuid`;
  const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;
  await c.query('set synchronous_commit = off');
  await step('stores, catalog, campaigns, codes', `
    insert into stores (merchant_id, id, code, name, country, lat, lng, timezone)
      select ${m}, md5('s' || i)::uuid, 'S' || i, 'Store ' || i, 'MY', 3 + i / 100.0, 101.5 + i / 100.0, 'Asia/Kuala_Lumpur' from generate_series(1, ${s.stores}) i;
    insert into products (merchant_id, id, handle, name) select ${m}, md5('p' || i)::uuid, 'p' || i, '{"en":"P"}' from generate_series(1, 1000) i;
    insert into variants (merchant_id, id, product_id, sku, cost_minor) select ${m}, md5('v' || i)::uuid, md5('p' || i)::uuid, 'SKU' || i, 500 + (i % 50) * 100 from generate_series(1, 1000) i;
    insert into campaigns (merchant_id, id, name, channels, starts_at, ends_at, currency, cost_minor, holdout_bp, status)
      select ${m}, md5('k' || i)::uuid, 'Campaign ' || i, '{email}', now() - interval '90 days', now() + interval '10 days', 'MYR', 5000000, 1000, 'active'
      from generate_series(0, ${s.campaigns - 1}) i;
    insert into offers (merchant_id, id, campaign_id, name, kind) select ${m}, md5('o' || i)::uuid, md5('k' || i)::uuid, 'Offer', 'percent_off' from generate_series(0, ${s.campaigns - 1}) i;
    insert into codes (merchant_id, id, code, campaign_id, offer_id, kind) select ${m}, md5('cd' || i)::uuid, 'CODE' || i, md5('k' || i)::uuid, md5('o' || i)::uuid, 'shared' from generate_series(0, ${s.campaigns - 1}) i;`);
  await step(`${s.customers} customers`, `
    insert into customers (merchant_id, id, email, name, kind, age_band, postcode)
      select ${m}, md5('c' || i)::uuid, 'c' || i || '@example.com', 'Customer ' || i, 'registered', (array['18_24','25_34','35_44','45_54'])[1 + i % 4], lpad((i % 99999)::text, 5, '0')
      from generate_series(1, ${s.customers}) i;`);
  await step(`${s.touches} touchpoints`, `
    insert into touchpoints (merchant_id, event_id, type, occurred_at, customer_id, anonymous_id, campaign_id, channel)
      select ${m}, 'e' || i,
        (array['page_view','page_view','product_view','product_view','link_click','email_open','email_click','coupon_claim','store_locator_search','ad_impression'])[1 + i % 10],
        now() - (random() * interval '90 days'),
        case when i % 5 < 2 then md5('c' || (1 + i % ${s.customers}))::uuid end,
        'a' || (i % ${Math.max(1, Math.floor(s.touches / 4))}),
        case when (hashtext('c' || i) & 1) = 0 then md5('k' || ((hashtext(i::text) & 2147483647) % ${s.campaigns}))::uuid end,
        (array['email','paid_search','paid_social','direct','organic_search','sms'])[1 + i % 6]
      from generate_series(1, ${s.touches}) i;`);
  await step(`${s.sales} store sales + lines`, `
    insert into store_sales (merchant_id, id, store_id, client_sale_id, kind, occurred_at, received_at, customer_id, payment_method, currency, subtotal_minor, total_minor, cost_minor, actor)
      select ${m}, md5('sale' || i)::uuid, md5('s' || (1 + i % ${s.stores}))::uuid, 'T' || i, case when i % 50 = 0 then 'return' else 'sale' end,
        now() - (random() * interval '90 days'), now(), case when i % 5 < 3 then md5('c' || (1 + (i * 7) % ${s.customers}))::uuid end,
        'card', 'MYR', 1000 + (i % 97) * 500, 1000 + (i % 97) * 500, 500 + (i % 50) * 100, 'bench'
      from generate_series(1, ${s.sales}) i;
    insert into store_sale_lines (merchant_id, sale_id, line_no, variant_id, sku, quantity, unit_price_minor, line_total_minor, unit_cost_minor)
      select ${m}, md5('sale' || i)::uuid, 1, md5('v' || (1 + i % 1000))::uuid, 'SKU' || (1 + i % 1000), 1, 1000 + (i % 97) * 500, 1000 + (i % 97) * 500, 500 + (i % 50) * 100
      from generate_series(1, ${s.sales}) i;`);
  await step('redemptions (every 5th identified sale)', `
    insert into code_redemptions (merchant_id, id, code_id, code, campaign_id, offer_id, store_id, actor, customer_id, sale_ref, basket_total_minor, discount_minor, currency, channel, redeemed_at)
      select s.merchant_id, md5('r' || s.client_sale_id)::uuid, md5('cd' || k)::uuid, 'CODE' || k, md5('k' || k)::uuid, md5('o' || k)::uuid, s.store_id, 'bench', s.customer_id, s.client_sale_id,
        s.subtotal_minor, s.subtotal_minor / 10, 'MYR', 'in_store', s.occurred_at
      from (select *, (hashtext(client_sale_id) & 2147483647) % ${s.campaigns} as k from store_sales where merchant_id = ${m} and kind = 'sale' and customer_id is not null) s
      where (hashtext(s.client_sale_id) & 2147483647) % 5 = 0;
    insert into redemption_facts (merchant_id, redemption_id, campaign_id, store_id, channel, day, basket_minor, discount_minor)
      select merchant_id, id, campaign_id, store_id, channel, (redeemed_at at time zone 'UTC')::date, basket_total_minor, discount_minor from code_redemptions where merchant_id = ${m};`);
  await step('attribution credits (code + touch models)', `
    insert into attribution_credits (merchant_id, sale_channel, sale_ref, model, campaign_id, channel, store_id, day, weight, revenue_minor, margin_minor)
      select r.merchant_id, 'store', s.id::text, mdl, r.campaign_id, 'coupon', s.store_id, (s.occurred_at at time zone 'UTC')::date, 1, s.total_minor, s.total_minor - s.cost_minor
      from code_redemptions r join store_sales s on s.merchant_id = r.merchant_id and s.client_sale_id = r.sale_ref and s.store_id = r.store_id
      cross join unnest(array['code','blended']) mdl where r.merchant_id = ${m};
    insert into attribution_credits (merchant_id, sale_channel, sale_ref, model, campaign_id, channel, store_id, day, weight, revenue_minor, margin_minor)
      select s.merchant_id, 'store', s.id::text, mdl, md5('k' || ((hashtext(s.id::text) & 2147483647) % ${s.campaigns}))::uuid,
        (array['email','paid_search','paid_social','sms'])[1 + (hashtext(s.id::text) & 2147483647) % 4], s.store_id, (s.occurred_at at time zone 'UTC')::date, 1, s.total_minor, s.total_minor - s.cost_minor
      from store_sales s cross join unnest(array['last_touch','first_touch','linear','time_decay']) mdl
      where s.merchant_id = ${m} and s.kind = 'sale' and s.customer_id is not null and (hashtext(s.id::text) & 2147483647) % 3 = 0;`);
  await step('analyze', 'analyze');
  await step('audience with 10% holdout, conversions', `
    insert into campaign_audience (merchant_id, campaign_id, customer_id, grp)
      select ${m}, md5('k0')::uuid, md5('c' || i)::uuid, case when i % 10 = 0 then 'holdout' else 'treatment' end from generate_series(1, ${Math.floor(s.customers / 5)}) i;
    insert into campaign_conversions (merchant_id, campaign_id, customer_id, audience_group, converted_at, revenue_minor)
      select a.merchant_id, a.campaign_id, a.customer_id, a.grp, s.first, s.revenue
      from campaign_audience a
      join (select customer_id, min(occurred_at) as first, min(total_minor) as revenue from store_sales
            where merchant_id = ${m} and kind = 'sale' and customer_id is not null group by customer_id) s on s.customer_id = a.customer_id
      where a.merchant_id = ${m};`);
  await step('rollups', `
    insert into touch_daily (merchant_id, day, campaign_id, channel, type, events)
      select merchant_id, (occurred_at at time zone 'UTC')::date, coalesce(campaign_id, ${NIL}), channel, type, count(*) from touchpoints where merchant_id = ${m} group by 1, 2, 3, 4, 5;
    insert into campaign_reach (merchant_id, campaign_id, visitor, first_day)
      select merchant_id, campaign_id, coalesce(customer_id::text, anonymous_id), min((occurred_at at time zone 'UTC')::date) from touchpoints
      where merchant_id = ${m} and campaign_id is not null group by 1, 2, 3;
    insert into touch_daily (merchant_id, day, campaign_id, channel, type, events, reach)
      select merchant_id, first_day, campaign_id, 'first_touch', 'reach', 0, count(*) from campaign_reach where merchant_id = ${m} group by 1, 2, 3;
    insert into sales_daily (merchant_id, day, store_id, channel, sales, returns, identified, revenue_minor, cost_minor)
      select merchant_id, (occurred_at at time zone 'UTC')::date, store_id, 'store', count(*) filter (where kind = 'sale'), count(*) filter (where kind = 'return'),
        count(*) filter (where kind = 'sale' and customer_id is not null), sum(case when kind = 'sale' then total_minor else -total_minor end), sum(case when kind = 'sale' then cost_minor else -cost_minor end)
      from store_sales where merchant_id = ${m} group by 1, 2, 3;
    insert into attribution_daily (merchant_id, day, model, campaign_id, channel, store_id, conversions, revenue_minor, margin_minor)
      select merchant_id, day, model, campaign_id, channel, store_id, sum(weight), sum(revenue_minor), sum(margin_minor) from attribution_credits where merchant_id = ${m} group by 1, 2, 3, 4, 5, 6;
    insert into redemption_daily (merchant_id, day, campaign_id, store_id, channel, redemptions, basket_minor, discount_minor)
      select merchant_id, day, campaign_id, coalesce(store_id, ${NIL}), channel, count(*), sum(basket_minor), sum(discount_minor) from redemption_facts where merchant_id = ${m} group by 1, 2, 3, 4, 5;`);
  await step('analyze', 'analyze');
}

