import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../platform/errors.ts';

/** One condition; a segment is every customer meeting all of its conditions. */
export type SegmentRule =
  | { type: 'purchased'; channel: 'online' | 'store' | 'any'; withinDays?: number }
  | { type: 'never_purchased'; channel: 'online' | 'store' | 'any'; withinDays?: number }
  | { type: 'near_store'; storeId: string; km: number }
  | { type: 'tier'; tier: string }
  | { type: 'claimed_not_redeemed'; campaignId?: string }
  | { type: 'consent'; purpose: 'marketing_email' | 'marketing_sms' | 'location' | 'analytics' }
  | { type: 'age_band'; values: string[] }
  | { type: 'interest'; value: string }
  | { type: 'postcode_prefix'; prefix: string }
  | { type: 'points_at_least'; points: number };

export const MAX_RULES = 20;

function purchaseExists(m: string, r: { channel: 'online' | 'store' | 'any'; withinDays?: number }): RawBuilder<unknown> {
  const channel = r.channel === 'any' ? sql`true` : sql`p.channel = ${r.channel}`;
  const since = r.withinDays ? sql`p.occurred_at >= now() - make_interval(days => ${r.withinDays})` : sql`true`;
  return sql`exists (select 1 from customer_purchases p where p.merchant_id = ${m} and p.customer_id = c.id and ${channel} and ${since})`;
}

/** One rule as a SQL condition on customers `c` of merchant `m`; values are always bound, never spliced. */
function condition(m: string, r: SegmentRule): RawBuilder<unknown> {
  switch (r.type) {
    case 'purchased': return purchaseExists(m, r);
    case 'never_purchased': return sql`not ${purchaseExists(m, r)}`;
    case 'near_store':
      // Haversine distance in km between the customer's home location and the store.
      return sql`c.lat is not null and exists (select 1 from stores s where s.merchant_id = ${m} and s.id = ${r.storeId}
        and 2 * 6371 * asin(sqrt(power(sin(radians(s.lat - c.lat) / 2), 2) + cos(radians(c.lat)) * cos(radians(s.lat)) * power(sin(radians(s.lng - c.lng) / 2), 2))) <= ${r.km})`;
    case 'tier':
      return sql`exists (select 1 from loyalty_accounts a join loyalty_tiers t on t.merchant_id = a.merchant_id and t.id = a.tier_id
        where a.merchant_id = ${m} and a.customer_id = c.id and lower(t.name) = ${r.tier.toLowerCase()})`;
    case 'claimed_not_redeemed': {
      const campaign = r.campaignId ? sql`and k.campaign_id = ${r.campaignId}` : sql``;
      return sql`exists (select 1 from code_claims k where k.merchant_id = ${m} and k.customer_id = c.id ${campaign}
        and not exists (select 1 from code_redemptions x where x.merchant_id = k.merchant_id and x.code_id = k.code_id and x.voided_at is null
          and (x.customer_id = c.id or x.customer_id is null)))`;
    }
    case 'consent':
      return sql`exists (select 1 from customer_consents k where k.merchant_id = ${m} and k.customer_id = c.id and k.purpose = ${r.purpose} and k.granted)`;
    case 'age_band': return sql`c.age_band = any(${r.values}::text[])`;
    case 'interest': return sql`${r.value.toLowerCase()} = any(c.interests)`;
    case 'postcode_prefix': return sql`c.postcode like ${`${r.prefix.toUpperCase().replace(/[%_\\]/g, '')}%`}`;
    case 'points_at_least':
      return sql`exists (select 1 from loyalty_accounts a where a.merchant_id = ${m} and a.customer_id = c.id and a.balance >= ${r.points})`;
  }
}

/** The WHERE clause for a segment: live customers of the merchant meeting every rule. */
export function segmentWhere(m: string, rules: SegmentRule[]): RawBuilder<unknown> {
  if (!rules.length) throw new AppError('validation', 'A segment needs at least one rule');
  if (rules.length > MAX_RULES) throw new AppError('validation', `At most ${MAX_RULES} rules`);
  const parts = [sql`c.merchant_id = ${m}`, sql`c.merged_into is null`, sql`c.anonymised_at is null`, ...rules.map((r) => condition(m, r))];
  return sql.join(parts, sql` and `);
}
