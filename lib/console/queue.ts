import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { agingDays } from '@/lib/calendar/aging';
import { isOpen, STATUSES } from '@/lib/complaints/status';
import { normaliseTag } from '@/lib/complaints/tags';
import type { Db } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { normaliseMyKad } from '@/lib/identity/mykad';

// The officers' queue: filters, the one search box, counts per status and keyset pages.
//
// Pages are keyset pages, never OFFSET. The cursor is base64url of `v1|<sort>|<keys…>|<id>`:
//   newest  `v1|n|<created_at>|<id>`   (created_at desc, id desc)
//   oldest  `v1|o|<created_at>|<id>`   (created_at asc,  id asc)
//   updated `v1|u|<updated_at>|<id>`   (updated_at desc, id desc)
//   rank    `v1|r|<rank>|<created_at>|<id>` (rank desc, created_at desc, id desc)
// Times are carried as UTC ISO text with microseconds (Postgres precision; a JS Date would drop
// them and rows within the same millisecond would be skipped or repeated). Rank is rounded in SQL
// to 6 decimals, so the value in the cursor compares exactly with the recomputed one. A new
// complaint sorts before every cursor of the default sort, so it never shifts later pages. A cursor
// made for another sort, or malformed, is ignored (first page). Search results page by rank too;
// rank depends only on the row and the query, so pages are stable unless the row itself changes.
//
// Search (`q`):
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
//   are used through the `<%` operator (see run()).
// Every value reaches SQL as a bound parameter.

export type QueueFilters = {
  status?: ComplaintStatus[];
  categoryId?: number;
  ptjId?: number;
  /** 'me', 'unassigned' or a staff user id */
  assigned?: 'me' | 'unassigned' | (string & {});
  /** yyyy-MM-dd, Malaysia dates, inclusive, on created_at */
  from?: string;
  to?: string;
  q?: string;
  tag?: string;
  /** default newest; with `q` and no sort, best match first */
  sort?: 'newest' | 'oldest' | 'updated';
};

export type QueueRow = {
  id: string;
  number: string;
  status: ComplaintStatus;
  title: string;
  name: string;
  icLast4: string;
  categoryMs: string;
  /** the PTJ's name, or what the complainant typed when it was not in the list */
  ptjName: string | null;
  assignedToName: string | null;
  createdAt: Date;
  updatedAt: Date;
  agingDays: number;
  parentNumber: string | null;
  tags: string[];
};

export type SavedViewKey = 'aduan-saya' | 'belum-diagih' | 'semua-terbuka';

const openStatuses = (): ComplaintStatus[] => STATUSES.filter(isOpen);

export const SAVED_VIEWS: Record<SavedViewKey, { label: string; filters: QueueFilters }> = {
  'aduan-saya': { label: 'Aduan saya', filters: { status: openStatuses(), assigned: 'me' } },
  'belum-diagih': { label: 'Belum diagih', filters: { status: openStatuses(), assigned: 'unassigned' } },
  'semua-terbuka': { label: 'Semua terbuka', filters: { status: openStatuses() } },
};

export const QUEUE_PAGE = { defaultLimit: 25, maxLimit: 100 } as const;
const WORD_SIMILARITY_THRESHOLD = 0.55;
const Q_MAX = 200;

// ---------------------------------------------------------------------------------------------
// Values

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

function cleanQuery(s: string): string {
  return s.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, Q_MAX).trim();
}

function tagOrEmpty(s: string): string {
  try {
    return normaliseTag(s);
  } catch {
    return '';
  }
}

const fields = {
  status: z.enum(STATUSES as [ComplaintStatus, ...ComplaintStatus[]]),
  id: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number),
  assigned: z.union([z.literal('me'), z.literal('unassigned'), z.string().regex(UUID).transform((s) => s.toLowerCase())]),
  day: z.string().refine(isCalendarDay),
  q: z.string().transform(cleanQuery).pipe(z.string().min(1)),
  tag: z.string().transform(tagOrEmpty).pipe(z.string().min(1)),
  sort: z.enum(['newest', 'oldest', 'updated']),
  view: z.enum(Object.keys(SAVED_VIEWS) as [SavedViewKey, ...SavedViewKey[]]),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/),
};

