import { z } from 'zod';
import { isCalendarDay, type CalendarDay } from '@/lib/calendar/days';
import { OPEN_STATUSES, STATUSES } from '@/lib/complaints/status';
import { normaliseTag } from '@/lib/complaints/tags';
import type { ComplaintPriority, ComplaintStatus } from '@/lib/db/schema';
import { PRIORITIES } from '@/lib/sla/targets';

// The queue's filters, the saved views built from them, and the rule for each value. The URL
// parser (params.ts) and the query (query.ts) both check values with the schemas here, so a value
// the URL would drop is also dropped when code passes it in.

export type QueueFilters = {
  status?: ComplaintStatus[];
  categoryId?: number;
  ptjId?: number;
  /** 'me', 'unassigned' or a staff user id */
  assigned?: 'me' | 'unassigned' | (string & {});
  /** Malaysia dates (yyyy-MM-dd), inclusive, on created_at */
  from?: CalendarDay;
  to?: CalendarDay;
  q?: string;
  tag?: string;
  /**
   * The service clock on the stored due times, only while the clock runs (lib/complaints/status.ts
   * `clockRuns`): `hampir-lewat` from the warning time up to the due time, `lewat` past it.
   */
  clock?: ClockFilter;
  priority?: ComplaintPriority;
  /** Only complaints with an appeal (rayuan, lib/complaints/satisfaction.ts); `rayuan=1` in the URL. */
  appeal?: true;
  /** default newest; with `q` and no sort, best match first; `due`: nearest resolution due time first */
  sort?: 'newest' | 'oldest' | 'updated' | 'due';
};

export const CLOCK_FILTERS = ['hampir-lewat', 'lewat'] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

export type SavedViewKey = 'aduan-saya' | 'belum-diagih' | 'semua-terbuka' | ClockFilter | 'rayuan';

const openStatuses = (): ComplaintStatus[] => [...OPEN_STATUSES];

/** Named in the reader's language by the message files (`console.views.<key>`). */
export const SAVED_VIEWS: Record<SavedViewKey, { filters: QueueFilters }> = {
  'aduan-saya': { filters: { status: openStatuses(), assigned: 'me' } },
  'belum-diagih': { filters: { status: openStatuses(), assigned: 'unassigned' } },
  'semua-terbuka': { filters: { status: openStatuses() } },
  // Service levels: named by the `serviceClock.views` messages; the most urgent first.
  'hampir-lewat': { filters: { clock: 'hampir-lewat', sort: 'due' } },
  lewat: { filters: { clock: 'lewat', sort: 'due' } },
  // Open appeals, the nearest due time first: named by the `satisfaction.queue` messages.
  rayuan: { filters: { appeal: true, status: openStatuses(), sort: 'due' } },
};

/** Views named in the `serviceClock` messages rather than `console.views`. */
export const isClockView = (key: SavedViewKey): key is ClockFilter => (CLOCK_FILTERS as readonly string[]).includes(key);

const Q_MAX = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string): boolean => UUID.test(s);

/** The search box's text: control characters and runs of spaces folded, at most 200 characters. */
export function cleanQuery(s: string): string {
  return s.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, Q_MAX).trim();
}

function tagOrEmpty(s: string): string {
  try {
    return normaliseTag(s);
  } catch {
    return '';
  }
}

/** One schema per kind of value; a value that fails is dropped, never an error. */
export const fields = {
  status: z.enum(STATUSES as [ComplaintStatus, ...ComplaintStatus[]]),
  id: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number),
  assigned: z.union([z.literal('me'), z.literal('unassigned'), z.string().regex(UUID).transform((s) => s.toLowerCase())]),
  day: z.string().refine(isCalendarDay),
  q: z.string().transform(cleanQuery).pipe(z.string().min(1)),
  tag: z.string().transform(tagOrEmpty).pipe(z.string().min(1)),
  sort: z.enum(['newest', 'oldest', 'updated', 'due']),
  clock: z.enum(CLOCK_FILTERS),
  priority: z.enum(PRIORITIES as [ComplaintPriority, ...ComplaintPriority[]]),
  appeal: z.literal('1').transform(() => true as const),
  view: z.enum(Object.keys(SAVED_VIEWS) as [SavedViewKey, ...SavedViewKey[]]),
};

export function valid<T>(schema: z.ZodType<T, unknown>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** The same filters with bad or meaningless values dropped (for callers that build them in code). */
export function sanitiseFilters(f: QueueFilters): QueueFilters {
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
  if (f.clock !== undefined) out.clock = valid(fields.clock, f.clock);
  if (f.priority !== undefined) out.priority = valid(fields.priority, f.priority);
  if (f.appeal === true) out.appeal = true;
  return withoutUndefined(out);
}

/** Drops keys whose value is undefined, so filters compare and serialise by what they hold. */
export function withoutUndefined(f: QueueFilters): QueueFilters {
  for (const k of Object.keys(f) as (keyof QueueFilters)[]) if (f[k] === undefined) delete f[k];
  return f;
}
