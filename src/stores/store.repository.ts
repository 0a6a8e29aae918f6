import { sql } from 'kysely';
import type { Executor } from '../platform/db.ts';
import type { HoursException } from './hours.ts';

export const findStore = (db: Executor, merchantId: string, id: string) =>
  db.selectFrom('stores').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();

export const findStoreByCode = (db: Executor, merchantId: string, code: string) =>
  db.selectFrom('stores').selectAll().where('merchant_id', '=', merchantId).where('code', '=', code).executeTakeFirst();

export const storeIdsByCode = async (db: Executor, merchantId: string, codes: readonly string[]) => {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('stores').select(['id', 'code']).where('merchant_id', '=', merchantId).where('code', 'in', [...new Set(codes)]).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
};

export interface StoreFilter {
  text?: string;
  box?: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  status?: 'active' | 'inactive';
  service?: string;
  ids?: string[] | null;
  limit?: number;
}

/** Stores matching a text (name, code, city, postcode, address) and/or a bounding box. */
export function listStores(db: Executor, merchantId: string, f: StoreFilter) {
  let q = db.selectFrom('stores').selectAll().where('merchant_id', '=', merchantId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.service) q = q.where(sql<boolean>`${f.service} = any(services)`);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.box) {
    q = q.where('lat', '>=', f.box.minLat).where('lat', '<=', f.box.maxLat).where('lng', '>=', f.box.minLng).where('lng', '<=', f.box.maxLng);
  }
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or(['name', 'code', 'city', 'postcode', 'address_line1', 'region'].map((c) => eb(c as 'name', 'ilike', like))));
  }
  return q.orderBy('name').limit(f.limit ?? 500).execute();
}

/** Exceptions of some stores between two local dates, by store id. */
export async function exceptionsFor(db: Executor, merchantId: string, storeIds: string[], from: string, to: string) {
  const byStore = new Map<string, HoursException[]>();
  if (storeIds.length === 0) return byStore;
  const rows = await db.selectFrom('store_hours_exceptions')
    .select(['store_id', sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'closed', 'intervals', 'note'])
    .where('merchant_id', '=', merchantId).where('store_id', 'in', storeIds)
    .where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();
  for (const r of rows) {
    const list = byStore.get(r.store_id) ?? [];
    list.push({ date: r.date, closed: r.closed, intervals: r.intervals, note: r.note });
    byStore.set(r.store_id, list);
  }
  return byStore;
}
