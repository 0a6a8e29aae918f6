import { Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import { bearer, staffActor, Uuid, type RouteModule } from '../platform/http.ts';
import { MODELS } from './attribution.ts';
import { googleStoreSalesCsv } from './google-export.ts';
import { attributionBreakdown, campaignReport, overview } from './report.service.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Model = Type.Union(MODELS.map((m) => Type.Literal(m)));
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')]));
const RangeQuery = { from: Type.Optional(Day), to: Type.Optional(Day), model: Type.Optional(Model), format: Format };
const tags = ['analytics'];

const csv = (rows: Record<string, unknown>[]) => stringify(rows, { header: true, columns: rows.length ? Object.keys(rows[0]) : ['empty'] });

/** Reports (JSON or CSV), read from rollups, and the Google Ads store-sales export. */
export const analyticsAdminRoutes: RouteModule = (app, ctx) => {
  app.get('/v1/admin/analytics/overview', {
    schema: { tags, summary: 'Store vs online sales, identified and ROPO share, revenue by campaign', security: bearer, querystring: Type.Object(RangeQuery) },
  }, async (req, reply) => {
    const r = await overview(ctx.db, await staffActor(req, ctx), req.query);
    if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(csv(r.byCampaign));
    return r;
  });

  app.get('/v1/admin/analytics/campaigns/:id', {
    schema: {
      tags, summary: 'Campaign report: funnel, redemption rate, attributed revenue and margin, ROI, lift with 95% CI', security: bearer,
      params: Type.Object({ id: Uuid }), querystring: Type.Object(RangeQuery),
    },
  }, async (req, reply) => {
    const r = await campaignReport(ctx.db, await staffActor(req, ctx), req.params.id, req.query);
    if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="campaign-${req.params.id}.csv"`).send(csv(r.byDay));
    return r;
  });

  app.get('/v1/admin/analytics/attribution', {
    schema: {
      tags, summary: 'Attributed conversions and revenue by campaign, channel, store or day', security: bearer,
      querystring: Type.Object({ ...RangeQuery, by: Type.Union([Type.Literal('campaign'), Type.Literal('channel'), Type.Literal('store'), Type.Literal('day')]), campaignId: Type.Optional(Uuid) }),
    },
  }, async (req, reply) => {
    const r = await attributionBreakdown(ctx.db, await staffActor(req, ctx), req.query);
    if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(csv(r.rows));
    return r;
  });

  app.get('/v1/admin/analytics/exports/google-store-sales', {
    schema: {
      tags, summary: 'Identified store sales as a Google Ads store-sales upload (CSV, SHA-256 hashed identifiers)', security: bearer,
      querystring: Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day), conversionName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }),
    },
  }, async (req, reply) => {
    const r = await googleStoreSalesCsv(ctx.db, await staffActor(req, ctx), req.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="google-store-sales.csv"').send(r.csv);
  });
};
