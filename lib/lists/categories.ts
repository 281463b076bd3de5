import { and, asc, eq, ne, or, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { categories, complaints } from '@/lib/db/schema';
import { ListInputError, nameProblem, tidyName, type ListErrorCode } from './input';

// The categories themselves (/konsol/kategori, settings.manage): add (the slug made from the Malay
// name, unique, and never changed afterwards: it is the public form's value), the names in Malay
// and English, active or not, and the order the public form lists them in. A category is never
// deleted, used or not: it is deactivated (off the public form; its complaints keep it), and the
// last active one stays active so the public can always file. Officers, assignment mode and
// targets are lib/sla/category-admin.ts's. Every change is audited.

type Actor = { userId: string; ip?: string | null };
export const CATEGORY_NAME_MAX = 80;
const SLUG_MAX = 56;

const lock = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('categories'))`);

export type CategoryListRow = { id: number; slug: string; nameMs: string; nameEn: string; active: boolean; complaints: number };

/** Every category in the public form's order, with how many complaints it has. */
export async function listCategories(db: Db): Promise<CategoryListRow[]> {
  return db
    .select({
      id: categories.id, slug: categories.slug, nameMs: categories.nameMs, nameEn: categories.nameEn, active: categories.active,
      complaints: sql<number>`(select count(*)::int from ${complaints} where ${complaints.categoryId} = "categories"."id")`,
    })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.id));
}

/** A slug from a name: lower case, accents dropped, `&` as "dan", anything else between words a hyphen. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' dan ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return s || 'kategori';
}

function parseNames(input: { nameMs: string; nameEn: string }) {
  const v = { nameMs: tidyName(input.nameMs), nameEn: tidyName(input.nameEn) };
  const errors: Record<string, ListErrorCode> = {};
  for (const k of ['nameMs', 'nameEn'] as const) {
    const p = nameProblem(v[k], CATEGORY_NAME_MAX);
    if (p) errors[k] = p;
  }
  if (Object.keys(errors).length > 0) throw new ListInputError(errors);
  return v;
}

/** Two categories with one name would be one choice twice on the public form: refused, per language. */
async function assertNamesFree(tx: Tx, v: { nameMs: string; nameEn: string }, except?: number) {
  const others = await tx
    .select({ nameMs: categories.nameMs, nameEn: categories.nameEn })
    .from(categories)
    .where(and(
      or(sql`lower(${categories.nameMs}) = lower(${v.nameMs})`, sql`lower(${categories.nameEn}) = lower(${v.nameEn})`),
      except === undefined ? undefined : ne(categories.id, except),
    ));
  const errors: Record<string, ListErrorCode> = {};
  if (others.some((o) => o.nameMs.toLowerCase() === v.nameMs.toLowerCase())) errors.nameMs = 'name_taken';
  if (others.some((o) => o.nameEn.toLowerCase() === v.nameEn.toLowerCase())) errors.nameEn = 'name_taken';
  if (Object.keys(errors).length > 0) throw new ListInputError(errors);
}

/** Adds an active category at the end of the list; its slug is made from the Malay name (-2, -3… when taken). */
export async function addCategory(db: Db, actor: Actor, input: { nameMs: string; nameEn: string }) {
  const v = parseNames(input);
  return db.transaction(async (tx) => {
    await lock(tx);
    await assertNamesFree(tx, v);
    const base = slugify(v.nameMs);
    const taken = new Set(
      (await tx.select({ slug: categories.slug }).from(categories).where(sql`${categories.slug} like ${`${base}%`}`)).map((r) => r.slug),
    );
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, SLUG_MAX - String(n).length - 1)}-${n}`;
    const [{ last }] = await tx.select({ last: sql<number | null>`max(${categories.sortOrder})` }).from(categories);
    const [row] = await tx.insert(categories).values({ ...v, slug, sortOrder: (last ?? -1) + 1 }).returning();
    await auditCategory(tx, actor, 'category.added', row.id, { slug });
    return row;
  });
}

/** New names; the slug stays (the public form and old links use it). */
export async function editCategory(db: Db, actor: Actor, id: number, input: { nameMs: string; nameEn: string }): Promise<void> {
  const v = parseNames(input);
  await db.transaction(async (tx) => {
    await lock(tx);
    const [before] = await tx.select({ nameMs: categories.nameMs, nameEn: categories.nameEn }).from(categories).where(eq(categories.id, id));
    if (!before) throw new ListInputError({ form: 'not_found' });
    if (before.nameMs === v.nameMs && before.nameEn === v.nameEn) return;
    await assertNamesFree(tx, v, id);
    await tx.update(categories).set(v).where(eq(categories.id, id));
    await auditCategory(tx, actor, 'category.edited', id, { from: before, to: v });
  });
}

/** Deactivates (off the public form at once; complaints keep it) or activates again; never the last active one off. */
export async function setCategoryActive(db: Db, actor: Actor, id: number, active: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await lock(tx);
    const [before] = await tx.select({ active: categories.active }).from(categories).where(eq(categories.id, id));
    if (!before) throw new ListInputError({ form: 'not_found' });
    if (before.active === active) return;
    if (!active) {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(categories).where(and(eq(categories.active, true), ne(categories.id, id)));
      if (n === 0) throw new ListInputError({ form: 'last_active' });
    }
    await tx.update(categories).set({ active }).where(eq(categories.id, id));
    if (active) await auditCategory(tx, actor, 'category.activated', id, {});
    else await auditCategory(tx, actor, 'category.deactivated', id, {});
  });
}

/**
 * Moves a category one place up or down the list (the public form's order). The list is numbered
 * 0…n-1 again, so the order is always exactly what the page shows. At either end nothing changes.
 */
export async function moveCategory(db: Db, actor: Actor, id: number, direction: 'up' | 'down'): Promise<void> {
  await db.transaction(async (tx) => {
    await lock(tx);
    const rows = await tx.select({ id: categories.id, sortOrder: categories.sortOrder }).from(categories).orderBy(asc(categories.sortOrder), asc(categories.id));
    const i = rows.findIndex((r) => r.id === id);
    if (i < 0) throw new ListInputError({ form: 'not_found' });
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= rows.length) return;
    const order = rows.map((r) => r.id);
    [order[i], order[j]] = [order[j], order[i]];
    for (const [position, cid] of order.entries()) {
      if (rows.find((r) => r.id === cid)!.sortOrder !== position) await tx.update(categories).set({ sortOrder: position }).where(eq(categories.id, cid));
    }
    await auditCategory(tx, actor, 'category.moved', id, { direction, position: j + 1 });
  });
}

function auditCategory(tx: Tx, actor: Actor, action: string, categoryId: number, detail: Record<string, unknown>) {
  return audit(tx, { actorType: 'staff', actorId: actor.userId, action, targetType: 'category', targetId: String(categoryId), ip: actor.ip ?? null, detail });
}
