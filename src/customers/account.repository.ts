import type { Executor } from '../platform/db.ts';

export const profileColumns = ['id', 'email', 'phone', 'name', 'locale', 'created_at'] as const;

/** A live (not merged away, not erased) account by its sign-in email. */
export const findAccountByEmail = (db: Executor, merchantId: string, email: string) =>
  db.selectFrom('customers').select(['id', 'password_hash'])
    .where('merchant_id', '=', merchantId).where((eb) => eb.fn('lower', ['email']), '=', email.toLowerCase())
    .where('merged_into', 'is', null).where('anonymised_at', 'is', null)
    .executeTakeFirst();

export const lockCustomer = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customers').select(['id', 'email', 'phone', 'password_hash'])
    .where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const findProfile = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customers').select(profileColumns).where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const findPasswordHash = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customers').select('password_hash').where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
