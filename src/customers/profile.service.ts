import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db, Executor } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { actorLabel, audit, emitEvent } from '../platform/outbox.ts';
import * as repo from './customer.repository.ts';
import type { AgeBand, ConsentPurpose } from './customer.table.ts';
import { linkIdentities, normaliseEmail, normalisePhone } from './identity.ts';

export interface ProfileInput {
  name?: string;
  email?: string | null;
  phone?: string | null;
  locale?: string;
  ageBand?: AgeBand | null;
  gender?: string | null;
  postcode?: string | null;
  country?: string | null;
  location?: { lat: number; lng: number } | null;
  interests?: string[];
  preferences?: Record<string, unknown>;
  consents?: Partial<Record<ConsentPurpose, boolean>>;
  loyaltyCard?: string;
}

/** The profile as staff and the shopper see it: contact, demographics, preferences, consents, identities. */
export async function profileView(db: Executor, merchantId: string, id: string) {
  const c = await repo.findCustomerRow(db, merchantId, id);
  if (!c) throw notFound('Customer');
  const [identities, consents, loyalty] = await Promise.all([
    repo.identitiesOfCustomer(db, merchantId, id),
    repo.consentsOfCustomer(db, merchantId, id),
    db.selectFrom('loyalty_accounts').leftJoin('loyalty_tiers', (j) => j.onRef('loyalty_tiers.merchant_id', '=', 'loyalty_accounts.merchant_id').onRef('loyalty_tiers.id', '=', 'loyalty_accounts.tier_id'))
      .select(['card_number', 'balance', 'lifetime_points', 'loyalty_tiers.name as tier'])
      .where('loyalty_accounts.merchant_id', '=', merchantId).where('customer_id', '=', id).executeTakeFirst(),
  ]);
  return {
    id: c.id, kind: c.kind, name: c.name, email: c.email, phone: c.phone, locale: c.locale,
    emailVerified: c.email_verified_at !== null, phoneVerified: c.phone_verified_at !== null,
    ageBand: c.age_band, gender: c.gender, postcode: c.postcode, country: c.country,
    location: c.lat !== null && c.lng !== null ? { lat: c.lat, lng: c.lng } : null,
    interests: c.interests, preferences: c.preferences,
    consents: Object.fromEntries(repo.CONSENT_PURPOSES.map((p) => [p, consents.find((x) => x.purpose === p)?.granted ?? false])),
    identities: identities.map((i) => ({ kind: i.kind, value: i.value, verified: i.verified, source: i.source })),
    loyalty: loyalty ? { cardNumber: loyalty.card_number, balance: loyalty.balance, lifetimePoints: loyalty.lifetime_points, tier: loyalty.tier ?? null } : null,
    mergedInto: c.merged_into, anonymised: c.anonymised_at !== null,
    createdAt: c.created_at, updatedAt: c.updated_at,
  };
}

function columnsOf(input: ProfileInput) {
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set.name = input.name.trim();
  if (input.email !== undefined) set.email = input.email ? normaliseEmail(input.email) : null;
  if (input.phone !== undefined) set.phone = input.phone ? normalisePhone(input.phone) : null;
  if (input.locale !== undefined) set.locale = input.locale;
  if (input.ageBand !== undefined) set.age_band = input.ageBand;
  if (input.gender !== undefined) set.gender = input.gender;
  if (input.postcode !== undefined) set.postcode = input.postcode?.trim().toUpperCase() || null;
  if (input.country !== undefined) set.country = input.country?.toUpperCase() ?? null;
  if (input.location !== undefined) { set.lat = input.location?.lat ?? null; set.lng = input.location?.lng ?? null; }
  if (input.interests !== undefined) set.interests = [...new Set(input.interests.map((i) => i.trim().toLowerCase()).filter(Boolean))];
  if (input.preferences !== undefined) set.preferences = JSON.stringify(input.preferences);
  return set;
}

async function assertContactFree(db: Executor, merchantId: string, selfId: string | null, input: ProfileInput) {
  if (input.email) {
    const clash = await db.selectFrom('customers').select('id').where('merchant_id', '=', merchantId)
      .where(sql`lower(email)`, '=', normaliseEmail(input.email)).$if(!!selfId, (q) => q.where('id', '<>', selfId!)).executeTakeFirst();
    if (clash) throw new AppError('conflict', 'Another customer has this email; merge the two profiles instead', { customerId: clash.id });
  }
  if (input.phone) {
    const clash = await db.selectFrom('customers').select('id').where('merchant_id', '=', merchantId)
      .where('phone', '=', normalisePhone(input.phone)).$if(!!selfId, (q) => q.where('id', '<>', selfId!)).executeTakeFirst();
    if (clash) throw new AppError('conflict', 'Another customer has this phone; merge the two profiles instead', { customerId: clash.id });
  }
}

async function applyConsents(trx: Executor, actor: Actor, customerId: string, consents: ProfileInput['consents'], source: string) {
  const current = await repo.consentsOfCustomer(trx, actor.merchantId, customerId);
  for (const [purpose, granted] of Object.entries(consents ?? {}) as [ConsentPurpose, boolean][]) {
    if (current.find((c) => c.purpose === purpose)?.granted === granted) continue;
    await repo.recordConsent(trx, actor.merchantId, customerId, purpose, granted, source, actorLabel(actor));
    await emitEvent(trx, actor.merchantId, 'customer.consent_changed', { customerId, purpose, granted, source });
  }
}

