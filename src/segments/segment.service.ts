import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db, Executor } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit, emitEvent } from '../platform/outbox.ts';
import { tableExists } from '../sales/code-campaigns.ts';
import { segmentWhere, type SegmentRule } from './segment-rules.ts';

export interface SegmentInput { name: string; description?: string; rules: SegmentRule[] }

async function checkRules(db: Executor, merchantId: string, rules: SegmentRule[]) {
  for (const r of rules) {
    if (r.type === 'near_store') {
      const s = await db.selectFrom('stores').select('id').where('merchant_id', '=', merchantId).where('id', '=', r.storeId).executeTakeFirst();
      if (!s) throw new AppError('validation', `Unknown store ${r.storeId}`);
    }
    if (r.type === 'claimed_not_redeemed' && !(await tableExists(db, 'code_claims'))) throw new AppError('validation', 'Coupon claims are not available');
  }
  segmentWhere(merchantId, rules);
}

const view = (s: { id: string; name: string; description: string; rules: SegmentRule[]; member_count: number; refreshed_at: Date | null; created_at: Date }) => ({
  id: s.id, name: s.name, description: s.description, rules: s.rules, memberCount: s.member_count, refreshedAt: s.refreshed_at, createdAt: s.created_at,
});

async function findSegment(db: Executor, merchantId: string, id: string) {
  const s = await db.selectFrom('segments').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('Segment');
  return s;
}

