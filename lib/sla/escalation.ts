import { and, inArray, isNull, lt, lte, gte, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { complaints, slaNotices, type Complaint } from '@/lib/db/schema';
import { clockRuns, STATUSES } from '@/lib/complaints/status';
import { enqueueEmail, type SlaNoticeKind } from '@/lib/jobs/boss';
import { claimNotice, lockComplaintById, officerIds, supervisorIds } from './notices';

// Escalation: a complaint whose clock runs and that is nearly late tells its officer (or, while
// unassigned, the category's officers); one past its resolution due time tells the supervisors;
// one without a first reply past its first-response due time tells its officer. Each notice is
// claimed in `sla_notices` for the due time it is about, in the same transaction as its email job,
// so it goes once per breach however many runs and workers see it.

const RUNNING = STATUSES.filter(clockRuns);
/** Complaints looked at per kind and run; the next run takes the rest. */
const BATCH = 200;

type DueFacts = Pick<Complaint, 'status' | 'resolutionWarnAt' | 'resolutionDueAt' | 'firstResponseDueAt' | 'firstRespondedAt'>;

/** The due time a notice of `kind` is about, if the complaint has reached it at `at` (else null). */
export function noticeDue(kind: SlaNoticeKind, c: DueFacts, at: Date): Date | null {
  if (!clockRuns(c.status)) return null;
  const t = at.getTime();
  switch (kind) {
    case 'nearly_late':
      // Already past the due time: the breach notice says more, this one is skipped.
      return c.resolutionWarnAt && c.resolutionDueAt && c.resolutionWarnAt.getTime() <= t && c.resolutionDueAt.getTime() >= t ? c.resolutionWarnAt : null;
    case 'breached':
      return c.resolutionDueAt && c.resolutionDueAt.getTime() < t ? c.resolutionDueAt : null;
    case 'first_response_late':
      return !c.firstRespondedAt && c.firstResponseDueAt && c.firstResponseDueAt.getTime() < t ? c.firstResponseDueAt : null;
  }
}

/** The column each kind's due time is stored in. */
const DUE_COLUMN = {
  nearly_late: complaints.resolutionWarnAt,
  breached: complaints.resolutionDueAt,
  first_response_late: complaints.firstResponseDueAt,
} as const;

function candidates(kind: SlaNoticeKind, at: Date): SQL | undefined {
  const due = DUE_COLUMN[kind];
  const notYet = notExists(
    sql`(select 1 from ${slaNotices} where ${slaNotices.complaintId} = ${complaints.id} and ${slaNotices.kind} = ${kind} and ${slaNotices.dueAt} = ${due})`,
  );
  const running = inArray(complaints.status, RUNNING);
  switch (kind) {
    case 'nearly_late':
      return and(running, lte(complaints.resolutionWarnAt, at), gte(complaints.resolutionDueAt, at), notYet);
    case 'breached':
      return and(running, lt(complaints.resolutionDueAt, at), notYet);
    case 'first_response_late':
      return and(running, isNull(complaints.firstRespondedAt), lt(complaints.firstResponseDueAt, at), notYet);
  }
}

export type EscalationResult = Record<SlaNoticeKind, number>;

/** One escalation run at `at`: how many notices of each kind it sent. */
export async function runEscalation(db: Db, at: Date): Promise<EscalationResult> {
  const sent: EscalationResult = { nearly_late: 0, breached: 0, first_response_late: 0 };
  for (const kind of ['breached', 'nearly_late', 'first_response_late'] as const) {
    const rows = await db.select({ id: complaints.id }).from(complaints).where(candidates(kind, at)).orderBy(DUE_COLUMN[kind]).limit(BATCH);
    for (const { id } of rows) {
      if (await escalateOne(db, id, kind, at)) sent[kind] += 1;
    }
  }
  return sent;
}

/** One complaint, in its own transaction under its row lock: checked again, claimed, told. */
async function escalateOne(db: Db, id: string, kind: SlaNoticeKind, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const c = await lockComplaintById(tx, id);
    const dueAt = c && noticeDue(kind, c, at);
    if (!c || !dueAt) return false;
    if (!(await claimNotice(tx, c.id, kind, sql`${DUE_COLUMN[kind]}`, at))) return false;
    const recipientIds = kind === 'breached' ? await supervisorIds(tx) : await officerIds(tx, c);
    if (recipientIds.length > 0) {
      await enqueueEmail(tx, { kind: 'sla-escalation', notice: kind, complaintId: c.id, dueAt: dueAt.toISOString(), recipientIds });
    }
    return true;
  });
}

