import { randomBytes, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import { queueMessage } from '../../notifications/notification.service.ts';
import { findCampaign, findOffer } from '../campaigns/campaign.repository.ts';
import { issueOneCode } from '../codes/code.repository.ts';
import { recordClaim } from '../distribution/wallet.service.ts';
import type { ContestTable } from '../promotions.table.ts';
import { DRAW_ALGORITHM, drawWinners, sha256Hex } from './contest-draw.ts';

export interface ContestInput { name: string; winnersCount: number; offerId: string; closesAt?: string | null; entryMethods?: ('claim' | 'form' | 'link')[] }

/** What anyone may see: the seed stays secret until the draw, its commitment is public from the start. */
export function contestView(c: Selectable<ContestTable>, entrants?: number) {
  const drawn = c.status === 'drawn';
  return {
    id: c.id, campaignId: c.campaign_id, name: c.name, entryMethods: c.entry_methods, winnersCount: c.winners_count,
    closesAt: c.closes_at ? new Date(c.closes_at).toISOString() : null, status: c.status, seedCommitment: c.seed_commitment,
    entrants: entrants ?? c.entrants_count ?? null, algorithm: DRAW_ALGORITHM,
    ...(drawn ? {
      seed: c.seed, entrantsHash: c.entrants_hash, drawnAt: c.drawn_at ? new Date(c.drawn_at).toISOString() : null,
      winners: (c.winners ?? []).map((w) => w.customerId),
    } : {}),
  };
}

export async function createContest(db: Db, actor: Actor, campaignId: string, input: ContestInput) {
  requireAccess(actor, Permission.CampaignManage);
  if (!(await findCampaign(db, actor.merchantId, campaignId))) throw notFound('Campaign');
  const offer = await findOffer(db, actor.merchantId, input.offerId);
  if (!offer || offer.campaign_id !== campaignId) throw new AppError('validation', 'The prize offer must belong to this campaign');
  const seed = randomBytes(32).toString('hex');
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('contests').values({
      merchant_id: actor.merchantId, id, campaign_id: campaignId, offer_id: input.offerId, name: input.name, winners_count: input.winnersCount,
      closes_at: input.closesAt ? new Date(input.closesAt) : null, entry_methods: input.entryMethods ?? ['claim', 'form', 'link'],
      seed_commitment: sha256Hex(seed), seed, entrants_hash: null, entrants_count: null, winners: null, drawn_at: null,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'contest.created', { type: 'contest', id }, { name: input.name, seedCommitment: row.seed_commitment });
    return contestView(row, 0);
  });
}

async function findContest(db: Db, merchantId: string, id: string) {
  const c = await db.selectFrom('contests').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('Contest');
  return c;
}

