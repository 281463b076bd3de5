import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { cleanQuery } from '@/lib/console/queue/filters';
import { WORD_SIMILARITY_THRESHOLD } from '@/lib/console/queue/search-plan';
import type { Db } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';

// Searching the published knowledge base (Soalan Lazim), the console's way (search-plan.ts):
// full text ('simple', so Malay words are kept as written) with prefix terms ("pengesa" →
// pengesahan), and trigram word similarity on the title and keywords for misspellings ("baucer" →
// baucar, at the console's threshold). Unlike the console's one box, a query is taken word by word:
// a word matches an article when its prefix is in the article's words or, for words of 5+
// letters, it is like a word of the title or keywords. The search page wants every word (one may
// miss from three or more); the form's suggestions want two (or the only one), because a
// complainant's title carries words no article has. Words every complaint has ("tidak", "saya")
// are left out unless nothing else is left. Only status 'published' rows are ever read.
// Every value reaches SQL as a bound parameter.

export type ArticleHit = {
  id: number;
  slug: string;
  title: string;
  problem: string;
  solution: string;
  categoryId: number | null;
  categoryMs: string | null;
  categoryEn: string | null;
  /** When the published text last changed. */
  updatedAt: Date;
  matched: number;
};

export type SearchMode = 'search' | 'suggest';

const MAX_WORDS = 8;
const TRIGRAM_MIN_LENGTH = 5;

// Words that say nothing about the problem (Malay and the English a complainant may mix in).
const COMMON = new Set(
  (
    'saya kami kita anda dia mereka yang dan atau untuk dari daripada kepada dengan pada oleh ini itu ada tiada tidak tak ' +
    'boleh dapat sudah telah akan masih lagi juga bagi kerana sebab bila mana apa nak mahu hendak perlu sila tolong ' +
    'the and for not can cannot with from this that have has'
  ).split(' '),
);

/** The query's words (letters and digits, 3+ characters, lower case, no repeats), common words left out when others remain. */
export function queryWords(q: string): string[] {
  const words = [...new Set((cleanQuery(q).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3))];
  const telling = words.filter((w) => !COMMON.has(w));
  return (telling.length > 0 ? telling : words).slice(0, MAX_WORDS);
}

/** How many of `words` must match: search all (one may miss from 3+), suggestions two. */
export function wordsNeeded(mode: SearchMode, n: number): number {
  if (mode === 'suggest') return Math.min(2, n);
  return n <= 2 ? n : n - 1;
}

/** 1 when `word` matches article `a` (its prefix in the text, or like a title/keyword word), else 0. */
function wordMatch(word: string): SQL {
  const prefix = sql`a.search_vector @@ to_tsquery('simple', ${`${word}:*`}::text)`;
  if (word.length < TRIGRAM_MIN_LENGTH) return sql`(case when ${prefix} then 1 else 0 end)`;
  return sql`(case when ${prefix} or ${word}::text <% a.title or ${word}::text <% coalesce(a.keywords, '') then 1 else 0 end)`;
}

/** Runs a read-only transaction with the console's trigram threshold (SET LOCAL). */
async function withTrigramThreshold<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`);
      return [...(await tx.execute<T>(query))] as T[];
    },
    { accessMode: 'read only' },
  );
}

type RawHit = {
  id: number;
  slug: string;
  title: string;
  problem: string;
  solution: string;
  category_id: number | null;
  category_ms: string | null;
  category_en: string | null;
  updated_at: Date | string;
  matched: number;
};

const toHit = (r: RawHit): ArticleHit => ({
  id: Number(r.id),
  slug: r.slug,
  title: r.title,
  problem: r.problem,
  solution: r.solution,
  categoryId: r.category_id === null ? null : Number(r.category_id),
  categoryMs: r.category_ms,
  categoryEn: r.category_en,
  updatedAt: new Date(r.updated_at),
  matched: Number(r.matched),
});

/**
 * Published articles matching `q`, best first: the most words matched, then full-text rank (words
 * and prefixes) plus the whole query's word similarity to the title. Empty for a query without a
 * usable word.
 */
export async function searchPublishedArticles(
  db: Db,
  q: string,
  opts: { limit?: number; categoryId?: number; mode?: SearchMode } = {},
): Promise<ArticleHit[]> {
  const words = queryWords(q);
  if (words.length === 0) return [];
  const limit = Math.min(50, Math.max(1, Math.floor(opts.limit ?? 20)));
  const needed = wordsNeeded(opts.mode ?? 'search', words.length);
  const anyWord = sql`to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' | ')}::text)`;
  const phrase = cleanQuery(q);
  const matched = sql.join(words.map(wordMatch), sql` + `);
  const rows = await withTrigramThreshold<RawHit>(
    db,
    sql`
      with scored as (
        select a.id, ${matched} as matched,
               ts_rank(a.search_vector, ${anyWord}) + word_similarity(${phrase}::text, a.title) as rank
        from kb_articles a
        where a.status = 'published'
          ${opts.categoryId ? sql`and a.category_id = ${opts.categoryId}::int` : sql``}
      )
      select a.id, a.slug, a.title, a.problem, a.solution, a.category_id,
             cat.name_ms as category_ms, cat.name_en as category_en,
             coalesce(a.published_at, a.updated_at) as updated_at, s.matched
      from scored s
      join kb_articles a on a.id = s.id
      left join categories cat on cat.id = a.category_id
      where s.matched >= ${needed}::int
      order by s.matched desc, s.rank desc, a.id
      limit ${limit}::int`,
  );
  return rows.map(toHit);
}

/** Every published article, by category (in the public form's order) then title. */
export async function listPublishedArticles(db: Db): Promise<ArticleHit[]> {
  const rows = await db.execute<RawHit>(sql`
    select a.id, a.slug, a.title, a.problem, a.solution, a.category_id,
           cat.name_ms as category_ms, cat.name_en as category_en,
           coalesce(a.published_at, a.updated_at) as updated_at, 0 as matched
    from kb_articles a
    left join categories cat on cat.id = a.category_id
    where a.status = 'published'
    order by cat.sort_order nulls last, cat.id nulls last, a.title, a.id
    limit 500`);
  return [...rows].map(toHit);
}

/** One published article by its slug; null for drafts, retired and unknown slugs. */
export async function getPublishedArticle(db: Db, slug: string): Promise<ArticleHit | null> {
  if (!/^[a-z0-9-]{1,96}$/.test(slug)) return null;
  const rows = await db.execute<RawHit>(sql`
    select a.id, a.slug, a.title, a.problem, a.solution, a.category_id,
           cat.name_ms as category_ms, cat.name_en as category_en,
           coalesce(a.published_at, a.updated_at) as updated_at, 0 as matched
    from kb_articles a
    left join categories cat on cat.id = a.category_id
    where a.status = 'published' and a.slug = ${slug}::text`);
  const r = [...rows][0];
  return r ? toHit(r) : null;
}

/** The first `max` characters of a text, cut at a word, with an ellipsis when cut. */
export function snippet(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).trimEnd()}…`;
}

