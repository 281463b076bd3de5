import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { categories, kbArticles, kbArticleVersions } from '@/lib/db/schema';

// Knowledge-base articles for tests, inserted directly as authoring would leave them (the text
// copied onto the row, one version row). created_by is an existing staff account (the seeded admin).

export type KbArticleInput = {
  title: string;
  problem: string;
  solution: string;
  keywords?: string;
  status?: 'draft' | 'published' | 'retired';
  categorySlug?: string;
  slug?: string;
};

export async function insertArticle(db: Db, a: KbArticleInput): Promise<{ id: number; slug: string }> {
  const [admin] = await db.execute<{ id: string }>(sql`select id from users order by created_at limit 1`);
  const [cat] = a.categorySlug
    ? await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, a.categorySlug))
    : await db.select({ id: categories.id }).from(categories).orderBy(categories.sortOrder).limit(1);
  const status = a.status ?? 'published';
  const slug = a.slug ?? `ujian-${randomUUID().slice(0, 12)}`;
  const published = status !== 'draft';
  const now = new Date();
  const [row] = await db
    .insert(kbArticles)
    .values({
      slug,
      status,
      categoryId: cat?.id ?? null,
      publishedVersion: published ? 1 : null,
      title: a.title,
      problem: a.problem,
      solution: a.solution,
      keywords: a.keywords ?? '',
      publishedAt: published ? now : null,
      publishedBy: published ? admin.id : null,
      retiredAt: status === 'retired' ? now : null,
      retiredBy: status === 'retired' ? admin.id : null,
      createdBy: admin.id,
    })
    .returning({ id: kbArticles.id, slug: kbArticles.slug });
  await db.insert(kbArticleVersions).values({
    articleId: row.id,
    version: 1,
    title: a.title,
    problem: a.problem,
    solution: a.solution,
    keywords: a.keywords ?? '',
    categoryId: cat?.id ?? null,
    createdBy: admin.id,
    publishedAt: published ? now : null,
    publishedBy: published ? admin.id : null,
  });
  return row;
}

/** Removes the given articles (their versions and deflections go with them). */
export async function removeArticles(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.delete(kbArticles).where(inArray(kbArticles.id, ids));
}