function valid<T>(schema: z.ZodType<T, unknown>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** The same filters with bad or meaningless values dropped (for callers that build them in code). */
function sanitise(f: QueueFilters): QueueFilters {
  const out: QueueFilters = {};
  const status = [...new Set((f.status ?? []).filter((s) => valid(fields.status, s)))];
  if (status.length > 0) out.status = status;
  if (Number.isSafeInteger(f.categoryId) && f.categoryId! > 0) out.categoryId = f.categoryId;
  if (Number.isSafeInteger(f.ptjId) && f.ptjId! > 0) out.ptjId = f.ptjId;
  if (f.assigned !== undefined) out.assigned = valid(fields.assigned, f.assigned);
  if (f.from !== undefined) out.from = valid(fields.day, f.from);
  if (f.to !== undefined) out.to = valid(fields.day, f.to);
  if (f.q !== undefined) out.q = valid(fields.q, f.q);
  if (f.tag !== undefined) out.tag = valid(fields.tag, f.tag);
  if (f.sort !== undefined) out.sort = valid(fields.sort, f.sort);
  for (const k of Object.keys(out) as (keyof QueueFilters)[]) if (out[k] === undefined) delete out[k];
  return out;
}

// ---------------------------------------------------------------------------------------------
// URL parameters

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const every = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Filters, cursor and view from the URL (Next.js `searchParams`). Each value is checked with zod;
 * a bad value is dropped, never thrown. A known `view` fills in its filters for the parameters the
 * URL leaves out, so `/konsol?view=aduan-saya` works as a short bookmark.
 */
export function parseQueueParams(searchParams: SearchParams): { filters: QueueFilters; cursor?: string; view?: SavedViewKey } {
  const p: SearchParams = searchParams && typeof searchParams === 'object' ? searchParams : {};
  const get = (key: string) => (Object.hasOwn(p, key) ? p[key] : undefined);
  const status = [
    ...new Set(
      every(get('status'))
        .flatMap((s) => (typeof s === 'string' ? s.split(',') : []))
        .map((s) => valid(fields.status, s.trim()))
        .filter((s): s is ComplaintStatus => s !== undefined),
    ),
  ];
  const filters: QueueFilters = {
    status: status.length > 0 ? status : undefined,
    categoryId: valid(fields.id, first(get('category'))),
    ptjId: valid(fields.id, first(get('ptj'))),
    assigned: valid(fields.assigned, first(get('assigned'))),
    from: valid(fields.day, first(get('from'))),
    to: valid(fields.day, first(get('to'))),
    q: valid(fields.q, first(get('q'))),
    tag: valid(fields.tag, first(get('tag'))),
    sort: valid(fields.sort, first(get('sort'))),
  };
  const view = valid(fields.view, first(get('view')));
  if (view) {
    for (const [k, v] of Object.entries(SAVED_VIEWS[view].filters)) {
      const key = k as keyof QueueFilters;
      if (filters[key] === undefined) (filters as Record<string, unknown>)[key] = Array.isArray(v) ? [...v] : v;
    }
  }
  for (const k of Object.keys(filters) as (keyof QueueFilters)[]) if (filters[k] === undefined) delete filters[k];
  const cursor = valid(fields.cursor, first(get('cursor')));
  return { filters, ...(cursor ? { cursor } : {}), ...(view ? { view } : {}) };
}

/** The query string (without `?`) for these filters; parseQueueParams reads it back unchanged. */
export function queueParamsToSearch(filters: QueueFilters, extra: { cursor?: string; view?: string } = {}): string {
  const out = new URLSearchParams();
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') out.append(key, String(value));
  };
  put('view', extra.view);
  put('q', filters.q);
  for (const s of filters.status ?? []) put('status', s);
  put('category', filters.categoryId);
  put('ptj', filters.ptjId);
  put('assigned', filters.assigned);
  put('tag', filters.tag);
  put('from', filters.from);
  put('to', filters.to);
  put('sort', filters.sort);
  put('cursor', extra.cursor);
  return out.toString();
}

// ---------------------------------------------------------------------------------------------
// Search plan

type SearchPlan =
  | { kind: 'number'; number: string }
  | { kind: 'ic'; hash: string }
  | { kind: 'text'; q: string; prefix: string | null; last4: string | null };

