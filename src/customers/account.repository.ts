import type { Executor } from '../platform/db.ts';

export const profileColumns = ['id', 'email', 'phone', 'name', 'locale', 'created_at'] as const;

export const findByEmail = (db: Executor, merchantId: string, email: string) =>
  db.selectFrom('customers').select([...profileColumns, 'password_hash'])
    .where('merchant_id', '=', merchantId).where((eb) => eb.fn('lower', ['email']), '=', email.toLowerCase())
    .executeTakeFirst();

export const lockByEmail = (db: Executor, merchantId: string, email: string) =>
  db.selectFrom('customers').select(['id', 'password_hash'])
    .where('merchant_id', '=', merchantId).where((eb) => eb.fn('lower', ['email']), '=', email.toLowerCase())
    .forUpdate().executeTakeFirst();

export const findProfile = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customers').select(profileColumns).where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const findPasswordHash = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('customers').select('password_hash').where('merchant_id', '=', merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
