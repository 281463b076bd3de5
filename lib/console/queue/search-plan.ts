import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getEnv } from '@/lib/env';
import { hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { normaliseMyKad } from '@/lib/identity/mykad';
import { cleanQuery } from './filters';

// What the one search box (`q`) means, and the SQL for it:
//   - a complaint number (`PKN210117075918055`, any case)  → that complaint only;
//   - an IC number (12 digits, or 6-2-4 with dashes/spaces) → exact keyed-hash (ic_hash) match only;
//   - anything else → full text on complaints (number/title A, name B, description C) OR on any
//     event body (replies and internal notes) OR word prefixes ("pengesa" → pengesahan) OR trigram
//     word similarity for misspellings ("baucer" → baucar: on the name, and on the title through
//     its vocabulary `title_words`, see titleMisspellings), for a query with a letter
//     (digits are not misspelt into names and titles: at 1,000,000 complaints those two lookups
//     were 40 ms of a last-four count that found nothing by them); 4 digits also match the IC's
//     last four digits, which rank first.
//   Only the first SEARCH_WINDOW matches of each branch in the page's order are read (the newest,
//   for the default ranked order: "the most relevant among the recent matches"), see textBranches.
//   Rank = ts_rank(words) + ½·ts_rank(prefixes) + best word_similarity(title, name)
//          + best ts_rank of a matching event + 10 for an exact IC last-four match.
//   The trigram threshold (word_similarity ≥ 0.55: query word against title word, or query against
//   name) lets one wrong letter in a 6-letter word through (baucer/baucar 0.57) but not a shared
//   prefix alone (pengesa/pengguna 0.50). It is set
//   with set_config(…, true) — SET LOCAL — in a read-only transaction so the GIN trigram indexes
//   are used through the `<%` operator (see searchSettings()).
// Every value reaches SQL as a bound parameter.

export type SearchPlan =
  | { kind: 'number'; number: string }
  | { kind: 'ic'; hash: string }
  | { kind: 'text'; q: string; prefix: string | null; last4: string | null; misspellings: boolean };

/** Shared with the knowledge base's search (lib/kb/search.ts). */
export const WORD_SIMILARITY_THRESHOLD = 0.55;

export function planSearch(raw: string | undefined): SearchPlan | null {
  const q = cleanQuery(raw ?? '');
  if (q === '') return null;
  if (/^[A-Za-z]{2,6}\d{15}$/.test(q)) return { kind: 'number', number: q.toUpperCase() };
  if (/^\d{6}[-\s]?\d{2}[-\s]?\d{4}$/.test(q)) {
    return { kind: 'ic', hash: hashPii(normaliseMyKad(q), piiKeys(getEnv().PII_KEY).mac) };
  }
  return { kind: 'text', q, prefix: prefixQuery(q), last4: /^\d{4}$/.test(q) ? q : null, misspellings: /\p{L}/u.test(q) };
}

/** `pengesa bauc` → `pengesa:* & bauc:*`, only for plain words (letters, digits) of 3+ characters. */
function prefixQuery(q: string): string | null {
  if (!/^[\p{L}\p{N} ]+$/u.test(q)) return null;
  const words = q.toLowerCase().split(' ').filter((w) => w.length >= 3).slice(0, 8);
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** The WHERE condition on complaints `c` for a number or IC search (one indexed equality). */
export function exactCondition(plan: SearchPlan & { kind: 'number' | 'ic' }): SQL {
  return plan.kind === 'number' ? sql`c.number = ${plan.number}::text` : sql`c.ic_hash = ${plan.hash}::text`;
}

/** How many matches each branch of a text search takes at most (the newest first, or by the sort). */
export const SEARCH_WINDOW = 200;

/**
 * What the statistics say of a text search's words: the share of rows holding them (at most; see
 * wordShare), read from pg_stats once per statement by wordSharesSql. textBranches picks each
 * branch's way by them, so Postgres plans only the branches that run (at 1,000,000 complaints
 * planning the union took longer than running it).
 */
export type WordShares = {
  /** The words among complaints. */
  complaints: number;
  /** The words among events. */
  events: number;
  /** Words similar to each (misspellings) among complaints' words. */
  similar: number;
  /** Words starting with each stem, among complaints and among events. */
  complaintPrefixes: number;
  eventPrefixes: number;
};

/** One row of WordShares for this search (its columns in snake case). */
export function wordSharesSql(plan: SearchPlan & { kind: 'text' }): SQL {
  const words = lexemes(plan.q);
  const stems = prefixStems(plan);
  const events = sql`(${wordShare('complaint_events', words, 'exact')}) as events,
                     (${wordShare('complaint_events', stems, 'prefix')}) as event_prefixes`;
  if (words.length > 1) return sql`select x.*, ${events} from (${sampledShares(plan, words)}) x`;
  return sql`select (${wordShare('complaints', words, 'exact')}) as complaints,
                    (${wordShare('complaints', plan.misspellings ? words : [], 'similar')}) as similar,
                    (${wordShare('complaints', stems, 'prefix')}) as complaint_prefixes,
                    ${events}`;
}

/** How many of the newest complaints a search of several words is first tried on (about 8 ms at 1,000,000). */
const SAMPLE_ROWS = 2000;

/**
 * The shares of a search of several words among complaints, as found in the newest SAMPLE_ROWS:
 * the statistics know each word's share, not how often the words meet. Two common words that
 * seldom meet ("baucar gaji": a quarter and 2 %, together 0.5 %; their misspellings in titles, 0)
 * were walked as common, through every complaint when none matched (3.3 s at 1,000,000); words
 * that go together ("kod akaun") are common together, which the product of their shares misses.
 */
function sampledShares(plan: SearchPlan & { kind: 'text' }, words: string[]): SQL {
  const share = (query: SQL) => sql`coalesce(avg((x.v @@ ${query})::int), 0)::float8`;
  return sql`select ${share(sql`websearch_to_tsquery('simple', ${plan.q}::text)`)} as complaints,
                    ${plan.misspellings ? share(misspeltQuery(words)) : sql`0::float8`} as similar,
                    ${plan.prefix ? share(sql`to_tsquery('simple', ${plan.prefix}::text)`) : sql`0::float8`} as complaint_prefixes
    from (select c.search_vector as v from complaints c order by c.created_at desc limit ${SAMPLE_ROWS}) x`;
}

const prefixStems = (plan: SearchPlan & { kind: 'text' }): string[] => (plan.prefix ? plan.prefix.split(' & ').map((w) => w.slice(0, -2)) : []);
const common = (share: number) => share >= COMMON_SHARE;

/**
 * A text search as a union of branches, each one indexed lookup on complaints `c` (GIN tsvector,
 * GIN trigram, btree) or on its events, each already narrowed by `where` (the other filters, and
 * a keyset cursor) and cut to its first `limit` rows in `order` (complaints `c`'s columns). A word
 * in a quarter of all complaints then costs `limit` rows per branch, not a quarter of the table:
 * Postgres walks the order's index and tests each row, or, for a rare word, reads the word's
 * index and sorts its few rows. The union is the set of candidate complaint ids (distinct). Every
 * value reaches SQL as a bound parameter. The last-four branch takes `last4Where` (its index holds
 * the status, which the queue's counts test rather than look up for rare words).
 *
 * Where Postgres cannot tell which of the two is cheaper, the statistics decide (lookupOrWalk):
 * a prefix (`bayar:*`), which it cannot estimate, and any word in the events, whose matches it
 * estimates per event, not per complaint (at 1,000,000 complaints it walked every complaint
 * testing its events for a common complaint word that no event holds: 3.8 s).
 */
export function textBranches(
  plan: SearchPlan & { kind: 'text' },
  shares: WordShares,
  where: SQL,
  order: SQL | null,
  limit: number,
  last4Where: SQL = where,
): SQL {
  const words = sql`websearch_to_tsquery('simple', ${plan.q}::text)`;
  const branch = (m: SQL, w: SQL = where) => sql`(select c.id from complaints c where ${w} and ${m} ${order ? sql`order by ${order}` : sql``} limit ${limit})`;
  const branches: SQL[] = [
    branch(sql`c.search_vector @@ ${words}`),
    ...(plan.misspellings ? [titleMisspellings(branch, lexemes(plan.q), common(shares.similar)), branch(sql`${plan.q}::text <% c.name`)] : []),
    lookupOrWalk(branch, 'complaint_events', common(shares.events), words),
  ].filter((b) => b !== null);
  if (plan.last4) branches.push(branch(sql`c.ic_last4 = ${plan.last4}::text`, last4Where));
  if (plan.prefix) {
    const prefix = sql`to_tsquery('simple', ${plan.prefix}::text)`;
    branches.push(
      lookupOrWalk(branch, 'complaints', common(shares.complaintPrefixes), prefix),
      lookupOrWalk(branch, 'complaint_events', common(shares.eventPrefixes), prefix),
    );
  }
  return sql.join(branches, sql` union `);
}

type Branch = (m: SQL) => SQL;

/**
 * The branch for a tsquery on `table`: when its words are common there, the order's index is
 * walked with a test no index can serve (`|| ''`), stopping at `limit` matches; when rare, the
 * matching rows are read from the GIN index first, as an array the complaint branch then looks
 * up, so Postgres cannot turn it into a walk.
 */
function lookupOrWalk(branch: Branch, table: 'complaints' | 'complaint_events', walk: boolean, query: SQL): SQL {
  if (table === 'complaints') return branch(walk ? sql`(c.search_vector || ''::tsvector) @@ ${query}` : sql`c.search_vector @@ ${query}`);
  return walk
    ? // `offset 0` keeps the test per complaint: without it Postgres turns it into a join that reads
      // every event first (2.4 s at 2.5 million events).
      branch(sql`exists (select 1 from complaint_events e where e.complaint_id = c.id and (e.search_vector || ''::tsvector) @@ ${query} offset 0)`)
    : branch(sql`c.id = any(array(select e.complaint_id from complaint_events e where e.search_vector @@ ${query}))`);
}

/**
 * Whether a search is for plain words that are rare every way it looks: the words, their prefixes
 * and their misspellings, among complaints and events, all below COMMON_SHARE, so that no branch
 * walks (false when the query has quotes, `or` or `-`, whose share the words do not bound). A query
 * of plain words matches at most as many complaints as its rarest word. The queue's counts then
 * read a rare word's few matches from its indexes and test their status, rather than intersect
 * them with a status's 200,000 rows.
 */
export function rareWords(plan: SearchPlan & { kind: 'text' }, shares: WordShares): boolean {
  const words = lexemes(plan.q);
  if (!plan.prefix || words.includes('or') || words.length === 0) return false;
  return !Object.values(shares).some(common);
}

/** A search for one plain word. */
export const oneWord = (plan: SearchPlan & { kind: 'text' }): boolean => plan.prefix !== null && lexemes(plan.q).length === 1;

/** How many vocabulary words one query word may stand for at most (the most similar first). */
const SIMILAR_WORDS = 64;

/**
 * Misspelt title words through the vocabulary (`title_words`, kept by triggers): each query word
 * becomes the title words similar to it (`w <% v`, the trigram index on title_words: "baucer" →
 * baucar), and the complaint must hold, in its title or number (weight A of search_vector), one of
 * each word's, or the word itself anywhere: `('baucar':A | 'baucer':A | 'baucer') & ('gaji')`
 * ("baucer gaji" finds "Baucar …" complaints that mention gaji; before, a word no title held, like
 * gaji, left the tsquery null, which matched nothing). At 1,000,000
 * complaints the trigram index of the titles themselves gave ~3,000 candidate rows for a rare
 * 8-letter word, each re-read to recheck (~66 ms, six times a page). Walked or looked up like the
 * other word branches (a misspelt common word is a common word), by the share of the similar words.
 *
 * The tsquery text is built from stored words and the query's words (letters and digits, a bound
 * array), each quoted (backslash and quote escaped) and cast, not parsed (to_tsquery would split it
 * again).
 */
function titleMisspellings(branch: Branch, words: string[], walk: boolean): SQL | null {
  if (words.length === 0) return null;
  const query = misspeltQuery(words);
  return walk
    ? branch(sql`(c.search_vector || ''::tsvector) @@ ${query}`)
    : // Rare: the matching ids first, from the GIN index (Postgres cannot estimate a computed tsquery).
      branch(sql`c.id = any(array(select m.id from complaints m where m.search_vector @@ ${query}))`);
}

/** The tsquery of complaints holding, for each of `words`, one of its similar title words in the title or the word itself anywhere (titleMisspellings). */
function misspeltQuery(words: string[]): SQL {
  // A tsquery literal of a text column: quoted, with \ → \\ and ' → \' (in SQL, '\' is one backslash:
  // standard_conforming_strings), and an optional weight.
  const literal = (column: string, weight = '') => sql.raw(`'''' || replace(replace(${column}, '\\', '\\\\'), '''', '\\''') || '''${weight}'`);
  const quoted = literal('v.word', ':A');
  const itself = literal('q.w');
  return sql`(select string_agg('(' || concat_ws(' | ', x.alts, ${itself}) || ')', ' & ')::tsquery
    from unnest(${textArray(words)}) as q(w)
    cross join lateral (
      select string_agg(s.term, ' | ') as alts
      from (select ${quoted} as term from title_words v where q.w <% v.word
            order by word_similarity(q.w, v.word) desc, v.word limit ${SIMILAR_WORDS}) s
    ) x)`;
}

const textArray = (words: string[]) =>
  sql`array[${sql.join(
    words.map((w) => sql`${w}::text`),
    sql`, `,
  )}]`;

/** The words of a search as the `simple` text-search configuration makes them (statistics, vocabulary). */
function lexemes(q: string): string[] {
  return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 8);
}

/** A share of rows above which words count as common (walked in order rather than looked up). */
const COMMON_SHARE = 0.005;

/**
 * The share of `table`'s rows whose search_vector holds all of `words` (or, by `match`, a word
 * starting with each, or a word similar to each: any weight, so it errs towards common), at most: the rarest word's share in pg_stats' most common elements (a word
 * missing there counts as rare). Exact for one word. For several it errs only towards common,
 * which is safe for words that go together ("kod akaun": their product said rare, and reading
 * the 62,000 events holding both took 1.4 s); two common words that seldom meet cost a longer walk.
 */
function wordShare(table: 'complaints' | 'complaint_events', words: string[], match: 'exact' | 'prefix' | 'similar'): SQL {
  if (words.length === 0) return sql`select 0::float8`;
  const list = textArray(words);
  const test = { exact: sql`m.e = w`, prefix: sql`left(m.e, length(w)) = w`, similar: sql`w <% m.e` }[match];
  return sql`select coalesce(min(share), 0) from unnest(${list}) w
    cross join lateral (
      select coalesce(sum(m.f), 0) as share
      from pg_stats s,
           unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as m(e, f)
      where s.schemaname = current_schema() and s.tablename = ${table}::text and s.attname = 'search_vector'
        and m.e is not null and ${test}
    ) x`;
}

/** The rank of complaint `c` for this search, rounded so a cursor carries it exactly. */
export function rankExpression(plan: SearchPlan | null): SQL {
  if (plan?.kind !== 'text') return sql`0::numeric`;
  const words = sql`websearch_to_tsquery('simple', ${plan.q}::text)`;
  const parts: SQL[] = [
    sql`ts_rank(c.search_vector, ${words})`,
    plan.misspellings ? sql`greatest(word_similarity(${plan.q}::text, c.title), word_similarity(${plan.q}::text, c.name))` : sql`0`,
    sql`coalesce((select max(ts_rank(e.search_vector, ${words})) from complaint_events e
                  where e.complaint_id = c.id and e.search_vector @@ ${words}), 0)`,
  ];
  if (plan.prefix) parts.push(sql`0.5 * ts_rank(c.search_vector, to_tsquery('simple', ${plan.prefix}::text))`);
  if (plan.last4) parts.push(sql`(case when c.ic_last4 = ${plan.last4}::text then 10 else 0 end)`);
  return sql`round((${sql.join(parts, sql` + `)})::numeric, 6)`;
}

/**
 * The local settings a text search runs with (null for other searches): the trigram threshold,
 * and enable_seqscan off. Every branch of the search has its own index, but the planner prices
 * word_similarity like a cheap operator and, for a common word, scans the whole table computing it
 * row by row; on 10,000 complaints that is 25–45 ms against 6–12 ms through the indexes. Where no
 * index applies Postgres still scans, so nothing becomes impossible. `true` makes them SET LOCAL,
 * so they end with the transaction.
 */
export function searchSettings(plan: SearchPlan | null): SQL | null {
  if (plan?.kind !== 'text') return null;
  return sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true),
                    set_config('enable_seqscan', 'off', true)`;
}
