import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Actor } from './access.ts';
import { credentialActor } from './auth.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A route module: registers one audience's routes for one domain. */
export type RouteModule = (app: App, ctx: AppContext) => void | Promise<void>;

const credentials = new WeakMap<FastifyRequest, Promise<Actor | null>>();

/** The request's credential, verified once per request and shared by the rate limiter and the handlers. */
export function credentialOf(req: FastifyRequest, ctx: AppContext): Promise<Actor | null> {
  let p = credentials.get(req);
  if (!p) {
    p = credentialActor(ctx.db, ctx.config.secret, req);
    credentials.set(req, p);
  }
  return p;
}

/** Staff, POS and admin routes: a staff token or an API key is required. */
export async function staffActor(req: FastifyRequest, ctx: AppContext): Promise<Actor> {
  const actor = await credentialOf(req, ctx);
  if (!actor) throw new AppError('unauthenticated', 'Sign in as staff or send an API key');
  if (actor.kind !== 'staff' && actor.kind !== 'apikey') throw new AppError('forbidden', 'This route is for staff and devices');
  return actor;
}

// Per context: two servers in one process (tests on both backends) must not share slug → id answers.
const merchantIdCaches = new WeakMap<AppContext, Map<string, string>>();

export async function merchantIdBySlug(ctx: AppContext, slug: string): Promise<string> {
  let merchantIds = merchantIdCaches.get(ctx);
  if (!merchantIds) merchantIdCaches.set(ctx, (merchantIds = new Map()));
  const cached = merchantIds.get(slug);
  if (cached) return cached;
  const row = await ctx.db.selectFrom('merchants').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new AppError('not_found', `Shop "${slug}" was not found`);
  merchantIds.set(slug, row.id);
  return row.id;
}

/** Shopper routes live under /v1/shop/{merchant}: a signed-in customer of that shop, or a guest. */
export async function shopperActor(req: FastifyRequest, ctx: AppContext, merchantSlug: string): Promise<Actor> {
  const merchantId = await merchantIdBySlug(ctx, merchantSlug);
  const actor = await credentialOf(req, ctx);
  if (actor?.kind === 'customer') {
    if (actor.merchantId !== merchantId) throw new AppError('unauthenticated', 'This session belongs to another shop');
    return actor;
  }
  return { kind: 'guest', merchantId };
}

/** Any credential, for routes shared by audiences (e.g. the current identity). */
export async function anyActor(req: FastifyRequest, ctx: AppContext): Promise<Actor> {
  const actor = await credentialOf(req, ctx);
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

// Shared schema pieces so every route describes ids, paging and problems the same way.
export const Uuid = Type.String({ format: 'uuid' });
export const MerchantParam = Type.Object({ merchant: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) });
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};
export const ProblemSchema = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.Optional(Type.String()) },
  { $id: 'Problem', additionalProperties: true },
);
// Rows carry Date objects; the serializer writes them as ISO 8601 strings.
export const Instant = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Money = Type.Object({ amount: Type.Integer(), currency: Type.String({ minLength: 3, maxLength: 3 }) });
export const list = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Optional(Type.Integer()) });

export const bearer = [{ bearer: [] as string[] }];
