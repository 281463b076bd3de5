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
//     word similarity on title/name for misspellings ("baucer" → baucar); 4 digits also match the
//     IC's last four digits, which rank first.
//   Rank = ts_rank(words) + ½·ts_rank(prefixes) + best word_similarity(title, name)
//          + best ts_rank of a matching event + 10 for an exact IC last-four match.
//   The trigram threshold (word_similarity ≥ 0.55) lets one wrong letter in a 6-letter word
//   through (baucer/baucar 0.57) but not a shared prefix alone (pengesa/pengguna 0.50). It is set
//   with set_config(…, true) — SET LOCAL — in a read-only transaction so the GIN trigram indexes
//   are used through the `<%` operator (see searchSettings()).
// Every value reaches SQL as a bound parameter.

export type SearchPlan =
  | { kind: 'number'; number: string }
  | { kind: 'ic'; hash: string }
  | { kind: 'text'; q: string; prefix: string | null; last4: string | null };

/** Shared with the knowledge base's search (lib/kb/search.ts). */
export const WORD_SIMILARITY_THRESHOLD = 0.55;

export function planSearch(raw: string | undefined): SearchPlan | null {
  const q = cleanQuery(raw ?? '');
  if (q === '') return null;
  if (/^[A-Za-z]{2,6}\d{15}$/.test(q)) return { kind: 'number', number: q.toUpperCase() };
  if (/^\d{6}[-\s]?\d{2}[-\s]?\d{4}$/.test(q)) {
    return { kind: 'ic', hash: hashPii(normaliseMyKad(q), piiKeys(getEnv().PII_KEY).mac) };
  }
  return { kind: 'text', q, prefix: prefixQuery(q), last4: /^\d{4}$/.test(q) ? q : null };
}

/** `pengesa bauc` → `pengesa:* & bauc:*`, only for plain words (letters, digits) of 3+ characters. */
function prefixQuery(q: string): string | null {
  if (!/^[\p{L}\p{N} ]+$/u.test(q)) return null;
  const words = q.toLowerCase().split(' ').filter((w) => w.length >= 3).slice(0, 8);
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** The WHERE condition on complaints `c` for this search. */
export function searchCondition(plan: SearchPlan): SQL {
  if (plan.kind === 'number') return sql`c.number = ${plan.number}::text`;
  if (plan.kind === 'ic') return sql`c.ic_hash = ${plan.hash}::text`;
  const words = sql`websearch_to_tsquery('simple', ${plan.q}::text)`;
  const prefix = plan.prefix ? sql`to_tsquery('simple', ${plan.prefix}::text)` : null;
  // One indexed lookup per branch (GIN tsvector, GIN trigram, btree), merged by the IN.
  const branches: SQL[] = [
    sql`select id from complaints where search_vector @@ ${words}`,
    sql`select id from complaints where ${plan.q}::text <% title`,
    sql`select id from complaints where ${plan.q}::text <% name`,
    sql`select complaint_id from complaint_events where search_vector @@ ${words}`,
  ];
  if (prefix) {
    branches.push(sql`select id from complaints where search_vector @@ ${prefix}`);
    branches.push(sql`select complaint_id from complaint_events where search_vector @@ ${prefix}`);
  }
  if (plan.last4) branches.push(sql`select id from complaints where ic_last4 = ${plan.last4}::text`);
  return sql`c.id in (${sql.join(branches, sql` union all `)})`;
}

/** The rank of complaint `c` for this search, rounded so a cursor carries it exactly. */
export function rankExpression(plan: SearchPlan | null): SQL {
  if (plan?.kind !== 'text') return sql`0::numeric`;
  const words = sql`websearch_to_tsquery('simple', ${plan.q}::text)`;
  const parts: SQL[] = [
    sql`ts_rank(c.search_vector, ${words})`,
    sql`greatest(word_similarity(${plan.q}::text, c.title), word_similarity(${plan.q}::text, c.name))`,
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
