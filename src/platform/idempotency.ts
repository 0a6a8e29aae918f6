import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { App } from './http.ts';
import type { AppContext } from './context.ts';
import { sha256 } from './crypto.ts';
import { AppError } from './errors.ts';

const RETENTION_HOURS = 48;
// A 'running' key older than this belonged to a request whose process died; a retry may take it over.
const ABANDONED_AFTER_SECONDS = 120;

interface Claimed { scope: string; key: string }
const claimed = new WeakMap<FastifyRequest, Claimed>();

function scopeOf(req: FastifyRequest): string {
  // Keys are private to the credential that sent them (or to anonymous callers as a whole).
  return sha256(req.headers.authorization ?? 'anonymous');
}

/**
 * Idempotency-Key on state-changing POSTs: the first response is stored and replayed; the same key
 * with another body is 422; the same key while the first request still runs is 409.
 */
export function registerIdempotency(app: App, ctx: AppContext) {
  // Most requests carry no key: they pass without a promise, which every answer would otherwise pay for.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method !== 'POST' || req.headers['idempotency-key'] === undefined) return done();
    claimKey(req, reply).then(() => done(), done);
  });

  const claimKey = async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw new AppError('bad_request', 'Idempotency-Key must be 1 to 255 characters');
    }
    const scope = scopeOf(req);
    const path = req.url;
    const requestHash = sha256(`${req.method} ${path}\n${JSON.stringify(req.body ?? null)}`);

    for (let attempt = 0; attempt < 2; attempt++) {
      const inserted = await ctx.db
        .insertInto('idempotency_keys')
        .values({
          scope, key, method: req.method, path, request_hash: requestHash, state: 'running',
          expires_at: new Date(Date.now() + RETENTION_HOURS * 3600_000),
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (inserted) {
        claimed.set(req, { scope, key });
        return;
      }
      const row = await ctx.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .select(sql<boolean>`expires_at < now()`.as('expired'))
        .select(sql<boolean>`created_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`.as('abandoned'))
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) continue;
      if (row.expired || (row.state === 'running' && row.abandoned)) {
        await ctx.db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
        continue;
      }
      if (row.request_hash !== requestHash || row.path !== path) {
        throw new AppError('idempotency_mismatch', 'This Idempotency-Key was already used with a different request');
      }
      if (row.state === 'running') {
        throw new AppError('idempotency_in_progress', 'The first request with this Idempotency-Key has not finished; retry later');
      }
      const headers = (row.response_headers ?? {}) as Record<string, string>;
      reply.code(row.response_status ?? 200);
      for (const [name, value] of Object.entries(headers)) reply.header(name, value);
      reply.header('idempotent-replayed', 'true');
      return reply.send(row.response_body ?? '');
    }
    throw new AppError('conflict', 'Could not claim the Idempotency-Key; retry');
  };

  app.addHook('onSend', (req, reply, payload, done) => {
    const claim = claimed.get(req);
    if (!claim) return done(null, payload);
    claimed.delete(req);
    storeResponse(req, reply, payload, claim).then((p) => done(null, p), done);
  });

  const storeResponse = async (req: FastifyRequest, reply: FastifyReply, payload: unknown, claim: Claimed) => {
    if (reply.statusCode >= 500) {
      // A server failure changed nothing durable, so the key is released for a retry.
      await ctx.db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
      return payload;
    }
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    const contentType = reply.getHeader('content-type');
    await ctx.db
      .updateTable('idempotency_keys')
      .set({
        state: 'done',
        response_status: reply.statusCode,
        response_headers: JSON.stringify(contentType ? { 'content-type': String(contentType) } : {}),
        response_body: body,
      })
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .execute();
    return payload;
  };
}

export async function purgeExpiredIdempotencyKeys(ctx: AppContext): Promise<number> {
  const r = await ctx.db.deleteFrom('idempotency_keys').where('expires_at', '<', new Date()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