export async function createCustomer(db: Db, actor: Actor, input: ProfileInput) {
  requireAccess(actor, Permission.CustomerManage);
  await assertContactFree(db, actor.merchantId, null, input);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('customers').values({
      merchant_id: actor.merchantId, id, password_hash: null, kind: 'pos',
      email: null, phone: null, age_band: null, gender: null, postcode: null, country: null, lat: null, lng: null,
      email_verified_at: null, phone_verified_at: null, merged_into: null, anonymised_at: null,
      ...columnsOf(input),
    }).execute();
    await linkIdentities(trx, actor.merchantId, id, { email: input.email, phone: input.phone, loyaltyCard: input.loyaltyCard }, 'staff');
    await applyConsents(trx, actor, id, input.consents, 'staff');
    await audit(trx, actor, 'customer.created', { type: 'customer', id });
    await emitEvent(trx, actor.merchantId, 'customer.created', { customerId: id });
  });
  return profileView(db, actor.merchantId, id);
}

/** Staff edit any profile; a customer edits only their own (Permission.CustomerSelf). */
export async function updateCustomer(db: Db, actor: Actor, id: string, input: ProfileInput) {
  const self = actor.kind === 'customer';
  requireAccess(actor, self ? Permission.CustomerSelf : Permission.CustomerManage);
  if (self && actor.customerId !== id) throw notFound('Customer');
  await assertContactFree(db, actor.merchantId, id, input);
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockCustomer(trx, actor.merchantId, id);
    if (!row || row.merged_into) throw notFound('Customer');
    if (row.anonymised_at) throw new AppError('invalid_transition', 'This customer was erased');
    const set = columnsOf(input);
    if (set.email !== undefined && set.email !== row.email) set.email_verified_at = null;
    if (set.phone !== undefined && set.phone !== row.phone) set.phone_verified_at = null;
    if (Object.keys(set).length) {
      await trx.updateTable('customers').set({ ...set, updated_at: sql`now()` }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    }
    await linkIdentities(trx, actor.merchantId, id, { email: input.email, phone: input.phone, loyaltyCard: self ? undefined : input.loyaltyCard }, self ? 'self' : 'staff');
    await applyConsents(trx, actor, id, input.consents, self ? 'self' : 'staff');
    await audit(trx, actor, 'customer.updated', { type: 'customer', id }, { fields: Object.keys(set) });
    await emitEvent(trx, actor.merchantId, 'customer.updated', { customerId: id, fields: Object.keys(set) });
  });
  return profileView(db, actor.merchantId, id);
}

export async function getCustomer(db: Db, actor: Actor, id: string) {
  requireAccess(actor, actor.kind === 'customer' ? Permission.CustomerSelf : Permission.CustomerRead);
  if (actor.kind === 'customer' && actor.customerId !== id) throw notFound('Customer');
  return profileView(db, actor.merchantId, id);
}

export async function listCustomers(db: Db, actor: Actor, search: repo.CustomerSearch) {
  requireAccess(actor, Permission.CustomerRead);
  return repo.searchCustomers(db, actor.merchantId, search);
}

export async function setConsents(db: Db, actor: Actor, id: string, consents: Partial<Record<ConsentPurpose, boolean>>, source?: string) {
  const self = actor.kind === 'customer';
  requireAccess(actor, self ? Permission.CustomerSelf : Permission.CustomerManage);
  if (self && actor.customerId !== id) throw notFound('Customer');
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockCustomer(trx, actor.merchantId, id);
    if (!row || row.merged_into || row.anonymised_at) throw notFound('Customer');
    await applyConsents(trx, actor, id, consents, source ?? (self ? 'self' : 'staff'));
    await audit(trx, actor, 'customer.consent_updated', { type: 'customer', id }, consents);
  });
  return getConsentHistory(db, actor, id);
}

export async function getConsentHistory(db: Db, actor: Actor, id: string) {
  requireAccess(actor, actor.kind === 'customer' ? Permission.CustomerSelf : Permission.CustomerRead);
  if (actor.kind === 'customer' && actor.customerId !== id) throw notFound('Customer');
  const [current, history] = await Promise.all([repo.consentsOfCustomer(db, actor.merchantId, id), repo.consentHistory(db, actor.merchantId, id)]);
  return {
    current: Object.fromEntries(repo.CONSENT_PURPOSES.map((p) => [p, current.find((x) => x.purpose === p)?.granted ?? false])),
    history: history.map((h) => ({ purpose: h.purpose, granted: h.granted, source: h.source, actor: h.actor, recordedAt: h.recorded_at })),
  };
}

/** Whether the person agreed to a purpose; no answer means no. */
export async function hasConsent(db: Executor, merchantId: string, customerId: string, purpose: ConsentPurpose): Promise<boolean> {
  const row = await db.selectFrom('customer_consents').select('granted').where('merchant_id', '=', merchantId)
    .where('customer_id', '=', customerId).where('purpose', '=', purpose).executeTakeFirst();
  return row?.granted ?? false;
}
