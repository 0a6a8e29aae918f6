import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, emitEvent } from '../../platform/outbox.ts';
import { findCampaign } from '../campaigns/campaign.repository.ts';
import { generateCodes } from '../codes/code-format.ts';

const SLUG_PATTERN = { length: 8, prefix: '', alphabet: 'ACDEFGHJKMNPQRTUVWXY34679' };

export interface LinkInput { channel: string; source?: string; medium?: string; content?: string; landingPath?: string | null }

function linkView(l: { id: string; slug: string; campaign_id: string; channel: string; source: string; medium: string; content: string; landing_path: string | null; created_at: Date }, baseUrl: string, clicks?: number) {
  return {
    id: l.id, slug: l.slug, url: `${baseUrl}/l/${l.slug}`, campaignId: l.campaign_id, channel: l.channel, source: l.source, medium: l.medium,
    content: l.content, landingPath: l.landing_path, createdAt: new Date(l.created_at).toISOString(), ...(clicks !== undefined ? { clicks } : {}),
  };
}

/** A short URL for one campaign, channel and source; slugs are random and checked unique across merchants. */
export async function createTrackingLink(db: Db, actor: Actor, baseUrl: string, campaignId: string, input: LinkInput) {
  requireAccess(actor, Permission.CampaignManage);
  if (!(await findCampaign(db, actor.merchantId, campaignId))) throw notFound('Campaign');
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = generateCodes(SLUG_PATTERN, 1)[0].toLowerCase();
    const taken = await db.selectFrom('tracking_links').select('id').where('slug', '=', slug).executeTakeFirst();
    if (taken) continue;
    const row = await db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('tracking_links').values({
        merchant_id: actor.merchantId, id: randomUUID(), slug, campaign_id: campaignId, channel: input.channel, source: input.source ?? '',
        medium: input.medium ?? '', content: input.content ?? '', landing_path: input.landingPath ?? null,
      }).returningAll().executeTakeFirstOrThrow();
      await audit(trx, actor, 'tracking_link.created', { type: 'tracking_link', id: r.id }, { slug, campaignId, channel: input.channel });
      return r;
    });
    return linkView(row, baseUrl);
  }
  throw new AppError('conflict', 'Could not find a free short link; retry');
}

export async function listTrackingLinks(db: Db, actor: Actor, baseUrl: string, campaignId: string) {
  requireAccess(actor, Permission.CampaignRead);
  const rows = await db.selectFrom('tracking_links as l').selectAll('l')
    .select((eb) => eb.selectFrom('link_clicks as k').select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('k.merchant_id', '=', 'l.merchant_id').whereRef('k.link_id', '=', 'l.id').as('clicks'))
    .where('l.merchant_id', '=', actor.merchantId).where('l.campaign_id', '=', campaignId).orderBy('l.created_at').execute();
  return rows.map((r) => linkView(r, baseUrl, Number(r.clicks ?? 0)));
}

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
const CLICK_ID_KEYS = ['click_id', 'gclid', 'fbclid', 'ttclid', 'msclkid'];

export interface ClickContext {
  query: Record<string, string | undefined>;
  ip: string;
  userAgent: string | null;
  referrer: string | null;
  customerId: string | null;
}

/**
 * Records a click on a short link and answers where to send the shopper: the offer landing page with
 * campaign, channel, UTM parameters and the click id, so the storefront can carry them to a claim or order.
 */
export async function followTrackingLink(db: Db, slug: string, click: ClickContext): Promise<string> {
  if (!/^[a-z0-9]{4,32}$/.test(slug)) throw notFound('Link');
  const link = await db.selectFrom('tracking_links as l')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'l.merchant_id').onRef('c.id', '=', 'l.campaign_id'))
    .innerJoin('merchants as m', 'm.id', 'l.merchant_id')
    .select(['l.merchant_id', 'l.id', 'l.campaign_id', 'l.channel', 'l.source', 'l.medium', 'l.content', 'l.landing_path', 'c.landing_path as campaign_landing', 'c.name as campaign_name', 'm.slug as shop'])
    .where('l.slug', '=', slug).executeTakeFirst();
  if (!link) throw notFound('Link');
  const clip = (v: string | undefined) => (v ? v.slice(0, 200) : undefined);
  const utm: Record<string, string> = {
    utm_source: link.source || link.channel, utm_medium: link.medium || link.channel, utm_campaign: link.campaign_id,
    ...(link.content ? { utm_content: link.content } : {}),
  };
  for (const k of UTM_KEYS) { const v = clip(click.query[k]); if (v) utm[k] = v; }
  const given = CLICK_ID_KEYS.map((k) => clip(click.query[k])).find(Boolean);
  const clickId = given ?? `ffc_${randomBytes(12).toString('base64url')}`;
  const id = randomUUID();
  const clickedAt = new Date();
  // The click and its event commit together, so analytics counts every recorded click exactly once.
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into link_clicks (merchant_id, id, link_id, campaign_id, channel, source, utm, click_id, customer_id, ip_hash, user_agent, referrer, clicked_at)
      values (${link.merchant_id}, ${id}, ${link.id}, ${link.campaign_id}, ${link.channel}, ${link.source}, ${JSON.stringify(utm)}::jsonb,
              ${clickId}, ${click.customerId}, ${sha256(click.ip)}, ${click.userAgent?.slice(0, 500) ?? null}, ${click.referrer?.slice(0, 1000) ?? null}, ${clickedAt})`.execute(trx);
    await emitEvent(trx, link.merchant_id, 'link.clicked', {
      clickId: id, linkId: link.id, campaignId: link.campaign_id, channel: link.channel, source: link.source, utm,
      clickIdValue: clickId, customerId: click.customerId, clickedAt: clickedAt.toISOString(),
    });
  });
  const landing = link.landing_path ?? link.campaign_landing ?? `/offers/${link.campaign_id}`;
  const params = new URLSearchParams({ shop: link.shop, campaign: link.campaign_id, channel: link.channel, ...utm, click_id: clickId });
  return `${landing}${landing.includes('?') ? '&' : '?'}${params}`;
}
