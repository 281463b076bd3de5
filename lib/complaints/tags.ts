import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db';
import { complaints, complaintTags, tags } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { auditStaffAction, staffActor } from './staff-actor';
import { lockComplaint } from './transitions';

// Free tags on complaints, for officers (never shown to the public). Names are kept in one
// form, lowercase with single spaces, so "Bajet  2025" and "bajet 2025" are one tag.

const TAG_LIMITS = { perComplaint: 10, length: 32 };
const TAG_CHARS = /^[\p{L}\p{N}][\p{L}\p{N} _./-]*$/u;

/** The stored form of a tag, or a refusal. */
export function normaliseTag(raw: string): string {
  const name = raw.normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('ms');
  if (name.length < 1 || name.length > TAG_LIMITS.length || !TAG_CHARS.test(name)) throw new AppError('tag_invalid');
  return name;
}

/** Ids of these tags, creating the missing ones. */
async function tagIds(tx: Tx, names: string[]): Promise<number[]> {
  if (names.length === 0) return [];
  await tx.insert(tags).values(names.map((name) => ({ name }))).onConflictDoNothing();
  return (await tx.select({ id: tags.id }).from(tags).where(inArray(tags.name, names))).map((t) => t.id);
}

/** Replaces a complaint's tags (at most 10). Returns them sorted. */
export async function setTags(
  db: Db,
  input: { userId: string; number: string; tags: string[]; ip?: string | null },
): Promise<string[]> {
  const names = [...new Set(input.tags.map(normaliseTag))].sort();
  if (names.length > TAG_LIMITS.perComplaint) throw new AppError('too_many_tags');
  const actor = await staffActor(db, input.userId);
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, input.number);
    const ids = await tagIds(tx, names);
    await tx.delete(complaintTags).where(eq(complaintTags.complaintId, c.id));
    if (ids.length > 0) await tx.insert(complaintTags).values(ids.map((tagId) => ({ complaintId: c.id, tagId })));
    await tx.update(complaints).set({ updatedAt: sql`now()` }).where(eq(complaints.id, c.id));
    await auditStaffAction(tx, actor, 'complaint.tags', c.number, input.ip, { tags: names });
    return names;
  });
}

/** Adds one tag, keeping the others (bulk tagging). */
export async function addTag(db: Db, input: { userId: string; number: string; tag: string; ip?: string | null }): Promise<string[]> {
  const name = normaliseTag(input.tag);
  const actor = await staffActor(db, input.userId);
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, input.number);
    const current = await tx
      .select({ name: tags.name })
      .from(complaintTags)
      .innerJoin(tags, eq(tags.id, complaintTags.tagId))
      .where(eq(complaintTags.complaintId, c.id));
    const names = current.map((t) => t.name);
    if (names.includes(name)) return names.sort();
    if (names.length >= TAG_LIMITS.perComplaint) throw new AppError('too_many_tags');
    const [id] = await tagIds(tx, [name]);
    await tx.insert(complaintTags).values({ complaintId: c.id, tagId: id }).onConflictDoNothing();
    await tx.update(complaints).set({ updatedAt: sql`now()` }).where(eq(complaints.id, c.id));
    await auditStaffAction(tx, actor, 'complaint.tags', c.number, input.ip, { added: name });
    return [...names, name].sort();
  });
}

/** Every tag with how many complaints carry it, by name. */
export async function listTags(db: Db): Promise<{ id: number; name: string; count: number }[]> {
  return db
    .select({ id: tags.id, name: tags.name, count: count(complaintTags.complaintId) })
    .from(tags)
    .leftJoin(complaintTags, eq(complaintTags.tagId, tags.id))
    .groupBy(tags.id, tags.name)
    .orderBy(asc(tags.name));
}
