import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, type Actor, type StaffRole, type ApiKeyRole } from '../platform/access.ts';
import { forgetApiKey, issueStaffToken, newApiKeySecret } from '../platform/auth.ts';
import { hashPassword, verifyPassword } from '../platform/crypto.ts';
import type { Db, Executor } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit } from '../platform/outbox.ts';
import * as repo from './merchant.repository.ts';

export interface NewMerchant {
  slug: string;
  name: string;
  currency: string;
  defaultLocale?: string;
  taxMode?: 'inclusive' | 'exclusive';
  taxRateBp?: number;
  settings?: Record<string, unknown>;
}

/** Creating a tenant is an operator action (CLI or seed), so it takes no actor. */
export async function createMerchant(db: Executor, input: NewMerchant) {
  if (await repo.findMerchantBySlug(db, input.slug)) throw new AppError('conflict', `A merchant with slug "${input.slug}" exists`);
  const id = randomUUID();
  await db.insertInto('merchants').values({
    id,
    slug: input.slug,
    name: input.name,
    currency: input.currency.toUpperCase(),
    default_locale: input.defaultLocale ?? 'en',
    tax_mode: input.taxMode ?? 'inclusive',
    tax_rate_bp: input.taxRateBp ?? 0,
    settings: JSON.stringify(input.settings ?? {}),
  }).execute();
  return (await repo.findMerchant(db, id))!;
}

export interface NewStaff { email: string; name: string; password: string; role: StaffRole; storeIds?: string[] | null }

export async function createStaffUser(db: Executor, actor: Actor, input: NewStaff) {
  requireAccess(actor, Permission.StaffManage);
  const scoped = input.role === 'manager' || input.role === 'associate';
  if (scoped && !input.storeIds?.length) throw new AppError('validation', 'Store managers and associates need at least one store');
  if (input.storeIds?.length) {
    const found = await db.selectFrom('stores').select('id').where('merchant_id', '=', actor.merchantId).where('id', 'in', input.storeIds).execute();
    if (found.length !== new Set(input.storeIds).size) throw new AppError('validation', 'Unknown store in storeIds');
  }
  const clash = await db.selectFrom('staff_users').select('id').where('merchant_id', '=', actor.merchantId)
    .where((eb) => eb.fn('lower', ['email']), '=', input.email.toLowerCase()).executeTakeFirst();
  if (clash) throw new AppError('conflict', `Staff user ${input.email} exists`);
  const id = randomUUID();
  await db.insertInto('staff_users').values({
    merchant_id: actor.merchantId, id, email: input.email.toLowerCase(), name: input.name,
    password_hash: await hashPassword(input.password), role: input.role, store_ids: scoped ? input.storeIds! : null,
  }).execute();
  await audit(db, actor, 'staff.created', { type: 'staff_user', id }, { email: input.email, role: input.role });
  return { id, email: input.email.toLowerCase(), name: input.name, role: input.role, storeIds: scoped ? input.storeIds! : null };
}

export interface NewApiKey { name: string; role: ApiKeyRole; storeId?: string | null }

export async function createApiKey(db: Db, actor: Actor, input: NewApiKey) {
  requireAccess(actor, Permission.ApiKeyManage);
  if (input.role === 'pos' && !input.storeId) throw new AppError('validation', 'A POS key belongs to one store: give storeId');
  if (input.storeId) {
    const store = await db.selectFrom('stores').select('id').where('merchant_id', '=', actor.merchantId).where('id', '=', input.storeId).executeTakeFirst();
    if (!store) throw new AppError('validation', 'Unknown storeId');
  }
  const id = randomUUID();
  const secret = newApiKeySecret(id);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('api_keys').values({
      merchant_id: actor.merchantId, id, name: input.name, role: input.role,
      store_id: input.storeId ?? null, secret_hash: secret.hash, last_four: secret.lastFour,
    }).execute();
    await audit(trx, actor, 'api_key.created', { type: 'api_key', id }, { role: input.role, storeId: input.storeId ?? null });
  });
  return { id, name: input.name, role: input.role, storeId: input.storeId ?? null, key: secret.plaintext, lastFour: secret.lastFour };
}

export async function revokeApiKey(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.ApiKeyManage);
  const key = await repo.findApiKey(db, actor.merchantId, id);
  if (!key) throw notFound('API key');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('api_keys').set({ revoked_at: new Date() }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await audit(trx, actor, 'api_key.revoked', { type: 'api_key', id });
  });
  forgetApiKey(id);
}

export async function getApiKey(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.ApiKeyManage);
  const key = await repo.findApiKey(db, actor.merchantId, id);
  if (!key) throw notFound('API key');
  return key;
}

export async function listApiKeys(db: Db, actor: Actor) {
  requireAccess(actor, Permission.ApiKeyManage);
  return repo.listApiKeys(db, actor.merchantId);
}

export async function listStaff(db: Db, actor: Actor) {
  requireAccess(actor, Permission.StaffManage);
  return repo.listStaff(db, actor.merchantId);
}

/** Staff sign in with email and password; `merchant` disambiguates an email used at two merchants. */
export async function staffLogin(db: Db, secret: string, input: { email: string; password: string; merchant?: string }) {
  let merchantId: string | null = null;
  if (input.merchant) {
    const m = await repo.findMerchantBySlug(db, input.merchant);
    if (!m) throw new AppError('invalid_credentials', 'Wrong email or password');
    merchantId = m.id;
  }
  const users = await repo.findStaffByEmail(db, merchantId, input.email);
  for (const user of users) {
    if (await verifyPassword(input.password, user.password_hash)) {
      const merchant = (await repo.findMerchant(db, user.merchant_id))!;
      return {
        token: issueStaffToken(secret, { merchantId: user.merchant_id, userId: user.id, role: user.role, storeIds: user.store_ids }),
        user: { id: user.id, email: user.email, name: user.name, role: user.role, storeIds: user.store_ids },
        merchant: { id: merchant.id, slug: merchant.slug, name: merchant.name, currency: merchant.currency },
      };
    }
  }
  throw new AppError('invalid_credentials', 'Wrong email or password');
}

export async function getMerchantForActor(db: Db, actor: Actor) {
  requireAccess(actor, Permission.MerchantRead);
  const m = await repo.findMerchant(db, actor.merchantId);
  if (!m) throw notFound('Merchant');
  return m;
}
