import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import { hashPassword, sha256, signToken, verifyPassword, verifyToken } from '../platform/crypto.ts';
import type { Config } from '../platform/config.ts';
import type { Db, Executor } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { clearLoginFailures } from '../platform/login-throttle.ts';
import { audit } from '../platform/outbox.ts';
import { queueMessage } from '../notifications/notification.service.ts';
import * as repo from './account.repository.ts';
import { session } from './account.service.ts';
import { normaliseEmail } from './identity.ts';

const RESET_TTL_MINUTES = 60;

type ResetClaims = { t: 'pwreset'; m: string; c: string; v: string };
// The token names the password it replaces, so it stops working once any new password is set.
const fingerprint = (passwordHash: string) => sha256(passwordHash).slice(0, 16);

async function setPassword(trx: Executor, merchantId: string, id: string, hash: string) {
  await trx.updateTable('customers').set({ password_hash: hash, updated_at: sql`now()` }).where('merchant_id', '=', merchantId).where('id', '=', id).execute();
}

/** Changing the password needs the current one, so a borrowed session cannot take over the account. */
export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  requireAccess(actor, Permission.CustomerSelf);
  if (actor.kind !== 'customer') throw new AppError('forbidden', 'Only a signed-in shopper has a password here');
  const newHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    const row = await repo.findPasswordHash(trx, actor.merchantId, actor.customerId);
    if (!row) throw notFound('Customer');
    if (!row.password_hash || !(await verifyPassword(input.currentPassword, row.password_hash))) {
      throw new AppError('invalid_credentials', 'The current password is wrong');
    }
    await setPassword(trx, actor.merchantId, actor.customerId, newHash);
    await audit(trx, actor, 'customer.password_changed', { type: 'customer', id: actor.customerId });
  });
}

/**
 * Emails a one-hour reset link in the shopper's locale. The answer is the same whether or not the
 * email has an account, so the endpoint cannot be used to find out who shops here.
 */
export async function requestPasswordReset(db: Db, config: Config, actor: Actor, input: { email: string }) {
  requireAccess(actor, Permission.AccountRegister);
  const account = await repo.findAccountByEmail(db, actor.merchantId, normaliseEmail(input.email));
  if (!account?.password_hash) return;
  const [merchant, profile] = await Promise.all([
    db.selectFrom('merchants').select(['name', 'slug']).where('id', '=', actor.merchantId).executeTakeFirstOrThrow(),
    repo.findProfile(db, actor.merchantId, account.id),
  ]);
  const token = signToken({ t: 'pwreset', m: actor.merchantId, c: account.id, v: fingerprint(account.password_hash) } satisfies ResetClaims, config.secret, RESET_TTL_MINUTES * 60);
  const link = `${config.publicUrl}/account/reset-password?shop=${encodeURIComponent(merchant.slug)}&token=${encodeURIComponent(token)}`;
  await db.transaction().execute(async (trx) => {
    await queueMessage(trx, actor.merchantId, {
      channel: 'email', to: profile!.email!, template: 'account.password_reset', locale: profile!.locale,
      data: { name: profile!.name || profile!.email, shop: merchant.name, link, minutes: RESET_TTL_MINUTES }, related: { type: 'customer', id: account.id },
    });
    await audit(trx, { kind: 'customer', merchantId: actor.merchantId, customerId: account.id }, 'customer.password_reset_requested', { type: 'customer', id: account.id });
  });
}

/** Sets a new password from a reset link and signs the shopper in; the link works once. */
export async function confirmPasswordReset(db: Db, secret: string, actor: Actor, input: { token: string; newPassword: string }) {
  requireAccess(actor, Permission.AccountRegister);
  const claims = verifyToken<ResetClaims>(input.token, secret);
  const invalid = new AppError('unprocessable', 'This reset link is invalid, already used or expired; ask for a new one');
  if (!claims || claims.t !== 'pwreset' || claims.m !== actor.merchantId) throw invalid;
  const newHash = await hashPassword(input.newPassword);
  const email = await db.transaction().execute(async (trx) => {
    const row = await repo.lockCustomer(trx, actor.merchantId, claims.c);
    if (!row?.password_hash || fingerprint(row.password_hash) !== claims.v) throw invalid;
    await setPassword(trx, actor.merchantId, claims.c, newHash);
    await audit(trx, { kind: 'customer', merchantId: actor.merchantId, customerId: claims.c }, 'customer.password_reset', { type: 'customer', id: claims.c });
    return row.email;
  });
  if (email) await clearLoginFailures(db, { merchantId: actor.merchantId, account: email, address: '' });
  return session(db, secret, actor.merchantId, claims.c);
}
