import type { FastifyRequest } from 'fastify';
import type { Actor, StaffRole } from './access.ts';
import { randomToken, safeEqual, sha256, signToken, verifyToken } from './crypto.ts';
import type { Db } from './db.ts';
import { AppError } from './errors.ts';

const STAFF_TTL = 12 * 3600;
const CUSTOMER_TTL = 30 * 24 * 3600;
const KEY_PREFIX = 'ffk_';

type StaffClaims = { t: 'staff'; m: string; u: string; r: StaffRole; s: string[] | null };
type CustomerClaims = { t: 'customer'; m: string; c: string };

export function issueStaffToken(secret: string, a: { merchantId: string; userId: string; role: StaffRole; storeIds: string[] | null }) {
  return signToken({ t: 'staff', m: a.merchantId, u: a.userId, r: a.role, s: a.storeIds } satisfies StaffClaims, secret, STAFF_TTL);
}

export function issueCustomerToken(secret: string, merchantId: string, customerId: string) {
  return signToken({ t: 'customer', m: merchantId, c: customerId } satisfies CustomerClaims, secret, CUSTOMER_TTL);
}

/** An API key is `ffk_<key id>_<secret>`; only a hash of the secret is stored, so it is shown once. */
export function newApiKeySecret(keyId: string): { plaintext: string; hash: string; lastFour: string } {
  const secret = randomToken(32);
  return { plaintext: `${KEY_PREFIX}${keyId.replaceAll('-', '')}_${secret}`, hash: sha256(secret), lastFour: secret.slice(-4) };
}

function parseApiKey(token: string): { keyId: string; secret: string } | null {
  const m = /^ffk_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token);
  if (!m) return null;
  const h = m[1];
  return { keyId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, secret: m[2] };
}

// POS tills call many times a second; a short cache spares a lookup per call. Revocation applies within its TTL.
const KEY_CACHE_MS = 10_000;
const keyCache = new Map<string, { actor: Actor; secretHash: string; at: number }>();

async function apiKeyActor(db: Db, token: string): Promise<Actor | null> {
  const parsed = parseApiKey(token);
  if (!parsed) return null;
  const cached = keyCache.get(parsed.keyId);
  if (cached && Date.now() - cached.at < KEY_CACHE_MS) {
    return safeEqual(cached.secretHash, sha256(parsed.secret)) ? cached.actor : null;
  }
  const row = await db
    .selectFrom('api_keys')
    .select(['merchant_id', 'id', 'role', 'store_id', 'secret_hash', 'revoked_at'])
    .where('id', '=', parsed.keyId)
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const actor: Actor = { kind: 'apikey', merchantId: row.merchant_id, keyId: row.id, role: row.role, storeIds: row.store_id ? [row.store_id] : null };
  keyCache.set(parsed.keyId, { actor, secretHash: row.secret_hash, at: Date.now() });
  return safeEqual(row.secret_hash, sha256(parsed.secret)) ? actor : null;
}

export function forgetApiKey(keyId: string) {
  keyCache.delete(keyId);
}

/** The credential on a request, if any. A present but invalid credential is an error, never a guest. */
export async function credentialActor(db: Db, secret: string, req: FastifyRequest): Promise<Actor | null> {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new AppError('unauthenticated', 'Use an Authorization: Bearer credential');
  const token = m[1];
  if (token.startsWith(KEY_PREFIX)) {
    const actor = await apiKeyActor(db, token);
    if (!actor) throw new AppError('unauthenticated', 'The API key is not valid');
    return actor;
  }
  const claims = verifyToken<StaffClaims | CustomerClaims>(token, secret);
  if (!claims) throw new AppError('unauthenticated', 'The session has expired or is not valid');
  if (claims.t === 'staff') return { kind: 'staff', merchantId: claims.m, userId: claims.u, role: claims.r, storeIds: claims.s };
  if (claims.t === 'customer') return { kind: 'customer', merchantId: claims.m, customerId: claims.c };
  throw new AppError('unauthenticated', 'The session is not valid');
}
