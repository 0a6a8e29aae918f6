import { sql } from 'kysely';
import { alignById, batchIds, coalesced } from '../platform/coalesce.ts';
import type { Executor } from '../platform/db.ts';

const merchantsById = coalesced(async (db: Executor, _group: string, ids: string[]) => {
  const rows = await db.selectFrom('merchants').selectAll().where(sql<boolean>`id = any(${batchIds(ids)}::uuid[])`).execute();
  return alignById(ids, rows);
});

/** A merchant; concurrent look-ups (every checkout needs its merchant's settings) share one query. */
export const findMerchant = (db: Executor, id: string) => merchantsById(db, '', id);

export const findMerchantBySlug = (db: Executor, slug: string) =>
  db.selectFrom('merchants').selectAll().where('slug', '=', slug).executeTakeFirst();

export const findStaffByEmail = (db: Executor, merchantId: string | null, email: string) => {
  let q = db.selectFrom('staff_users').selectAll().where((eb) => eb.fn('lower', ['email']), '=', email.toLowerCase());
  if (merchantId) q = q.where('merchant_id', '=', merchantId);
  return q.where('disabled_at', 'is', null).execute();
};

export const listStaff = (db: Executor, merchantId: string) =>
  db.selectFrom('staff_users').select(['id', 'email', 'name', 'role', 'store_ids', 'created_at', 'disabled_at'])
    .where('merchant_id', '=', merchantId).orderBy('created_at').execute();

export const listApiKeys = (db: Executor, merchantId: string) =>
  db.selectFrom('api_keys').select(['id', 'name', 'role', 'store_id', 'last_four', 'created_at', 'last_used_at', 'revoked_at'])
    .where('merchant_id', '=', merchantId).orderBy('created_at').execute();

export const findApiKey = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('api_keys').select(['id', 'name', 'role', 'store_id', 'last_four', 'created_at', 'last_used_at', 'revoked_at'])
    .where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();
