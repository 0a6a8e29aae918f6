import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import { issueCustomerToken } from '../platform/auth.ts';
import { hashPassword, verifyPassword } from '../platform/crypto.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from '../platform/login-throttle.ts';
import { audit, emitEvent } from '../platform/outbox.ts';
import { queueMessage } from '../notifications/notification.service.ts';
import { LOCALES } from '../notifications/templates.ts';
import * as repo from './account.repository.ts';
import { findCustomer, linkIdentities, liveCustomerId, normaliseEmail, normalisePhone } from './identity.ts';

export interface Registration { email: string; password: string; name: string; locale?: string; phone?: string }

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';
// Compared against when the email is unknown, so a miss costs the same scrypt time as a wrong password.
const decoyHash = hashPassword('footfall-decoy-password');

export async function session(db: Db, secret: string, merchantId: string, customerId: string) {
  const customer = (await repo.findProfile(db, merchantId, customerId))!;
  return { token: issueCustomerToken(secret, merchantId, customerId), customer };
}

/**
 * Creates a shopper account. A guest customer with the same email (from a store sale or a guest
 * checkout) is claimed, so their history stays theirs; an email that already has a password is a conflict.
 */
export async function register(db: Db, secret: string, actor: Actor, input: Registration) {
  requireAccess(actor, Permission.AccountRegister);
  const merchant = await db.selectFrom('merchants').select(['name', 'default_locale']).where('id', '=', actor.merchantId).executeTakeFirstOrThrow();
  const locale = input.locale ?? merchant.default_locale;
  if (!(LOCALES as readonly string[]).includes(locale)) throw new AppError('validation', `locale must be one of ${LOCALES.join(', ')}`);
  const email = normaliseEmail(input.email);
  const phone = input.phone ? normalisePhone(input.phone) : null;
  const passwordHash = await hashPassword(input.password);
  try {
    const { customerId } = await db.transaction().execute(async (trx) => {
      // The same person may already be on file from a store sale, a guest checkout or a coupon claim.
      const knownId = await findCustomer(trx, actor.merchantId, { email });
      const existing = knownId ? await repo.lockCustomer(trx, actor.merchantId, knownId) : undefined;
      if (existing?.password_hash) throw new AppError('conflict', 'An account with this email exists; sign in instead', { field: 'email' });
      const id = existing?.id ?? randomUUID();
      if (existing) {
        await trx.updateTable('customers').set({
          password_hash: passwordHash, name: input.name, locale, kind: 'registered', updated_at: sql`now()`,
          ...(existing.email ? {} : { email }), ...(phone && !existing.phone ? { phone } : {}),
        }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
      } else {
        await trx.insertInto('customers').values({
          merchant_id: actor.merchantId, id, email, phone, name: input.name, password_hash: passwordHash, locale, kind: 'registered',
        }).execute();
      }
      await linkIdentities(trx, actor.merchantId, id, { email, phone }, 'register');
      const customer: Actor = { kind: 'customer', merchantId: actor.merchantId, customerId: id };
      await audit(trx, customer, existing ? 'customer.account_claimed' : 'customer.registered', { type: 'customer', id });
      await emitEvent(trx, actor.merchantId, 'customer.registered', { customerId: id, claimedGuest: Boolean(existing), locale });
      await queueMessage(trx, actor.merchantId, {
        channel: 'email', to: email, template: 'account.welcome', locale,
        data: { name: input.name, shop: merchant.name, email }, related: { type: 'customer', id },
      });
      return { customerId: id };
    });
    return session(db, secret, actor.merchantId, customerId);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'This email or phone number already belongs to an account', { field: 'email' });
    throw err;
  }
}

/** Email and password sign-in; failures are counted per account and per address and then locked out for a while. */
export async function login(db: Db, secret: string, actor: Actor, input: { email: string; password: string; address: string }) {
  const subject = { merchantId: actor.merchantId, account: input.email.trim(), address: input.address };
  await assertLoginAllowed(db, subject);
  const customer = await repo.findAccountByEmail(db, actor.merchantId, normaliseEmail(input.email));
  const ok = await verifyPassword(input.password, customer?.password_hash ?? (await decoyHash));
  if (!customer?.password_hash || !ok) {
    await recordLoginFailure(db, subject);
    throw new AppError('invalid_credentials', 'Wrong email or password');
  }
  await clearLoginFailures(db, subject);
  return session(db, secret, actor.merchantId, customer.id);
}

export async function me(db: Db, actor: Actor) {
  requireAccess(actor, Permission.CustomerSelf);
  if (actor.kind !== 'customer') throw new AppError('forbidden', 'Only a signed-in shopper has a profile here');
  // A profile merged into another by staff answers as the surviving one.
  const id = await liveCustomerId(db, actor.merchantId, actor.customerId);
  const profile = id ? await repo.findProfile(db, actor.merchantId, id) : undefined;
  if (!profile) throw notFound('Customer');
  return profile;
}