export type SimilarComplaint = { number: string; title: string; status: ComplaintStatus };

const RESOLVED: ComplaintStatus[] = ['selesai', 'ditutup'];

/**
 * How many of the most recently updated resolved complaints sharing a word are ranked for
 * "similar": this many of the complaint's own category, and this many of any.
 */
export const SIMILAR_WINDOW = 500;

/**
 * For officers: up to five resolved or closed complaints like this one (by the words of its title,
 * then its description: full text with prefixes, and trigram similarity of the titles), never
 * itself, never one merged away as a duplicate, those of its own category first; and up to three
 * published articles. Candidates are the most recently updated sharing a word, in its category and
 * in all: a busy category's recent complaints cannot crowd out a quieter one's.
 */
export async function similarForComplaint(
  db: Db,
  complaintId: string,
): Promise<{ complaints: SimilarComplaint[]; articles: ArticleHit[] }> {
  const [self] = await db.execute<{ title: string; description: string; category_id: number }>(
    sql`select title, description, category_id from complaints where id = ${complaintId}::uuid`,
  );
  if (!self) return { complaints: [], articles: [] };
  const titleWords = queryWords(self.title);
  const words = [...new Set([...titleWords, ...queryWords(self.description)])].slice(0, MAX_WORDS);
  if (words.length === 0) return { complaints: [], articles: [] };
  const anyWord = sql`to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' | ')}::text)`;
  const needed = Math.min(2, words.length);
  const matched = sql.join(
    words.map((w) => sql`(case when c.search_vector @@ to_tsquery('simple', ${`${w}:*`}::text) then 1 else 0 end)`),
    sql` + `,
  );
  const statuses = sql.join(RESOLVED.map((s) => sql`${s}::complaint_status`), sql`, `);
  const window = (scope: SQL) => sql`
    select c.id, ${matched} as matched,
           ts_rank(c.search_vector, ${anyWord}) + similarity(${self.title}::text, c.title) as rank
    from complaints c
    where ${scope} and c.status in (${statuses}) and c.id <> ${complaintId}::uuid and c.merged_into_id is null
      and (c.search_vector @@ ${anyWord} or ${self.title}::text <% c.title)
    order by c.updated_at desc, c.id desc
    limit ${SIMILAR_WINDOW}`;
  const complaints = await withTrigramThreshold<{ number: string; title: string; status: ComplaintStatus }>(
    db,
    sql`
      with candidate as (
        -- The most recently updated that share a word (walking complaints_updated_id_idx): any of
        -- a dozen words is in most complaints, and ranking them all took 9 s at a million.
        (${window(sql`c.category_id = ${self.category_id}::int`)})
        union
        (${window(sql`true`)})
      )
      select c.number, c.title, c.status
      from candidate k join complaints c on c.id = k.id
      where k.matched >= ${needed}::int or similarity(${self.title}::text, c.title) >= 0.5
      order by (c.category_id = ${self.category_id}::int) desc, k.matched desc, k.rank desc, c.closed_at desc nulls last
      limit 5`,
  );
  const articles = await searchPublishedArticles(db, [...titleWords, ...words].join(' '), { mode: 'suggest', limit: 3 });
  return { complaints: complaints.map((r) => ({ number: r.number, title: r.title, status: r.status })), articles };
}
