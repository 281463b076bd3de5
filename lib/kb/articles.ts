import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { categories, complaintEvents, complaints, kbArticles, kbArticleVersions, users, type KbArticleStatus, type KbRedaction } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { staffActor } from '@/lib/complaints/staff-actor';
import { isArticleSource } from '@/lib/complaints/status';
import { redactFields, type Redacted } from './redact';

// Knowledge-base authoring (*Soalan Lazim*): an officer drafts an article from a resolved complaint,
// saves new versions, a supervisor publishes one version (its text is copied onto the article row,
// which is all public search reads) or retires the article. Personal data is removed on the server
// on every save (lib/kb/redact.ts), with the names the source complaint knows. Versions are
// written once and never edited; publishing only stamps when and by whom. Permissions are the
// callers' (`kb.draft`, `kb.publish`: app/konsol/(signed-in)/soalan-lazim/actions.ts).

export type KbActor = { userId: string; ip?: string | null };

/** A refusal worded by the `kbAuthor.errors` messages, beside its field (or over the form). */
export type KbErrorCode = 'not_resolved' | 'title_length' | 'problem_length' | 'solution_length' | 'keywords_length' | 'category_invalid' | 'version_missing' | 'incomplete' | 'retired';
export class KbInputError extends AppError {
  constructor(readonly fieldErrors: Partial<Record<'title' | 'problem' | 'solution' | 'keywords' | 'categoryId' | 'form', KbErrorCode>>) {
    super('invalid', 422);
    this.name = 'KbInputError';
  }
}


export const LIMITS = { title: [5, 200], problem: [10, 5000], solution: [10, 10000], keywords: [0, 300] } as const;
const SLUG_MAX = 80;

export type DraftInput = { title: string; problem: string; solution: string; keywords: string; categoryId: number | null };
export type SaveResult = { articleId: number; version: number; removed: KbRedaction[]; found: Redacted['found'] };

/** A slug from a title: lower case, accents dropped, anything else between words a hyphen. */
export function slugFromTitle(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\[[^\]]*\]/g, ' ') // placeholders say nothing in an address
    .replace(/&/g, ' dan ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return s || 'artikel';
}

