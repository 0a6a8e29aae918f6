import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { bearer, staffActor, type RouteModule } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { CSV_MAX_BYTES } from './csv-reader.ts';
import { exportFile, importCsv, IMPORT_KINDS } from './csv.service.ts';
import { EXPORT_KINDS } from './exports.ts';

const tags = ['import-export'];
const Rejection = Type.Object({ line: Type.Integer(), reasons: Type.Array(Type.String()) });
const Report = Type.Object({
  kind: Type.String(), rows: Type.Integer(), imported: Type.Integer(), rejectedCount: Type.Integer(), rejected: Type.Array(Rejection),
  dryRun: Type.Boolean(), committed: Type.Boolean(),
});

/** CSV upload and download for admins; uploads stream through the importer, never buffered whole. */
export const csvAdminRoutes: RouteModule = (app, ctx) => {
  // The body stays a stream. Its JSON form (what the idempotency hash sees) is unique per request, because
  // a file cannot be hashed before it is read: a reused key is refused, and imports are safe to repeat anyway.
  app.addContentTypeParser(['text/csv', 'application/csv', 'application/octet-stream'], (req, payload, done) => {
    const nonce = randomUUID();
    done(null, { stream: payload, toJSON: () => ({ upload: nonce }) });
  });

  app.post('/v1/admin/imports/:kind', {
    bodyLimit: CSV_MAX_BYTES,
    schema: {
      tags, summary: 'Import a CSV (Content-Type: text/csv) of stores, catalog or stock counts; rejected rows are listed and nothing is imported', security: bearer,
      params: Type.Object({ kind: Type.Union(IMPORT_KINDS.map((k) => Type.Literal(k))) }),
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ description: 'Check every row, write nothing' })) }),
      response: { 200: Report },
    },
  }, async (req) => {
    const actor = await staffActor(req, ctx);
    const body = req.body as { stream?: Readable } | undefined;
    if (!body?.stream) throw new AppError('unsupported_media_type', 'Send the file as the request body with Content-Type: text/csv');
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > CSV_MAX_BYTES) throw new AppError('payload_too_large', `The file is larger than ${CSV_MAX_BYTES / 1024 / 1024} MB`);
    return importCsv(ctx.db, actor, req.params.kind, body.stream, { dryRun: req.query.dryRun });
  });

  app.get('/v1/admin/exports/:file', {
    schema: {
      tags, summary: 'Export stores.csv, catalog.csv, stock.csv, or local-inventory.csv (Google Merchant Center local inventory feed)', security: bearer,
      params: Type.Object({ file: Type.Union(EXPORT_KINDS.map((k) => Type.Literal(`${k}.csv`))) }),
    },
  }, async (req, reply) => {
    const kind = String(req.params.file).replace(/\.csv$/, '') as (typeof EXPORT_KINDS)[number];
    const stream = await exportFile(ctx.db, await staffActor(req, ctx), kind);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${kind}.csv"`).send(stream);
  });
};