const entrantCount = async (db: Db, merchantId: string, id: string) =>
  Number((await db.selectFrom('contest_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('merchant_id', '=', merchantId).where('contest_id', '=', id).executeTakeFirstOrThrow()).n);

/** A campaign's contests for the merchant, newest first, each with its number of entrants so far. */
export async function listContests(db: Db, actor: Actor, campaignId: string) {
  requireAccess(actor, Permission.CampaignRead);
  if (!(await findCampaign(db, actor.merchantId, campaignId))) throw notFound('Campaign');
  const rows = await db.selectFrom('contests as c')
    .selectAll('c')
    .select((eb) => eb.selectFrom('contest_entries as e').select(eb.fn.countAll<number>().as('n'))
      .whereRef('e.merchant_id', '=', 'c.merchant_id').whereRef('e.contest_id', '=', 'c.id').as('entries'))
    .where('c.merchant_id', '=', actor.merchantId).where('c.campaign_id', '=', campaignId)
    .orderBy('c.created_at', 'desc').execute();
  return { items: rows.map(({ entries, ...c }) => contestView(c, Number(entries))) };
}

export async function getContest(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CodeClaim);
  const c = await findContest(db, actor.merchantId, id);
  return contestView(c, await entrantCount(db, actor.merchantId, id));
}

/** Enters the signed-in customer once; a link entry must name a click recorded on one of the campaign's links. */
export async function enterContest(db: Db, actor: Actor, id: string, input: { method: 'claim' | 'form' | 'link'; answers?: Record<string, string>; clickId?: string }) {
  requireAccess(actor, Permission.CodeClaim);
  if (actor.kind !== 'customer') throw new AppError('unauthenticated', 'Sign in to enter');
  const c = await findContest(db, actor.merchantId, id);
  if (c.status !== 'open' || (c.closes_at && new Date(c.closes_at) <= new Date())) throw new AppError('invalid_transition', 'This contest is closed');
  if (!c.entry_methods.includes(input.method)) throw new AppError('validation', `This contest does not take entries by ${input.method}`);
  if (input.method === 'link') {
    const click = input.clickId && await db.selectFrom('link_clicks').select('id').where('merchant_id', '=', actor.merchantId)
      .where('campaign_id', '=', c.campaign_id).where('click_id', '=', input.clickId).executeTakeFirst();
    if (!click) throw new AppError('validation', 'A link entry needs the click id of a link of this campaign');
  }
  const inserted = await db.insertInto('contest_entries').values({
    merchant_id: actor.merchantId, contest_id: id, customer_id: actor.customerId, method: input.method, answers: JSON.stringify(input.answers ?? {}),
  }).onConflict((oc) => oc.columns(['merchant_id', 'contest_id', 'customer_id']).doNothing()).returning('customer_id').executeTakeFirst();
  return { contestId: id, entered: true, alreadyEntered: !inserted };
}

/**
 * Closes entries and draws: reveals the committed seed, fixes the entrant list by its hash, picks
 * winners with the published algorithm, and issues each winner a prize code into their wallet.
 */
export async function drawContest(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CampaignManage);
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('contests').selectAll().where('merchant_id', '=', actor.merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!c) throw notFound('Contest');
    if (c.status === 'drawn') throw new AppError('invalid_transition', 'This contest has already been drawn');
    const entries = await trx.selectFrom('contest_entries').select('customer_id').where('merchant_id', '=', actor.merchantId).where('contest_id', '=', id).execute();
    if (!entries.length) throw new AppError('invalid_transition', 'Nobody has entered yet');
    const { winners, entrantsHash } = drawWinners(c.seed!, entries.map((e) => e.customer_id), c.winners_count);
    const merchant = await trx.selectFrom('merchants').select(['name', 'default_locale']).where('id', '=', actor.merchantId).executeTakeFirstOrThrow();
    const prizes = [];
    for (const customerId of winners) {
      const code = await issueOneCode(trx, actor.merchantId, { campaignId: c.campaign_id, offerId: c.offer_id!, kind: 'unique', batchId: null, customerId });
      await emitEvent(trx, actor.merchantId, 'code.issued', { codeId: code.id, code: code.code, kind: 'unique', campaignId: c.campaign_id, offerId: c.offer_id, customerId, via: 'contest' });
      await recordClaim(trx, actor.merchantId, { customerId, codeId: code.id, code: code.code, campaignId: c.campaign_id, storeId: null, channel: 'contest', source: c.id });
      const person = await trx.selectFrom('customers').select(['email', 'locale']).where('merchant_id', '=', actor.merchantId).where('id', '=', customerId).executeTakeFirst();
      if (person?.email) {
        await queueMessage(trx, actor.merchantId, {
          channel: 'email', to: person.email, template: 'promotions.contest_won', locale: person.locale ?? merchant.default_locale,
          data: { contestName: c.name, code: code.code, shopName: merchant.name }, related: { type: 'contest', id },
        });
      }
      prizes.push({ customerId, codeId: code.id, code: code.code });
    }
    const row = await trx.updateTable('contests').set({
      status: 'drawn', entrants_hash: entrantsHash, entrants_count: entries.length, winners: JSON.stringify(prizes), drawn_at: new Date(),
    }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, 'contest.drawn', { type: 'contest', id }, { entrants: entries.length, entrantsHash, winners });
    await emitEvent(trx, actor.merchantId, 'contest.drawn', { contestId: id, campaignId: c.campaign_id, entrants: entries.length, entrantsHash, seed: c.seed, winners });
    return { ...contestView(row), prizes };
  });
}

/** Everything needed to re-run the draw: the revealed seed and the sorted entrant list. */
export async function drawAudit(db: Db, actor: Actor, id: string) {
  requireAccess(actor, Permission.CodeClaim);
  const c = await findContest(db, actor.merchantId, id);
  if (c.status !== 'drawn') throw new AppError('invalid_transition', 'The draw has not happened yet');
  const entries = await db.selectFrom('contest_entries').select('customer_id').where('merchant_id', '=', actor.merchantId).where('contest_id', '=', id)
    .where('entered_at', '<=', c.drawn_at!).orderBy('customer_id').execute();
  return { ...contestView(c), entrantIds: entries.map((e) => e.customer_id) };
}
