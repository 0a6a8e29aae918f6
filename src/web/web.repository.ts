import type { Executor } from '../platform/db.ts';

/** The shop a storefront shows when none is configured: the first merchant created. */
export async function firstMerchantSlug(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('merchants').select('slug').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row?.slug ?? null;
}
