import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { agingDays } from '@/lib/calendar/aging';
import { startOfMalaysiaDay, startOfNextMalaysiaDay } from '@/lib/calendar/days';
import { parseIsoInstant } from '@/lib/calendar/instant';
import { clockRuns, isClosed, STATUSES } from '@/lib/complaints/status';
import type { Db } from '@/lib/db';
import type { ComplaintPriority, ComplaintStatus } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decodeCursor, encodeCursor, ordering, type Sort } from './cursor';
import { isUuid, sanitiseFilters, type QueueFilters } from './filters';
import {
  exactCondition,
  oneWord,
  planSearch,
  rankExpression,
  rareWords,
  SEARCH_WINDOW,
  searchSettings,
  textBranches,
  wordSharesSql,
  type SearchPlan,
  type WordShares,
} from './search-plan';
import { turns, type Turns } from './search-turns';

// The officers' queue in SQL: one keyset page of complaints for the filters, and the counts per
// status. Filters are sanitised again here, so code that builds them gets the URL's rules.
// At a million complaints nothing here reads more than a page's worth of rows per index: pages
// walk an index in the page's order (keyset), a text search reads at most SEARCH_WINDOW matches
// per branch (search-plan.ts), the unfiltered counts come from complaint_status_counts, and other
// counts stop at COUNT_CAP per status ("1000+").

export type QueueRow = {
  id: string;
  number: string;
  status: ComplaintStatus;
  title: string;
  name: string;
  icLast4: string;
  categoryMs: string;
  categoryEn: string;
  /** the PTJ's name, or what the complainant typed when it was not in the list */
  ptjName: string | null;
  assignedToName: string | null;
  createdAt: Date;
  updatedAt: Date;
  agingDays: number;
  parentNumber: string | null;
  tags: string[];
  priority: ComplaintPriority;
  /** The stored resolution due time (null only before due times were filled in). */
  resolutionDueAt: Date | null;
  /** The service clock's state by the status rules. */
  clock: 'running' | 'paused' | 'stopped';
  /** The overdue mark: the clock runs and `now` is past the due time (the `lewat` filter, row by row). */
  late: boolean;
  /** The clock runs, from the warning time up to the due time (the `hampir-lewat` filter). */
  nearlyLate: boolean;
  /** An appeal was opened on it (the `rayuan` filter; a badge in the queue). */
  appeal: boolean;
};

/** Options of one queue read. `now` is the instant the clock filters and marks are taken at. */
export type QueuePage = { cursor?: string; limit?: number; now?: Date };

const QUEUE_PAGE = { defaultLimit: 25, maxLimit: 100 } as const;

// The service clock on the stored columns of complaints `c`, at `now`. The statuses the clock runs
// in come from the status rules; the filters and the rows' marks use the same two expressions.
const RUNNING = STATUSES.filter(clockRuns);

/**
 * `c.status in (…)` with the statuses written into the SQL, not bound: Postgres uses a partial
 * index (the open and clock views') only when it can see the statuses while planning, and a
 * prepared statement's generic plan cannot. Only the five known values pass, checked here.
 */
function statusIn(statuses: readonly ComplaintStatus[]): SQL {
  const known = statuses.filter((s) => STATUSES.includes(s));
  if (known.length === 0) return sql`false`;
  return sql.raw(`c.status in (${known.map((s) => `'${s}'::complaint_status`).join(', ')})`);
}
const running = statusIn(RUNNING);
const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;
export const lateSql = (now: Date) => sql`(${running} and c.resolution_due_at < ${at(now)})`;
export const nearlyLateSql = (now: Date) =>
  sql`(${running} and c.resolution_warn_at <= ${at(now)} and c.resolution_due_at >= ${at(now)})`;

function conditions(viewer: { userId: string }, f: QueueFilters, plan: SearchPlan | null, now: Date): SQL {
  return filterConditions(viewer, f, plan && plan.kind !== 'text' ? exactCondition(plan) : null, now);
}

