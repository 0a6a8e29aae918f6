import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import type { ConsentPurpose } from './customer.table.ts';

export const CONSENT_PURPOSES: ConsentPurpose[] = ['marketing_email', 'marketing_sms', 'location', 'analytics'];

export const findCustomerRow = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customers').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const lockCustomer = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customers').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const identitiesOfCustomer = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customer_identities').select(['kind', 'value', 'verified', 'source', 'created_at'])
    .where('merchant_id', '=', merchantId).where('customer_id', '=', id).orderBy('created_at').execute();

export const consentsOfCustomer = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customer_consents').select(['purpose', 'granted', 'updated_at'])
    .where('merchant_id', '=', merchantId).where('customer_id', '=', id).execute();

export const consentHistory = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('consent_events').select(['id', 'purpose', 'granted', 'source', 'actor', 'recorded_at'])
    .where('merchant_id', '=', merchantId).where('customer_id', '=', id).orderBy('id').execute();

export async function recordConsent(db: Executor, merchantId: string, customerId: string, purpose: ConsentPurpose, granted: boolean, source: string, actor: string) {
  await db.insertInto('consent_events').values({ merchant_id: merchantId, customer_id: customerId, purpose, granted, source, actor }).execute();
  await db.insertInto('customer_consents').values({ merchant_id: merchantId, customer_id: customerId, purpose, granted })
    .onConflict((oc) => oc.columns(['merchant_id', 'customer_id', 'purpose']).doUpdateSet({ granted, updated_at: sql`now()` }))
    .execute();
}

export interface CustomerSearch { q?: string; limit: number; offset: number }

export function searchCustomers(db: Executor, merchantId: string, s: CustomerSearch) {
  let q = db.selectFrom('customers')
    .select(['id', 'email', 'phone', 'name', 'kind', 'locale', 'postcode', 'created_at'])
    .where('merchant_id', '=', merchantId).where('merged_into', 'is', null).where('anonymised_at', 'is', null);
  if (s.q) {
    const like = `%${s.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([
      eb(sql`lower(email)`, 'like', like), eb(sql`lower(name)`, 'like', like), eb('phone', 'like', like),
      eb('id', 'in', eb.selectFrom('customer_identities').select('customer_id').where('merchant_id', '=', merchantId).where('value', 'like', like.toUpperCase())),
    ]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id').limit(s.limit).offset(s.offset).execute();
}
