import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { requireAccess, storeScope, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit, emitEvent } from '../platform/outbox.ts';
import { boundingBox, checkCoordinates, haversineKm, round2, type LatLng } from './geo.ts';
import { hoursAt, intervalsProblem, isValidTimeZone, openingHoursProblem, type HoursException } from './hours.ts';
import * as repo from './store.repository.ts';
import type { OpeningHours, StoreService, StoreTable } from './store.table.ts';

type StoreRow = Selectable<StoreTable>;

export interface StoreInput {
  code: string;
  name: string;
  status?: 'active' | 'inactive';
  address?: { line1?: string; line2?: string; city?: string; region?: string; postcode?: string; country: string };
  lat: number;
  lng: number;
  timezone: string;
  phone?: string | null;
  email?: string | null;
  services?: StoreService[];
  pickupPrepMinutes?: number;
  openingHours?: OpeningHours;
}

/** A store as the API shows it; with `at`, also whether it is open and when pickup could be ready. */
export function storeView(s: StoreRow, exceptions: HoursException[] = [], at?: Date, from?: LatLng) {
  const hours = { timezone: s.timezone, opening_hours: s.opening_hours, pickup_prep_minutes: s.pickup_prep_minutes, exceptions };
  return {
    id: s.id, code: s.code, name: s.name, status: s.status,
    address: { line1: s.address_line1, line2: s.address_line2, city: s.city, region: s.region, postcode: s.postcode, country: s.country },
    lat: s.lat, lng: s.lng, timezone: s.timezone, phone: s.phone, email: s.email, services: s.services,
    pickupPrepMinutes: s.pickup_prep_minutes, openingHours: s.opening_hours, exceptions,
    ...(from ? { distanceKm: round2(haversineKm(from, s)) } : {}),
    ...(at ? hoursAt(hours, at) : {}),
  };
}

function checkInput(input: Partial<StoreInput>) {
  if (input.lat !== undefined || input.lng !== undefined) checkCoordinates(input.lat, input.lng);
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) throw new AppError('validation', `Unknown time zone "${input.timezone}" (use an IANA name such as Asia/Kuala_Lumpur)`);
  if (input.openingHours) {
    const problem = openingHoursProblem(input.openingHours);
    if (problem) throw new AppError('validation', `openingHours ${problem}`);
  }
}

function columns(input: Partial<StoreInput>) {
  const a = input.address;
  return {
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(a ? { address_line1: a.line1 ?? '', address_line2: a.line2 ?? '', city: a.city ?? '', region: a.region ?? '', postcode: a.postcode ?? '', country: a.country.toUpperCase() } : {}),
    ...(input.lat !== undefined ? { lat: input.lat } : {}),
    ...(input.lng !== undefined ? { lng: input.lng } : {}),
    ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.services !== undefined ? { services: [...new Set(input.services)] } : {}),
    ...(input.pickupPrepMinutes !== undefined ? { pickup_prep_minutes: input.pickupPrepMinutes } : {}),
    ...(input.openingHours !== undefined ? { opening_hours: JSON.stringify(input.openingHours) } : {}),
  };
}

export async function createStore(db: Db, actor: Actor, input: StoreInput) {
  requireAccess(actor, Permission.StoreManage);
  checkInput(input);
  if (!input.address?.country) throw new AppError('validation', 'address.country is required');
  if (await repo.findStoreByCode(db, actor.merchantId, input.code)) throw new AppError('conflict', `A store with code ${input.code} exists`);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('stores').values({ merchant_id: actor.merchantId, id, ...columns(input) } as never).execute();
    await audit(trx, actor, 'store.created', { type: 'store', id }, { code: input.code });
    await emitEvent(trx, actor.merchantId, 'store.created', { storeId: id, code: input.code, name: input.name });
  });
  return storeView((await repo.findStore(db, actor.merchantId, id))!);
}

export async function updateStore(db: Db, actor: Actor, id: string, input: Partial<StoreInput>) {
  requireAccess(actor, Permission.StoreManage, { storeIds: [id] });
  checkInput(input);
  const row = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('stores').select(['id', 'code']).where('merchant_id', '=', actor.merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('Store');
    if (input.code && input.code !== current.code && await repo.findStoreByCode(trx, actor.merchantId, input.code)) {
      throw new AppError('conflict', `A store with code ${input.code} exists`);
    }
    await trx.updateTable('stores').set({ ...columns(input), updated_at: new Date() }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await audit(trx, actor, 'store.updated', { type: 'store', id }, { fields: Object.keys(input) });
    await emitEvent(trx, actor.merchantId, 'store.updated', { storeId: id, fields: Object.keys(input) });
    return (await repo.findStore(trx, actor.merchantId, id))!;
  });
  return storeView(row, await exceptionsAround(db, actor.merchantId, [id]).then((m) => m.get(id) ?? []));
}

