import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { minorPerUnit } from '../loyalty/points.ts';
import { rangeOf } from './report.service.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Google's normalisation before hashing: trimmed, lower case; Gmail addresses without dots or +tags. */
export function normaliseEmailForGoogle(email: string): string {
  const e = email.trim().toLowerCase();
  const [local, domain] = e.split('@');
  if (domain === 'gmail.com' || domain === 'googlemail.com') return `${local.split('+')[0].replaceAll('.', '')}@${domain}`;
  return e;
}

/** E.164 with the leading plus, which our stored phones already are. */
export const normalisePhoneForGoogle = (phone: string) => (phone.startsWith('+') ? phone : `+${phone}`).replace(/[^+\d]/g, '');

const two = (n: number) => String(n).padStart(2, '0');
const googleTime = (d: Date) => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;

/**
 * Identified store sales in the Google Ads store-sales (direct upload) CSV: a Parameters line, then one
 * row per transaction with SHA-256 hashed email and phone. Only customers who allow marketing use are sent.
 */
export async function googleStoreSalesCsv(db: Db, actor: Actor, q: { from?: string; to?: string; conversionName?: string }) {
  requireAccess(actor, Permission.AnalyticsRead);
  const m = actor.merchantId;
  const range = rangeOf(q);
  const totals = await sql<{ all: number; identified: number }>`select coalesce(sum(sales), 0)::bigint as all, coalesce(sum(identified), 0)::bigint as identified
    from sales_daily where merchant_id = ${m} and channel = 'store' and day between ${range.from} and ${range.to}`.execute(db);
  const rows = await sql<{ email: string | null; phone: string | null; occurred_at: Date; total_minor: number; currency: string; kind: string }>`
    select c.email, c.phone, s.occurred_at, s.total_minor, s.currency, s.kind
    from store_sales s join customers c on c.merchant_id = s.merchant_id and c.id = s.customer_id
    where s.merchant_id = ${m} and s.occurred_at >= ${range.from}::date and s.occurred_at < ${range.to}::date + 1
      and c.anonymised_at is null and (c.email is not null or c.phone is not null)
      and exists (select 1 from customer_consents k where k.merchant_id = c.merchant_id and k.customer_id = c.id and k.granted and k.purpose in ('marketing_email', 'marketing_sms'))
    order by s.occurred_at`.execute(db);
  const all = Number(totals.rows[0].all);
  const loyaltyRate = all ? Math.max(0.01, Number(totals.rows[0].identified) / all) : 1;
  const uploadRate = Number(totals.rows[0].identified) ? Math.min(1, Math.max(0.01, rows.rows.length / Number(totals.rows[0].identified))) : 1;
  const header = `Parameters:TimeZone=+0000;LoyaltyRate=${loyaltyRate.toFixed(4)};TransactionUploadRate=${uploadRate.toFixed(4)}\n`;
  const body = stringify(rows.rows.map((r) => {
    const unit = minorPerUnit(r.currency);
    const major = (r.kind === 'return' ? -r.total_minor : r.total_minor) / unit;
    return [r.email ? sha256(normaliseEmailForGoogle(r.email)) : '', r.phone ? sha256(normalisePhoneForGoogle(r.phone)) : '',
      q.conversionName ?? 'Store sale', googleTime(new Date(r.occurred_at)), major.toFixed(Math.round(Math.log10(unit))), r.currency];
  }), { header: true, columns: ['Email', 'Phone', 'Conversion Name', 'Transaction Time', 'Transaction Amount', 'Transaction Currency'] });
  return { csv: header + body, rows: rows.rows.length };
}
