import { Redis } from 'ioredis';
import type { AppContext } from './context.ts';
import type { App } from './http.ts';

/**
 * The rate limiter's shared store when REDIS_URL is set, so every process behind the load balancer
 * counts against one budget; without it each process counts its own. While Redis is away requests are
 * let through (the limiter skips store errors) rather than refused, with one warning per outage.
 */
export function rateLimitStore(app: App, ctx: AppContext) {
  if (!ctx.config.redisUrl) return {};
  const redis = new Redis(ctx.config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let away = false;
  redis.on('error', (err: Error) => {
    if (!away) ctx.log.warn({ err: err.message }, 'rate-limit store unreachable; requests are not limited meanwhile');
    away = true;
  });
  redis.on('ready', () => { if (away) ctx.log.info('rate-limit store reachable again'); away = false; });
  app.addHook('onClose', async () => { redis.disconnect(); });
  return { redis, nameSpace: 'footfall-rate-', skipOnError: true };
}
