import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import type { ComplaintPriority, ComplaintStatus } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { numOrNull, scopeWhere, type ReportContext } from './context';
import { durationsCtes } from './durations';
import { FIRST_MET, FIRST_MISSED, RESOLUTION_MET, RESOLUTION_MISSED } from './compliance';

// The complaints behind a report (received in its range, with its filters), oldest first, with
// their working durations and whether each target was met — the same expressions the figures use.
// Personal data (name, full IC, phone, email) is read only when the caller may export it.

/** One export holds at most this many complaints; a narrower range gets the rest. */
export const REPORT_LIST_MAX_ROWS = 20_000;

export type Outcome = 'met' | 'missed' | 'pending' | null;
export type ListRow = {
  number: string;
  createdAt: Date;
  categoryMs: string;
  categoryEn: string;
  ptj: string | null;
  status: ComplaintStatus;
  priority: ComplaintPriority;
  officer: string | null;
  title: string;
  firstMinutes: number | null;
  resolutionMinutes: number | null;
  firstOutcome: Outcome;
  resolutionOutcome: Outcome;
  pii?: { name: string; ic: string; phone: string; email: string };
};

export async function complaintList(db: Db, ctx: ReportContext, { pii }: { pii: boolean }): Promise<ListRow[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    with ${durationsCtes(ctx)}
    select c.number, c.created_at, k.name_ms, k.name_en, coalesce(p.code || ' ' || p.name, c.ptj_other) as ptj, c.status, c.priority,
      u.name as officer, c.title, d.first_minutes, d.resolution_minutes,
      case when c.first_response_due_at is null then null when ${FIRST_MET} then 'met' when ${FIRST_MISSED(ctx.now)} then 'missed' else 'pending' end as first_outcome,
      case when c.resolution_due_at is null then null when ${RESOLUTION_MET} then 'met' when ${RESOLUTION_MISSED(ctx.now)} then 'missed' else 'pending' end as resolution_outcome
      ${pii ? sql`, c.name, c.ic_encrypted, c.phone, c.email` : sql``}
    from complaints c
    join d on d.id = c.id
    join categories k on k.id = c.category_id
    left join ptj p on p.id = c.ptj_id
    left join users u on u.id = c.assigned_to
    where ${scopeWhere(ctx)}
    order by c.created_at, c.id
    limit ${REPORT_LIST_MAX_ROWS}`);
  const key = pii ? piiKeys(getEnv().PII_KEY).enc : null;
  return rows.map((r) => ({
    number: String(r.number),
    createdAt: new Date(r.created_at as string),
    categoryMs: String(r.name_ms),
    categoryEn: String(r.name_en),
    ptj: (r.ptj as string | null) ?? null,
    status: r.status as ComplaintStatus,
    priority: r.priority as ComplaintPriority,
    officer: (r.officer as string | null) ?? null,
    title: String(r.title),
    firstMinutes: numOrNull(r.first_minutes),
    resolutionMinutes: numOrNull(r.resolution_minutes),
    firstOutcome: (r.first_outcome as Outcome) ?? null,
    resolutionOutcome: (r.resolution_outcome as Outcome) ?? null,
    ...(key
      ? { pii: { name: String(r.name), ic: decryptPii(String(r.ic_encrypted), key), phone: String(r.phone), email: String(r.email) } }
      : {}),
  }));
}