function filterConditions(viewer: { userId: string }, f: QueueFilters, exact: SQL | null, now: Date): SQL {
  const conds: SQL[] = [];
  if (f.status?.length) conds.push(statusIn(f.status));
  if (f.categoryId) conds.push(sql`c.category_id = ${f.categoryId}::int`);
  if (f.ptjId) conds.push(sql`c.ptj_id = ${f.ptjId}::int`);
  if (f.assigned === 'unassigned') conds.push(sql`c.assigned_to is null`);
  else if (f.assigned) {
    const id = f.assigned === 'me' ? viewer.userId : f.assigned;
    conds.push(isUuid(id) ? sql`c.assigned_to = ${id}::uuid` : sql`false`);
  }
  // Malaysia midnight of `from`, up to (not including) Malaysia midnight after `to`.
  if (f.from) conds.push(sql`c.created_at >= ${startOfMalaysiaDay(f.from).toISOString()}::timestamptz`);
  if (f.to) conds.push(sql`c.created_at < ${startOfNextMalaysiaDay(f.to).toISOString()}::timestamptz`);
  if (f.tag) {
    conds.push(sql`exists (select 1 from complaint_tags ct join tags t on t.id = ct.tag_id
                           where ct.complaint_id = c.id and t.name = ${f.tag}::text)`);
  }
  if (f.clock === 'lewat') conds.push(lateSql(now));
  if (f.clock === 'hampir-lewat') conds.push(nearlyLateSql(now));
  if (f.priority) conds.push(sql`c.priority = ${f.priority}::complaint_priority`);
  if (f.appeal) conds.push(sql`c.appeal_opened_at is not null`);
  if (exact) conds.push(exact);
  return conds.length > 0 ? sql.join(conds, sql` and `) : sql`true`;
}

type Execute = <R extends Record<string, unknown>>(query: SQL) => Promise<R[]>;

/** What the statistics say of a text search's words (search-plan.ts), in the statement's transaction. */
async function wordShares(execute: Execute, plan: SearchPlan & { kind: 'text' }): Promise<WordShares> {
  type Row = { complaints: number; events: number; similar: number; complaint_prefixes: number; event_prefixes: number };
  const [r] = await execute<Row>(wordSharesSql(plan));
  return {
    complaints: Number(r.complaints),
    events: Number(r.events),
    similar: Number(r.similar),
    complaintPrefixes: Number(r.complaint_prefixes),
    eventPrefixes: Number(r.event_prefixes),
  };
}

/**
 * Runs the query (or the statements `query` runs); a text search runs in a read-only transaction
 * with its local settings.
 */
async function run<T extends Record<string, unknown>>(db: Db, plan: SearchPlan | null, query: SQL | ((execute: Execute) => Promise<T[]>)): Promise<T[]> {
  const statements = typeof query === 'function' ? query : (execute: Execute) => execute<T>(query);
  const settings = searchSettings(plan);
  if (!settings) return statements(async (q) => [...(await db.execute(q))] as never);
  return db.transaction(
    async (tx) => {
      await tx.execute(settings);
      return statements(async (q) => [...(await tx.execute(q))] as never);
    },
    { accessMode: 'read only' },
  );
}

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** ISO text with microseconds, as iso() prints it → Date (milliseconds). */
function toDate(s: string): Date {
  const at = parseIsoInstant(s);
  if (!at) throw new Error(`unreadable time from Postgres: ${s}`);
  return at;
}

type RawRow = {
  id: string;
  number: string;
  status: ComplaintStatus;
  title: string;
  name: string;
  ic_last4: string;
  category_ms: string;
  category_en: string;
  ptj_name: string | null;
  assigned_to_name: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  parent_number: string | null;
  tags: string[];
  rank: string;
  priority: ComplaintPriority;
  due_at: string | null;
  late: boolean;
  nearly_late: boolean;
  appeal: boolean;
};

const g = globalThis as unknown as { __searchTurns?: Turns };
/** This process's turns for word searches (CONSOLE_SEARCH_SLOTS at a time, waiting at most the console's statement deadline; search-turns.ts). */
export const searchTurns = (): Turns => (g.__searchTurns ??= turns(getEnv().CONSOLE_SEARCH_SLOTS, getEnv().DB_CONSOLE_STATEMENT_TIMEOUT_MS));

/**
 * What the queue page shows: one page of rows and the per-status counts of the same filters. A word
 * search waits for its turn first (both statements in one turn); anything else runs at once.
 * `keepTurn` gets a word search's release instead of it being released here: the page keeps the
 * turn until its response has been sent (search-turns.ts).
 */
