import { parseDisplayDay } from '@/lib/calendar/display-day';
import { isCursorToken } from './cursor';
import { fields, SAVED_VIEWS, valid, withoutUndefined, type QueueFilters, type SavedViewKey } from './filters';
import type { ComplaintStatus } from '@/lib/db/schema';

// The queue's state in the URL: filters, the page cursor and the saved view, read from Next.js
// `searchParams` and written back as a query string. Nothing here throws on what a visitor types.

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
    // Typed as dd-MM-yyyy in the filter form (older links carry yyyy-MM-dd); kept canonical.
    from: valid(fields.day, parseDisplayDay(first(get('from'))) ?? undefined),
    to: valid(fields.day, parseDisplayDay(first(get('to'))) ?? undefined),
    q: valid(fields.q, first(get('q'))),
    tag: valid(fields.tag, first(get('tag'))),
    sort: valid(fields.sort, first(get('sort'))),
    clock: valid(fields.clock, first(get('clock'))),
    priority: valid(fields.priority, first(get('priority'))),
    appeal: valid(fields.appeal, first(get('rayuan'))),
  };
  const view = valid(fields.view, first(get('view')));
  if (view) {
    for (const [k, v] of Object.entries(SAVED_VIEWS[view].filters)) {
      const key = k as keyof QueueFilters;
      if (filters[key] === undefined) (filters as Record<string, unknown>)[key] = Array.isArray(v) ? [...v] : v;
    }
  }
  withoutUndefined(filters);
  const rawCursor = first(get('cursor'));
  const cursor = typeof rawCursor === 'string' && isCursorToken(rawCursor) ? rawCursor : undefined;
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
  put('clock', filters.clock);
  put('priority', filters.priority);
  put('rayuan', filters.appeal ? '1' : undefined);
  put('from', filters.from);
  put('to', filters.to);
  put('sort', filters.sort);
  put('cursor', extra.cursor);
  return out.toString();
}