/** Exceptions from a week ago to a year ahead: what the hours functions and the admin screens need. */
function exceptionsAround(db: Db, merchantId: string, ids: string[]) {
  const now = Date.now();
  return repo.exceptionsFor(db, merchantId, ids, new Date(now - 7 * 86_400_000).toISOString().slice(0, 10), new Date(now + 366 * 86_400_000).toISOString().slice(0, 10));
}

export async function getStore(db: Db, actor: Actor, id: string, at = new Date()) {
  requireAccess(actor, Permission.StoreRead);
  const row = await repo.findStore(db, actor.merchantId, id);
  if (!row || (row.status !== 'active' && !isStaffViewer(actor))) throw notFound('Store');
  return storeView(row, (await exceptionsAround(db, actor.merchantId, [id])).get(id) ?? [], at);
}

const isStaffViewer = (actor: Actor) => actor.kind === 'staff' || actor.kind === 'apikey' || actor.kind === 'system';

export interface StoreSearch { q?: string; lat?: number; lng?: number; radiusKm?: number; service?: StoreService; limit?: number; at?: Date; includeInactive?: boolean }

/**
 * Store finder: by coordinates and radius (bounding box in SQL, haversine after), by text over name,
 * code, city, postcode and address, or both; sorted by distance when a location is given.
 */
export async function searchStores(db: Db, actor: Actor, s: StoreSearch) {
  requireAccess(actor, Permission.StoreRead);
  const near = checkCoordinates(s.lat, s.lng);
  const radius = s.radiusKm ?? 25;
  const rows = await repo.listStores(db, actor.merchantId, {
    text: s.q?.trim() || undefined,
    box: near ? boundingBox(near, radius) : undefined,
    status: s.includeInactive && isStaffViewer(actor) ? undefined : 'active',
    service: s.service,
    ids: isStaffViewer(actor) ? storeScope(actor) : null,
    limit: near ? 5000 : s.limit ?? 100,
  });
  const inRange = near ? rows.filter((r) => haversineKm(near, r) <= radius) : rows;
  if (near) inRange.sort((a, b) => haversineKm(near, a) - haversineKm(near, b));
  const page = inRange.slice(0, s.limit ?? 100);
  const exceptions = await exceptionsAround(db, actor.merchantId, page.map((r) => r.id));
  return page.map((r) => storeView(r, exceptions.get(r.id) ?? [], s.at ?? new Date(), near));
}

export async function setHoursException(db: Db, actor: Actor, storeId: string, date: string, input: { closed: boolean; intervals?: { open: string; close: string }[]; note?: string }) {
  requireAccess(actor, Permission.StoreManage, { storeIds: [storeId] });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new AppError('validation', `date must be YYYY-MM-DD (got ${date})`);
  const intervals = input.closed ? [] : input.intervals ?? [];
  if (!input.closed && intervals.length === 0) throw new AppError('validation', 'Special hours need at least one interval, or closed: true');
  const problem = intervalsProblem(intervals);
  if (problem) throw new AppError('validation', `intervals: ${problem}`);
  if (!(await repo.findStore(db, actor.merchantId, storeId))) throw notFound('Store');
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('store_hours_exceptions')
      .values({ merchant_id: actor.merchantId, store_id: storeId, date, closed: input.closed, intervals: JSON.stringify(intervals), note: input.note ?? '' })
      .onConflict((oc) => oc.columns(['merchant_id', 'store_id', 'date']).doUpdateSet({ closed: input.closed, intervals: JSON.stringify(intervals), note: input.note ?? '' }))
      .execute();
    await audit(trx, actor, 'store.hours_exception_set', { type: 'store', id: storeId }, { date, closed: input.closed, intervals });
    await emitEvent(trx, actor.merchantId, 'store.updated', { storeId, fields: ['exceptions'], date });
  });
  return { date, closed: input.closed, intervals, note: input.note ?? '' };
}

export async function deleteHoursException(db: Db, actor: Actor, storeId: string, date: string) {
  requireAccess(actor, Permission.StoreManage, { storeIds: [storeId] });
  const deleted = await db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('store_hours_exceptions').where('merchant_id', '=', actor.merchantId).where('store_id', '=', storeId).where('date', '=', date).executeTakeFirst();
    if (r.numDeletedRows > 0n) await audit(trx, actor, 'store.hours_exception_deleted', { type: 'store', id: storeId }, { date });
    return r.numDeletedRows > 0n;
  });
  if (!deleted) throw notFound('Hours exception');
}