async function uniqueSlug(tx: Tx, title: string): Promise<string> {
  const base = slugFromTitle(title);
  const taken = new Set((await tx.select({ slug: kbArticles.slug }).from(kbArticles).where(sql`${kbArticles.slug} like ${`${base}%`}`)).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, SLUG_MAX - String(n).length - 1)}-${n}`;
  return slug;
}

/** The names a complaint's text may hold: its complainant's and every officer's in its history. */
async function knownNames(db: Db | Tx, complaintId: string | null): Promise<string[]> {
  if (!complaintId) return [];
  const [c] = await db.select({ name: complaints.name }).from(complaints).where(eq(complaints.id, complaintId));
  const events = await db
    .select({ authorType: complaintEvents.authorType, authorName: complaintEvents.authorName, data: complaintEvents.data })
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, complaintId));
  const names = new Set<string>(c ? [c.name] : []);
  for (const e of events) {
    if (e.authorType === 'staff') names.add(e.authorName);
    if (e.data?.kind === 'assigned') names.add(e.data.assigneeName);
  }
  return [...names];
}

function tidy(input: DraftInput): DraftInput {
  const line = (s: string) => s.replace(/\s+/g, ' ').trim();
  const block = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return { title: line(input.title), problem: block(input.problem), solution: block(input.solution), keywords: line(input.keywords), categoryId: input.categoryId };
}

function lengthErrors(v: Omit<DraftInput, 'categoryId'>, complete: boolean) {
  const errors: KbInputError['fieldErrors'] = {};
  for (const f of ['title', 'problem', 'solution', 'keywords'] as const) {
    const [min, max] = LIMITS[f];
    if ((complete && v[f].length < min) || v[f].length > max) errors[f] = `${f}_length`;
  }
  return errors;
}

async function check(tx: Tx, v: DraftInput, complete: boolean) {
  const errors = lengthErrors(v, complete);
  if (v.categoryId !== null) {
    const [c] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, v.categoryId));
    if (!c) errors.categoryId = 'category_invalid';
  }
  if (Object.keys(errors).length) throw new KbInputError(errors);
}

/** Writes the next version of an article, redacted; the caller holds the article's row lock. */
async function writeVersion(tx: Tx, articleId: number, complaintId: string | null, userId: string, input: DraftInput, complete = true) {
  const names = await knownNames(tx, complaintId);
  const raw = tidy(input);
  const r = redactFields({ title: raw.title, problem: raw.problem, solution: raw.solution, keywords: raw.keywords }, { names });
  const v = { ...r.fields, categoryId: raw.categoryId };
  await check(tx, v, complete);
  const [last] = await tx.select({ n: sql<number>`coalesce(max(${kbArticleVersions.version}), 0)::int` }).from(kbArticleVersions).where(eq(kbArticleVersions.articleId, articleId));
  const version = last.n + 1;
  await tx.insert(kbArticleVersions).values({ articleId, version, ...v, redactions: r.removed, createdBy: userId });
  await tx.update(kbArticles).set({ updatedAt: sql`now()` }).where(eq(kbArticles.id, articleId));
  return { version, removed: r.removed, found: r.found, title: v.title };
}

/**
 * A draft from a resolved (selesai) or closed complaint: title and description as the problem, the
 * officers' public replies as the solution, its category; all redacted before anything is written.
 * A complaint that already has an article opens that one instead (`existing`).
 */
export async function draftFromComplaint(db: Db, actor: KbActor, number: string): Promise<SaveResult & { existing: boolean }> {
  const officer = await staffActor(db, actor.userId);
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ id: complaints.id, status: complaints.status, title: complaints.title, description: complaints.description, categoryId: complaints.categoryId }).from(complaints).where(eq(complaints.number, number)).for('update');
    if (!c) throw new AppError('not_found', 404);
    if (!isArticleSource(c.status)) throw new KbInputError({ form: 'not_resolved' });
    const [existing] = await tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.sourceComplaintId, c.id)).orderBy(asc(kbArticles.id)).limit(1);
    if (existing) return { articleId: existing.id, version: 0, removed: [], found: [], existing: true };
    const replies = await tx
      .select({ body: complaintEvents.body })
      .from(complaintEvents)
      .where(and(eq(complaintEvents.complaintId, c.id), eq(complaintEvents.type, 'public_reply'), eq(complaintEvents.authorType, 'staff'), eq(complaintEvents.internal, false)))
      .orderBy(asc(complaintEvents.createdAt), asc(complaintEvents.id));
    const solution = replies.map((r) => r.body?.trim() ?? '').filter(Boolean).join('\n\n');
    const names = await knownNames(tx, c.id);
    // The slug comes from the redacted title, never the typed one.
    const title = redactFields({ t: c.title.replace(/\s+/g, ' ').trim() }, { names }).fields.t;
    const [article] = await tx
      .insert(kbArticles)
      .values({ slug: await uniqueSlug(tx, title), status: 'draft', sourceComplaintId: c.id, createdBy: officer.userId })
      .returning({ id: kbArticles.id });
    // A complaint's text may be shorter than an article needs (no public reply at all): the officer
    // completes it in the editor, and only a complete version can be published.
    const input = { title: c.title, problem: c.description.slice(0, LIMITS.problem[1]), solution: solution.slice(0, LIMITS.solution[1]), keywords: '', categoryId: c.categoryId };
    const saved = await writeVersion(tx, article.id, c.id, officer.userId, input, false);
    await audit(tx, { actorType: 'staff', actorId: officer.userId, action: 'kb.drafted', targetType: 'kb_article', targetId: String(article.id), ip: actor.ip ?? null, detail: { version: saved.version, removed: saved.removed } });
    return { articleId: article.id, version: saved.version, removed: saved.removed, found: saved.found, existing: false };
  });
}

/** Saves the editor's text as a new version (redacted again on the server: pasted-back data goes too). */
export async function saveDraft(db: Db, actor: KbActor, articleId: number, input: DraftInput): Promise<SaveResult> {
  const officer = await staffActor(db, actor.userId);
  return db.transaction(async (tx) => {
    const [a] = await tx.select({ id: kbArticles.id, sourceComplaintId: kbArticles.sourceComplaintId }).from(kbArticles).where(eq(kbArticles.id, articleId)).for('update');
    if (!a) throw new AppError('not_found', 404);
    const saved = await writeVersion(tx, a.id, a.sourceComplaintId, officer.userId, input);
    await audit(tx, { actorType: 'staff', actorId: officer.userId, action: 'kb.saved', targetType: 'kb_article', targetId: String(a.id), ip: actor.ip ?? null, detail: { version: saved.version, removed: saved.removed } });
    return { articleId: a.id, version: saved.version, removed: saved.removed, found: saved.found };
  });
}

/** Publishes one version: its text becomes the article's public text (replacing an earlier one). */
export async function publishVersion(db: Db, actor: KbActor, articleId: number, version: number): Promise<void> {
  const officer = await staffActor(db, actor.userId);
  await db.transaction(async (tx) => {
    const [a] = await tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, articleId)).for('update');
    if (!a) throw new AppError('not_found', 404);
    const [v] = await tx.select().from(kbArticleVersions).where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.version, version)));
    if (!v) throw new KbInputError({ form: 'version_missing' });
    if (Object.keys(lengthErrors(v, true)).length) throw new KbInputError({ form: 'incomplete' });
    const now = new Date();
    // The version's text stays as written; only its first publication is stamped on it.
    if (!v.publishedAt) await tx.update(kbArticleVersions).set({ publishedAt: now, publishedBy: officer.userId }).where(eq(kbArticleVersions.id, v.id));
    await tx
      .update(kbArticles)
      .set({
        status: 'published',
        publishedVersion: v.version,
        title: v.title,
        problem: v.problem,
        solution: v.solution,
        keywords: v.keywords,
        categoryId: v.categoryId,
        publishedAt: now,
        publishedBy: officer.userId,
        retiredAt: null,
        retiredBy: null,
        updatedAt: now,
      })
      .where(eq(kbArticles.id, articleId));
    await audit(tx, { actorType: 'staff', actorId: officer.userId, action: 'kb.published', targetType: 'kb_article', targetId: String(articleId), ip: actor.ip ?? null, detail: { version } });
  });
}

/** Retires an article: no longer public (its versions are kept; publishing a version brings it back). */
export async function retireArticle(db: Db, actor: KbActor, articleId: number): Promise<void> {
  const officer = await staffActor(db, actor.userId);
  await db.transaction(async (tx) => {
    const [a] = await tx.select({ id: kbArticles.id, status: kbArticles.status }).from(kbArticles).where(eq(kbArticles.id, articleId)).for('update');
    if (!a) throw new AppError('not_found', 404);
    if (a.status === 'retired') throw new KbInputError({ form: 'retired' });
    const now = new Date();
    await tx.update(kbArticles).set({ status: 'retired', retiredAt: now, retiredBy: officer.userId, updatedAt: now }).where(eq(kbArticles.id, articleId));
    await audit(tx, { actorType: 'staff', actorId: officer.userId, action: 'kb.retired', targetType: 'kb_article', targetId: String(articleId), ip: actor.ip ?? null, detail: { from: a.status } });
  });
}

/** The list's filter: awaiting publication (a draft, or a version newer than the published one), or a status. */
export const LIST_FILTERS = ['menunggu', 'diterbitkan', 'ditarik'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export const toListFilter = (value: string | undefined): ListFilter | undefined => (LIST_FILTERS as readonly string[]).includes(value ?? '') ? (value as ListFilter) : undefined;

export type ArticleListRow = {
  id: number;
  slug: string;
  status: KbArticleStatus;
  title: string;
  latestVersion: number;
  publishedVersion: number | null;
  awaiting: boolean;
  categoryId: number | null;
  updatedAt: Date;
};

/** Every article, those awaiting publication first, then published, then retired; newest change first within each. */
export async function listArticles(db: Db, filter?: ListFilter): Promise<ArticleListRow[]> {
  const rows = await db
    .select({
      id: kbArticles.id,
      slug: kbArticles.slug,
      status: kbArticles.status,
      latestVersion: kbArticleVersions.version,
      publishedVersion: kbArticles.publishedVersion,
      title: kbArticleVersions.title,
      categoryId: kbArticleVersions.categoryId,
      updatedAt: kbArticles.updatedAt,
    })
    .from(kbArticles)
    .innerJoin(
      kbArticleVersions,
      and(
        eq(kbArticleVersions.articleId, kbArticles.id),
        sql`${kbArticleVersions.version} = (select max(v.version) from kb_article_versions v where v.article_id = ${kbArticles.id})`,
      ),
    )
    .orderBy(desc(kbArticles.updatedAt), desc(kbArticles.id));
  const withAwaiting = rows.map((r) => ({ ...r, awaiting: r.status !== 'retired' && (r.publishedVersion === null || r.latestVersion > r.publishedVersion) }));
  const rank = (r: ArticleListRow) => (r.awaiting ? 0 : r.status === 'published' ? 1 : 2);
  const filtered = withAwaiting.filter((r) => (filter === 'menunggu' ? r.awaiting : filter === 'diterbitkan' ? r.status === 'published' : filter === 'ditarik' ? r.status === 'retired' : true));
  return filtered.sort((a, b) => rank(a) - rank(b));
}

/** One article with its versions (newest first), who wrote and published each, and its source complaint's number. */
export async function getArticle(db: Db, id: number) {
  const [article] = await db
    .select({
      id: kbArticles.id,
      slug: kbArticles.slug,
      status: kbArticles.status,
      publishedVersion: kbArticles.publishedVersion,
      publishedAt: kbArticles.publishedAt,
      retiredAt: kbArticles.retiredAt,
      createdAt: kbArticles.createdAt,
      sourceNumber: complaints.number,
    })
    .from(kbArticles)
    .leftJoin(complaints, eq(complaints.id, kbArticles.sourceComplaintId))
    .where(eq(kbArticles.id, id));
  if (!article) return null;
  const versions = await db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, id)).orderBy(desc(kbArticleVersions.version));
  const people = [...new Set(versions.flatMap((v) => [v.createdBy, v.publishedBy]).filter((u): u is string => !!u))];
  const names = new Map(people.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, people))).map((u) => [u.id, u.name]) : []);
  return {
    ...article,
    versions: versions.map((v) => ({ ...v, createdByName: names.get(v.createdBy) ?? '', publishedByName: v.publishedBy ? (names.get(v.publishedBy) ?? '') : null })),
  };
}
