import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './context.ts';
import { AppError, toProblem, type ErrorCode } from './errors.ts';
import { credentialOf, ProblemSchema, type App, type RouteModule } from './http.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerMetrics } from './metrics.ts';
import { rateLimitStore } from './rate-limit-store.ts';
import { actorLabel } from './outbox.ts';

function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const problem = toProblem(err, req.url.split('?')[0]);
  if (typeof err.extra.retryAfterSeconds === 'number') reply.header('retry-after', String(err.extra.retryAfterSeconds));
  reply.code(problem.status).type('application/problem+json').send(problem);
}

// Fastify's own client errors, mapped to our stable problem codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

export async function buildServer(ctx: AppContext, routes: RouteModule[]): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: ctx.config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });

  app.setErrorHandler((error: FastifyError & { validation?: unknown[] }, req, reply) => {
    if (error instanceof AppError) return sendProblem(req, reply, error);
    if (error.validation) {
      const detail = `${error.validationContext ?? 'request'} ${(error.validation as { instancePath?: string; message?: string }[])
        .map((v) => `${v.instancePath || ''} ${v.message ?? ''}`.trim())
        .join('; ')}`;
      return sendProblem(req, reply, new AppError('validation', detail, { errors: error.validation }));
    }
    // A deadlock or serialization failure means a concurrent change won: nothing was written, so retrying is safe.
    if (error.code === '40P01' || error.code === '40001') return sendProblem(req, reply, new AppError('conflict', 'A concurrent change got in the way; nothing was saved, retry the request'));
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendProblem(req, reply, new AppError(mapped, error.message));
    if (error.statusCode === 429) return sendProblem(req, reply, new AppError('rate_limited', 'Slow down and retry later'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(req, reply, new AppError('bad_request', error.message));
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(req, reply, new AppError('internal', 'Something went wrong on our side; the request id identifies it in our logs'));
  });

  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new AppError('not_found', `No route for ${req.method} ${req.url.split('?')[0]}`)));

  await app.register(rateLimit, {
    ...rateLimitStore(app, ctx),
    max: ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Per credential when a valid one is sent, otherwise per client address: made-up tokens cannot buy fresh buckets.
    keyGenerator: async (req) => {
      const actor = await credentialOf(req, ctx).catch(() => null);
      return actor ? `cred:${actorLabel(actor)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, message: `Rate limit of ${c.max} per ${c.after} exceeded` }),
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Footfall API',
        version: '1',
        description: 'Online-to-offline commerce: stores, catalog, inventory, click & collect, campaigns, customers and attribution. Errors are RFC 9457 problem documents.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A staff or customer session token, or an API key (ffk_…)' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.addSchema(ProblemSchema);

  registerIdempotency(app, ctx);
  registerMetrics(app, ctx);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ready', database: ctx.dbKind };
    } catch {
      return reply.code(503).type('application/problem+json').send(toProblem(new AppError('unavailable', 'The database is not reachable')));
    }
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of routes) {
    await app.register(async (scoped) => register(scoped as App, ctx));
  }
  return app;
}