export async function queuePage(
  db: Db,
  viewer: { userId: string },
  filters: QueueFilters,
  { keepTurn, ...page }: QueuePage & { keepTurn?: (release: () => void) => void } = {},
): Promise<{ rows: QueueRow[]; nextCursor: string | null; counts: Record<ComplaintStatus, number> }> {
  const now = page.now ?? new Date();
  const both = async () => {
    const [list, counts] = await Promise.all([listQueue(db, viewer, filters, { ...page, now }), countByStatus(db, viewer, { ...filters, status: undefined }, now)]);
    return { ...list, counts };
  };
  return planSearch(sanitiseFilters(filters).q)?.kind === 'text' ? searchTurns().run(both, keepTurn) : both();
}

/** One page of the queue. `page.limit` defaults to 25, at most 100. */
export async function listQueue(
  db: Db,
  viewer: { userId: string },
  filters: QueueFilters,
  page: QueuePage = {},
): Promise<{ rows: QueueRow[]; nextCursor: string | null }> {
  const now = page.now ?? new Date();
  const f = sanitiseFilters(filters);
  const plan = planSearch(f.q);
  const sort: Sort = f.sort ?? (plan ? 'rank' : 'newest');
  const limit = Math.min(QUEUE_PAGE.maxLimit, Math.max(1, Math.floor(Number(page.limit ?? QUEUE_PAGE.defaultLimit)) || QUEUE_PAGE.defaultLimit));
  const inner = ordering(sort, sql.raw('h'));
  const cursor = decodeCursor(sort, page.cursor);

  // A text search: the candidates are the union of its branches, each narrowed by the filters and,
  // outside the ranked order, by the cursor, and cut to SEARCH_WINDOW rows in the page's order (the
  // newest first for the ranked order), so only candidates are ranked.
  const filtersSql = conditions(viewer, f, plan, now);
  // The page's statement, once the statistics have said which way each word branch goes.
  const listSql = (shares: WordShares | null) => {
    const where =
      plan?.kind === 'text' && shares
        ? sql`c.id in (${textBranches(
            plan,
            shares,
            cursor && sort !== 'rank' ? sql`${filtersSql} and ${ordering(sort, sql.raw('c')).after(cursor)}` : filtersSql,
            sort === 'rank' ? sql`c.created_at desc, c.id desc` : ordering(sort, sql.raw('c')).order,
            // In another order the cursor is in every branch, so a page's worth from each is exact.
            sort === 'rank' ? SEARCH_WINDOW : limit + 1,
          )})`
        : filtersSql;
    return sql`
      with hit as (
        select c.id, c.created_at, c.updated_at, c.resolution_due_at, ${sort === 'rank' ? rankExpression(plan) : sql`0::numeric`} as rank
        from complaints c
        where ${where}
      ), page as (
        select h.id, h.created_at, h.updated_at, h.resolution_due_at, h.rank from hit h
        where ${cursor ? inner.after(cursor) : sql`true`}
        order by ${inner.order}
        limit ${limit + 1}
      )
      select c.id, c.number, c.status, c.title, c.name, c.ic_last4,
             cat.name_ms as category_ms, cat.name_en as category_en,
             coalesce(p.name, c.ptj_other) as ptj_name,
             u.name as assigned_to_name,
             ${iso(sql`page.created_at`)} as created_at,
             ${iso(sql`page.updated_at`)} as updated_at,
             ${iso(sql`c.closed_at`)} as closed_at,
             parent.number as parent_number,
             array(select t.name::text from complaint_tags ct join tags t on t.id = ct.tag_id
                   where ct.complaint_id = c.id order by t.name) as tags,
             page.rank::text as rank,
             c.priority,
             ${iso(sql`page.resolution_due_at`)} as due_at,
             ${lateSql(now)} as late,
             ${nearlyLateSql(now)} as nearly_late,
             (c.appeal_opened_at is not null) as appeal
      from page
      join complaints c on c.id = page.id
      join categories cat on cat.id = c.category_id
      left join ptj p on p.id = c.ptj_id
      left join users u on u.id = c.assigned_to
      left join complaints parent on parent.id = c.parent_id
      order by ${ordering(sort, sql.raw('page')).order}`;
  };

  const raw = await run<RawRow>(db, plan, async (execute) => execute(listSql(plan?.kind === 'text' ? await wordShares(execute, plan) : null)));
  const more = raw.length > limit;
  const rows = raw.slice(0, limit);
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
        categoryEn: r.category_en,
        ptjName: r.ptj_name,
        assignedToName: r.assigned_to_name,
        createdAt,
        updatedAt: toDate(r.updated_at),
        agingDays: agingDays(createdAt, r.closed_at ? toDate(r.closed_at) : null, now),
        parentNumber: r.parent_number,
        tags: r.tags,
        priority: r.priority,
        resolutionDueAt: r.due_at ? toDate(r.due_at) : null,
        clock: isClosed(r.status) ? 'stopped' : clockRuns(r.status) ? 'running' : 'paused',
        late: r.late,
        nearlyLate: r.nearly_late,
        appeal: r.appeal,
      };
    }),
    nextCursor:
      more && last ? encodeCursor(sort, { rank: last.rank, at: cursorTime(sort, last), id: last.id }) : null,
  };
}