/** Evaluates rules on demand: how many customers match now, and a sample of them. */
export async function previewSegment(db: Db, actor: Actor, rules: SegmentRule[]) {
  requireAccess(actor, Permission.CustomerRead);
  await checkRules(db, actor.merchantId, rules);
  const where = segmentWhere(actor.merchantId, rules);
  const [count, sample] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from customers c where ${where}`.execute(db),
    sql<{ id: string; name: string; email: string | null }>`select c.id, c.name, c.email from customers c where ${where} order by c.created_at desc limit 20`.execute(db),
  ]);
  return { count: count.rows[0].n, sample: sample.rows };
}

export async function createSegment(db: Db, actor: Actor, input: SegmentInput) {
  requireAccess(actor, Permission.CustomerManage);
  await checkRules(db, actor.merchantId, input.rules);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('segments').select('id').where('merchant_id', '=', actor.merchantId).where('name', '=', input.name).executeTakeFirst();
    if (clash) throw new AppError('conflict', `A segment named "${input.name}" exists`);
    await trx.insertInto('segments').values({ merchant_id: actor.merchantId, id, name: input.name, description: input.description ?? '', rules: JSON.stringify(input.rules), refreshed_at: null }).execute();
    await refreshInto(trx, actor.merchantId, id, input.rules);
    await audit(trx, actor, 'segment.created', { type: 'segment', id }, { name: input.name });
  });
  return view(await findSegment(db, actor.merchantId, id));
}

export async function updateSegment(db: Db, actor: Actor, id: string, input: SegmentInput) {
  requireAccess(actor, Permission.CustomerManage);
  await checkRules(db, actor.merchantId, input.rules);
  await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('segments').select('id').where('merchant_id', '=', actor.merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!locked) throw notFound('Segment');
    await trx.updateTable('segments').set({ name: input.name, description: input.description ?? '', rules: JSON.stringify(input.rules) }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await refreshInto(trx, actor.merchantId, id, input.rules);
    await audit(trx, actor, 'segment.updated', { type: 'segment', id }, { name: input.name });
  });
  return view(await findSegment(db, actor.merchantId, id));
}

export async function deleteSegment(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CustomerManage);
  await db.transaction().execute(async (trx) => {
    await findSegment(trx, actor.merchantId, id);
    await trx.deleteFrom('segment_members').where('merchant_id', '=', actor.merchantId).where('segment_id', '=', id).execute();
    await trx.deleteFrom('segments').where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute();
    await audit(trx, actor, 'segment.deleted', { type: 'segment', id });
  });
}

export async function listSegments(db: Db, actor: Actor) {
  requireAccess(actor, Permission.CustomerRead);
  const rows = await db.selectFrom('segments').selectAll().where('merchant_id', '=', actor.merchantId).orderBy('name').execute();
  return rows.map(view);
}

export async function getSegment(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CustomerRead);
  return view(await findSegment(db, actor.merchantId, id));
}

export async function segmentMembers(db: Db, actor: Actor, id: string, page: { limit: number; offset: number }) {
  requireAccess(actor, Permission.CustomerRead);
  await findSegment(db, actor.merchantId, id);
  return db.selectFrom('segment_members').innerJoin('customers', (j) => j.onRef('customers.merchant_id', '=', 'segment_members.merchant_id').onRef('customers.id', '=', 'segment_members.customer_id'))
    .select(['customers.id', 'customers.name', 'customers.email', 'customers.phone', 'segment_members.added_at'])
    .where('segment_members.merchant_id', '=', actor.merchantId).where('segment_id', '=', id)
    .orderBy('segment_members.added_at', 'desc').orderBy('customers.id').limit(page.limit).offset(page.offset).execute();
}

/** Re-evaluates one segment into segment_members: adds who now matches, removes who no longer does. */
export async function refreshInto(trx: Executor, merchantId: string, segmentId: string, rules: SegmentRule[]) {
  const where = segmentWhere(merchantId, rules);
  await sql`delete from segment_members sm where sm.merchant_id = ${merchantId} and sm.segment_id = ${segmentId}
    and not exists (select 1 from customers c where c.id = sm.customer_id and ${where})`.execute(trx);
  await sql`insert into segment_members (merchant_id, segment_id, customer_id)
    select ${merchantId}::uuid, ${segmentId}::uuid, c.id from customers c where ${where} on conflict do nothing`.execute(trx);
  const n = await trx.selectFrom('segment_members').select((eb) => eb.fn.countAll<number>().as('n')).where('merchant_id', '=', merchantId).where('segment_id', '=', segmentId).executeTakeFirstOrThrow();
  await trx.updateTable('segments').set({ member_count: Number(n.n), refreshed_at: new Date() }).where('merchant_id', '=', merchantId).where('id', '=', segmentId).execute();
  return Number(n.n);
}

export async function refreshSegment(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CustomerManage);
  await db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('segments').selectAll().where('merchant_id', '=', actor.merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!s) throw notFound('Segment');
    const count = await refreshInto(trx, actor.merchantId, id, s.rules);
    await emitEvent(trx, actor.merchantId, 'segment.refreshed', { segmentId: id, memberCount: count });
  });
  return getSegment(db, actor, id);
}

/** The refresh job: every segment of every merchant, oldest refresh first, each in its own transaction. */
export async function refreshAllSegments(db: Db): Promise<number> {
  const due = await db.selectFrom('segments').selectAll().orderBy(sql`refreshed_at nulls first`).limit(200).execute();
  for (const s of due) {
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('segments').select('id').where('merchant_id', '=', s.merchant_id).where('id', '=', s.id).forUpdate().execute();
      await refreshInto(trx, s.merchant_id, s.id, s.rules);
    });
  }
  return due.length;
}

/** For campaigns: the members of a segment as last refreshed (refreshed now if it never was). */
export async function segmentMemberIds(db: Db, merchantId: string, segmentId: string): Promise<string[]> {
  const s = await findSegment(db, merchantId, segmentId);
  if (!s.refreshed_at) await db.transaction().execute((trx) => refreshInto(trx, merchantId, segmentId, s.rules));
  const rows = await db.selectFrom('segment_members').select('customer_id').where('merchant_id', '=', merchantId).where('segment_id', '=', segmentId).execute();
  return rows.map((r) => r.customer_id);
}

/** For campaigns at redemption or claim time: which of these segments the customer is in right now (live rules). */
export async function customerInSegments(db: Executor, merchantId: string, customerId: string, segmentIds: string[]): Promise<string[]> {
  if (!segmentIds.length) return [];
  const segments = await db.selectFrom('segments').select(['id', 'rules']).where('merchant_id', '=', merchantId).where('id', 'in', segmentIds).execute();
  const hits: string[] = [];
  for (const s of segments) {
    const r = await sql<{ id: string }>`select c.id from customers c where ${segmentWhere(merchantId, s.rules)} and c.id = ${customerId}`.execute(db);
    if (r.rows.length) hits.push(s.id);
  }
  return segmentIds.filter((id) => hits.includes(id));
}
