import { sql, type SQL } from 'drizzle-orm';
import { parseIsoInstant } from '@/lib/calendar/instant';
import { isUuid } from './filters';

// Keyset pages, never OFFSET. The cursor is base64url of `v1|<sort>|<keys…>|<id>`:
//   newest  `v1|n|<created_at>|<id>`   (created_at desc, id desc)
//   oldest  `v1|o|<created_at>|<id>`   (created_at asc,  id asc)
//   updated `v1|u|<updated_at>|<id>`   (updated_at desc, id desc)
//   rank    `v1|r|<rank>|<created_at>|<id>` (rank desc, created_at desc, id desc)
//   due     `v1|d|<resolution_due_at or ->|<id>` (resolution_due_at asc nulls last, id asc; `-`
//           stands for a row without due times, which sort last)
// Times are carried as UTC ISO text with microseconds (Postgres precision; a JS Date would drop
// them and rows within the same millisecond would be skipped or repeated). Rank is rounded in SQL
// to 6 decimals, so the value in the cursor compares exactly with the recomputed one. A new
// complaint sorts before every cursor of the default sort, so it never shifts later pages. A cursor
// made for another sort, or malformed, is ignored (first page): every key is checked here, before
// it reaches a SQL cast, so a forged cursor cannot turn into a database error. Search results page
// by rank too; rank depends only on the row and the query, so pages are stable unless the row
// itself changes.

export type Sort = 'newest' | 'oldest' | 'updated' | 'rank' | 'due';
/** `at` is null only for the due sort's rows without a due time. */
type CursorKey = { rank: string; at: string | null; id: string };

const SORT_CODE: Record<Sort, string> = { newest: 'n', oldest: 'o', updated: 'u', rank: 'r', due: 'd' };
const NO_TIME = '-';
const TOKEN = /^[A-Za-z0-9_-]{1,400}$/;
const ISO_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const RANK = /^-?\d{1,9}(\.\d{1,6})?$/;

/** Whether a URL value looks like a cursor at all (base64url, bounded); decodeCursor decides the rest. */
export const isCursorToken = (s: string): boolean => TOKEN.test(s);

export function encodeCursor(sort: Sort, k: CursorKey): string {
  const at = k.at ?? NO_TIME;
  const keys = sort === 'rank' ? [k.rank, at] : [at];
  return Buffer.from(['v1', SORT_CODE[sort], ...keys, k.id].join('|'), 'utf8').toString('base64url');
}

/** The keys in a cursor made for this sort, or null (first page) for anything else. */
export function decodeCursor(sort: Sort, cursor: string | undefined): CursorKey | null {
  if (!cursor || !isCursorToken(cursor)) return null;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== (sort === 'rank' ? 5 : 4) || parts[0] !== 'v1' || parts[1] !== SORT_CODE[sort]) return null;
  const [rank, at, id] = sort === 'rank' ? parts.slice(2) : ['0', ...parts.slice(2)];
  if (!RANK.test(rank) || !isUuid(id)) return null;
  if (sort === 'due' && at === NO_TIME) return { rank, at: null, id };
  if (!ISO_US.test(at) || parseIsoInstant(at) === null) return null;
  return { rank, at, id };
}

/** ORDER BY and the "after this cursor" condition, on the columns of table alias `t`. */
export function ordering(sort: Sort, t: SQL): { order: SQL; after: (k: CursorKey) => SQL } {
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
    case 'due':
      // The index complaints_resolution_due_idx (resolution_due_at, id) reads in this order.
      return {
        order: sql`${t}.resolution_due_at asc nulls last, ${t}.id asc`,
        after: (k) =>
          k.at === null
            ? sql`(${t}.resolution_due_at is null and ${t}.id > ${k.id}::uuid)`
            : sql`((${t}.resolution_due_at, ${t}.id) > (${k.at}::timestamptz, ${k.id}::uuid) or ${t}.resolution_due_at is null)`,
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
