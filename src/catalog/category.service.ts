import { randomUUID } from 'node:crypto';
import { requireAccess, Permission, type Actor } from '../platform/access.ts';
import type { Db } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { audit, emitEvent } from '../platform/outbox.ts';
import type { Localized } from './catalog.table.ts';
import { checkLocalized, conflictOnUnique } from './catalog.rules.ts';

export interface CategoryInput { slug: string; name: Localized; parentId?: string | null }

const view = (c: { id: string; slug: string; parent_id: string | null; name: Localized }) => ({ id: c.id, slug: c.slug, parentId: c.parent_id, name: c.name });

export async function listCategories(db: Db, actor: Actor) {
  requireAccess(actor, Permission.CatalogRead);
  const rows = await db.selectFrom('categories').selectAll().where('merchant_id', '=', actor.merchantId).orderBy('slug').execute();
  return rows.map(view);
}

async function checkParent(db: Db, merchantId: string, id: string | null, parentId: string | null | undefined) {
  if (!parentId) return;
  // Walk up from the new parent: meeting the category itself would make a cycle.
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 20; depth++) {
    if (cursor === id) throw new AppError('validation', 'A category cannot be inside itself');
    const row: { parent_id: string | null } | undefined = await db.selectFrom('categories').select('parent_id').where('merchant_id', '=', merchantId).where('id', '=', cursor).executeTakeFirst();
    if (!row) throw new AppError('validation', `Unknown parent category ${cursor}`);
    cursor = row.parent_id;
  }
}

export async function createCategory(db: Db, actor: Actor, input: CategoryInput) {
  requireAccess(actor, Permission.CatalogManage);
  checkLocalized('name', input.name, true);
  await checkParent(db, actor.merchantId, null, input.parentId);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('categories').values({ merchant_id: actor.merchantId, id, slug: input.slug, parent_id: input.parentId ?? null, name: JSON.stringify(input.name) })
      .execute().catch((err) => conflictOnUnique(err, `Category slug ${input.slug}`));
    await audit(trx, actor, 'category.created', { type: 'category', id }, { slug: input.slug });
    await emitEvent(trx, actor.merchantId, 'category.created', { categoryId: id, slug: input.slug });
  });
  return { id, slug: input.slug, parentId: input.parentId ?? null, name: input.name };
}

export async function updateCategory(db: Db, actor: Actor, id: string, input: Partial<CategoryInput>) {
  requireAccess(actor, Permission.CatalogManage);
  if (input.name) checkLocalized('name', input.name, true);
  await checkParent(db, actor.merchantId, id, input.parentId);
  const row = await db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('categories').select('id').where('merchant_id', '=', actor.merchantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!found) throw notFound('Category');
    await trx.updateTable('categories').set({
      ...(input.slug !== undefined ? { slug: input.slug } : {}),
      ...(input.name !== undefined ? { name: JSON.stringify(input.name) } : {}),
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
    }).where('merchant_id', '=', actor.merchantId).where('id', '=', id).execute().catch((err) => conflictOnUnique(err, `Category slug ${input.slug}`));
    await audit(trx, actor, 'category.updated', { type: 'category', id }, { fields: Object.keys(input) });
    await emitEvent(trx, actor.merchantId, 'category.updated', { categoryId: id, fields: Object.keys(input) });
    return trx.selectFrom('categories').selectAll().where('merchant_id', '=', actor.merchantId).where('id', '=', id).executeTakeFirstOrThrow();
  });
  return view(row);
}