function planSearch(raw: string | undefined): SearchPlan | null {
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

function searchCondition(plan: SearchPlan): SQL {
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

function rankExpression(plan: SearchPlan | null): SQL {
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

// ---------------------------------------------------------------------------------------------
// Filters

function conditions(viewer: { userId: string }, f: QueueFilters, plan: SearchPlan | null): SQL {
  const conds: SQL[] = [];
  if (f.status?.length) conds.push(sql`c.status in (${sql.join(f.status.map((s) => sql`${s}::complaint_status`), sql`, `)})`);
  if (f.categoryId) conds.push(sql`c.category_id = ${f.categoryId}::int`);
  if (f.ptjId) conds.push(sql`c.ptj_id = ${f.ptjId}::int`);
  if (f.assigned === 'unassigned') conds.push(sql`c.assigned_to is null`);
  else if (f.assigned) {
    const id = f.assigned === 'me' ? viewer.userId : f.assigned;
    conds.push(UUID.test(id) ? sql`c.assigned_to = ${id}::uuid` : sql`false`);
  }
  // Malaysia midnight of `from`, up to (not including) Malaysia midnight after `to`.
  if (f.from) conds.push(sql`c.created_at >= (${f.from}::date)::timestamp at time zone 'Asia/Kuala_Lumpur'`);
  if (f.to) conds.push(sql`c.created_at < (${f.to}::date + 1)::timestamp at time zone 'Asia/Kuala_Lumpur'`);
  if (f.tag) {
    conds.push(sql`exists (select 1 from complaint_tags ct join tags t on t.id = ct.tag_id
                           where ct.complaint_id = c.id and t.name = ${f.tag}::text)`);
  }
  if (plan) conds.push(searchCondition(plan));
  return conds.length > 0 ? sql.join(conds, sql` and `) : sql`true`;
}

/**
 * Runs the query. A text search runs in a read-only transaction with two local settings: the
 * trigram threshold, and enable_seqscan off. Every branch of the search has its own index, but the
 * planner prices word_similarity like a cheap operator and, for a common word, scans the whole
 * table computing it row by row; on 10,000 complaints that is 25–45 ms against 6–12 ms through the
 * indexes. Where no index applies Postgres still scans, so nothing becomes impossible.
 */
async function run<T extends Record<string, unknown>>(db: Db, plan: SearchPlan | null, query: SQL): Promise<T[]> {
  if (plan?.kind !== 'text') return [...(await db.execute<T>(query))] as T[];
  return db.transaction(
    async (tx) => {
      await tx.execute(
        sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true),
                   set_config('enable_seqscan', 'off', true)`,
      );
      return [...(await tx.execute<T>(query))] as T[];
    },
    { accessMode: 'read only' },
  );
}

// ---------------------------------------------------------------------------------------------
// Sorting and cursors

type Sort = 'newest' | 'oldest' | 'updated' | 'rank';
const SORT_CODE: Record<Sort, string> = { newest: 'n', oldest: 'o', updated: 'u', rank: 'r' };
const ISO_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const RANK = /^-?\d{1,9}(\.\d{1,6})?$/;

type Key = { rank: string; at: string; id: string };

function encodeCursor(sort: Sort, k: Key): string {
  const keys = sort === 'rank' ? [k.rank, k.at] : [k.at];
  return Buffer.from(['v1', SORT_CODE[sort], ...keys, k.id].join('|'), 'utf8').toString('base64url');
}

function decodeCursor(sort: Sort, cursor: string | undefined): Key | null {
  if (!cursor || !/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts[0] !== 'v1' || parts[1] !== SORT_CODE[sort]) return null;
  const [rank, at, id] = sort === 'rank' ? parts.slice(2) : ['0', ...parts.slice(2)];
  if (parts.length !== (sort === 'rank' ? 5 : 4) || !RANK.test(rank) || !ISO_US.test(at) || !UUID.test(id)) return null;
  return { rank, at, id };
}

/** ORDER BY and the "after this cursor" condition, on the columns of table alias `t`. */
function ordering(sort: Sort, t: SQL): { order: SQL; after: (k: Key) => SQL } {
  switch (sort) {
    case 'oldest':
      return {
        order: sql`${t}.created_at asc, ${t}.id asc`,
        after: (k) => sql`(${t}.created_at, ${t}.id) > (${k.at}::timestamptz, ${k.id}::uuid)`,
      };
    case 'updated':
      return {
        order: sql`${t}.updated_at desc, ${t}.id desc`,
        after: (k) => sql`(${t}.updated_at, ${t}.id) < (${k.at}::timestamptz, ${k.id}::uuid)`,
      };
    case 'rank':
      return {
        order: sql`${t}.rank desc, ${t}.created_at desc, ${t}.id desc`,
        after: (k) => sql`(${t}.rank, ${t}.created_at, ${t}.id) < (${k.rank}::numeric, ${k.at}::timestamptz, ${k.id}::uuid)`,
      };
    default:
      return {
        order: sql`${t}.created_at desc, ${t}.id desc`,
        after: (k) => sql`(${t}.created_at, ${t}.id) < (${k.at}::timestamptz, ${k.id}::uuid)`,
      };
  }
}

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** ISO text with microseconds → Date (milliseconds). */
const toDate = (s: string) => new Date(`${s.slice(0, 23)}Z`);

type RawRow = {
  id: string;
  number: string;
  status: ComplaintStatus;
  title: string;
  name: string;
  ic_last4: string;
  category_ms: string;
  ptj_name: string | null;
  assigned_to_name: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  parent_number: string | null;
  tags: string[];
  rank: string;
};

// ---------------------------------------------------------------------------------------------
// Queries

/** One page of the queue. `page.limit` defaults to 25, at most 100. */
export async function listQueue(
  db: Db,
  viewer: { userId: string },
  filters: QueueFilters,
  page: { cursor?: string; limit?: number } = {},
): Promise<{ rows: QueueRow[]; nextCursor: string | null }> {
  const f = sanitise(filters);
  const plan = planSearch(f.q);
  const sort: Sort = f.sort ?? (plan ? 'rank' : 'newest');
  const limit = Math.min(QUEUE_PAGE.maxLimit, Math.max(1, Math.floor(Number(page.limit ?? QUEUE_PAGE.defaultLimit)) || QUEUE_PAGE.defaultLimit));
  const inner = ordering(sort, sql.raw('h'));
  const cursor = decodeCursor(sort, page.cursor);

  const query = sql`
    with hit as (
      select c.id, c.created_at, c.updated_at, ${sort === 'rank' ? rankExpression(plan) : sql`0::numeric`} as rank
      from complaints c
      where ${conditions(viewer, f, plan)}
    ), page as (
      select h.id, h.created_at, h.updated_at, h.rank from hit h
      where ${cursor ? inner.after(cursor) : sql`true`}
      order by ${inner.order}
      limit ${limit + 1}
    )
    select c.id, c.number, c.status, c.title, c.name, c.ic_last4,
           cat.name_ms as category_ms,
           coalesce(p.name, c.ptj_other) as ptj_name,
           u.name as assigned_to_name,
           ${iso(sql`page.created_at`)} as created_at,
           ${iso(sql`page.updated_at`)} as updated_at,
           ${iso(sql`c.closed_at`)} as closed_at,
           parent.number as parent_number,
           array(select t.name::text from complaint_tags ct join tags t on t.id = ct.tag_id
                 where ct.complaint_id = c.id order by t.name) as tags,
           page.rank::text as rank
    from page
    join complaints c on c.id = page.id
    join categories cat on cat.id = c.category_id
    left join ptj p on p.id = c.ptj_id
    left join users u on u.id = c.assigned_to
    left join complaints parent on parent.id = c.parent_id
    order by ${ordering(sort, sql.raw('page')).order}`;

  const raw = await run<RawRow>(db, plan, query);
  const more = raw.length > limit;
  const rows = raw.slice(0, limit);
  const now = new Date();
  const last = rows.at(-1);
  return {
    rows: rows.map((r) => {
      const createdAt = toDate(r.created_at);
      return {
        id: r.id,
        number: r.number,
        status: r.status,
        title: r.title,
        name: r.name,
        icLast4: r.ic_last4,
        categoryMs: r.category_ms,
        ptjName: r.ptj_name,
        assignedToName: r.assigned_to_name,
        createdAt,
        updatedAt: toDate(r.updated_at),
        agingDays: agingDays(createdAt, r.closed_at ? toDate(r.closed_at) : null, now),
        parentNumber: r.parent_number,
        tags: r.tags,
      };
    }),
    nextCursor:
      more && last ? encodeCursor(sort, { rank: last.rank, at: sort === 'updated' ? last.updated_at : last.created_at, id: last.id }) : null,
  };
}

/** How many complaints of each status match these filters (the status filter itself is ignored). */
export async function countByStatus(
  db: Db,
  viewer: { userId: string },
  filters: Omit<QueueFilters, 'status'> & { status?: undefined },
): Promise<Record<ComplaintStatus, number>> {
  const f = sanitise({ ...filters, status: undefined });
  const plan = planSearch(f.q);
  const rows = await run<{ status: ComplaintStatus; n: number }>(
    db,
    plan,
    sql`select c.status, count(*)::int as n from complaints c where ${conditions(viewer, f, plan)} group by c.status`,
  );
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ComplaintStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