const cursorTime = (sort: Sort, r: RawRow) => (sort === 'updated' ? r.updated_at : sort === 'due' ? r.due_at : r.created_at);

/** Counts above this are not counted further: the console shows "1000+" (a text search: "100+"). */
export const COUNT_CAP = 1000;
export const SEARCH_COUNT_CAP = 100;

/** The cap countByStatus applies to these filters: a count above it is "more than cap". */
export const countCap = (filters: Pick<QueueFilters, 'q'>): number =>
  planSearch(filters.q)?.kind === 'text' ? SEARCH_COUNT_CAP : COUNT_CAP;

/**
 * How many complaints of each status match these filters (the status filter itself is ignored).
 * Exact, from complaint_status_counts, without other filters; otherwise exact up to countCap()
 * and cap + 1 for anything more (each status stops reading at cap + 1 rows).
 */
export async function countByStatus(
  db: Db,
  viewer: { userId: string },
  filters: Omit<QueueFilters, 'status'> & { status?: undefined },
  now: Date = new Date(),
): Promise<Record<ComplaintStatus, number>> {
  const f = sanitiseFilters({ ...filters, status: undefined });
  const { sort: _sort, ...narrowing } = f;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ComplaintStatus, number>;
  if (Object.keys(narrowing).length === 0) {
    const rows = await db.execute<{ status: ComplaintStatus; n: string }>(
      sql`select status, sum(n)::text as n from complaint_status_counts group by status`,
    );
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }
  const plan = planSearch(f.q);
  const filtersSql = conditions(viewer, f, plan, now);
  const cap = countCap(f);
  // One count per status, written once and run for each (the status is the outer row's): a text
  // search's union of branches is then planned once, not once per status (at 1,000,000 complaints
  // planning five copies took 22–60 ms, more than running them).
  // A rare word's matches are few: the status is tested on each (`is true` keeps Postgres from
  // intersecting them with the status's rows through an index: 21 ms a status at 1,000,000), except
  // on the last-four branch, whose index holds the status.
  const indexed = sql`${filtersSql} and c.status = s.status`;
  const tested = sql`${filtersSql} and (c.status = s.status) is true`;
  const statuses = sql.raw(`array[${STATUSES.map((s) => `'${s}'`).join(', ')}]::complaint_status[]`);
  const count = (rows: SQL) =>
    sql`select s.status, (select least(count(*), ${cap + 1}) from (${rows}) u)::int as n from unnest(${statuses}) as s(status)`;
  const found = await run<{ status: ComplaintStatus; n: number }>(db, plan, async (execute) => {
    if (plan?.kind !== 'text') return execute(count(sql`select 1 from complaints c where ${indexed} limit ${cap + 1}`));
    const shares = await wordShares(execute, plan);
    const rare = rareWords(plan, shares);
    // A common word alone: each branch walks the status's newest first and stops at cap + 1 matches
    // (unordered, Postgres chose a skip scan of another index: 11 ms a branch and status at 1,000,000).
    // Words together are rarer than each, and so is a rare word: Postgres finds their order better.
    const order = !rare && oneWord(plan) ? sql`c.created_at desc` : null;
    return execute(count(textBranches(plan, shares, rare ? tested : indexed, order, cap + 1, indexed)));
  });
  for (const r of found) counts[r.status] = Number(r.n);
  return counts;
}
