import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'kysely';
import type { App } from './http.ts';
import type { AppContext } from './context.ts';

/** Prometheus metrics at /metrics: requests, latencies, database health and outbox backlog. */
export function registerMetrics(app: App, ctx: AppContext) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'footfall_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry],
  });
  const latency = new Histogram({
    name: 'footfall_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  new Gauge({
    name: 'footfall_outbox_backlog', help: 'Events written but not yet dispatched', registers: [registry],
    async collect() {
      const r = await ctx.db.selectFrom('outbox_events').select(sql<number>`count(*)::int`.as('n')).where('dispatched_at', 'is', null).executeTakeFirst();
      this.set(r?.n ?? 0);
    },
  });
  new Gauge({
    name: 'footfall_webhook_deliveries_pending', help: 'Webhook deliveries waiting for a (re)try', registers: [registry],
    async collect() {
      const r = await ctx.db.selectFrom('webhook_deliveries').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'pending').executeTakeFirst();
      this.set(r?.n ?? 0);
    },
  });
  new Gauge({
    name: 'footfall_messages_queued', help: 'Emails and SMS waiting for the sender', registers: [registry],
    async collect() {
      const r = await ctx.db.selectFrom('messages').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'queued').executeTakeFirst();
      this.set(r?.n ?? 0);
    },
  });
  new Gauge({
    name: 'footfall_db_up', help: '1 when the database answers', labelNames: ['kind'], registers: [registry],
    async collect() {
      try {
        await sql`select 1`.execute(ctx.db);
        this.set({ kind: ctx.dbKind }, 1);
      } catch {
        this.set({ kind: ctx.dbKind }, 0);
      }
    },
  });
  const dbLatency = new Gauge({ name: 'footfall_db_ping_seconds', help: 'Round trip of a trivial query', registers: [registry] });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    const started = performance.now();
    await sql`select 1`.execute(ctx.db).catch(() => undefined);
    dbLatency.set((performance.now() - started) / 1000);
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
