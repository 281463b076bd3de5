import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db';
import { categoryOfficers, complaintColumns, complaints, slaNotices, users, type Complaint } from '@/lib/db/schema';

// What the service-level runs share: the "once per breach" claim, who is told, and the system as
// the author of what the schedule does.

export type NoticeKind = 'nearly_late' | 'breached' | 'first_response_late' | 'reminder';

/**
 * Claims one notice for a complaint: a row (complaint, kind, due time) in `sla_notices`, the due
 * time read from the complaint's own column (`dueColumn`) so it is the stored instant to the
 * microsecond. True only for the caller whose insert made the row: another worker, or an earlier
 * run, that claimed the same due time makes this one do nothing. A due time that moved (priority,
 * pause and resume) is a new row, so a new notice. `at` is the run's instant.
 */
export async function claimNotice(tx: Tx, complaintId: string, kind: NoticeKind, dueColumn: SQL, at: Date): Promise<boolean> {
  const rows = await tx.execute<{ kind: string }>(sql`
    insert into ${slaNotices} (complaint_id, kind, due_at, sent_at)
    select ${complaints.id}, ${kind}, ${dueColumn}, ${at.toISOString()}::timestamptz from ${complaints}
    where ${complaints.id} = ${complaintId} and ${dueColumn} is not null
    on conflict do nothing
    returning kind`);
  return rows.length === 1;
}

/** Reads a complaint by id and locks its row for the rest of the transaction. */
export async function lockComplaintById(tx: Tx, id: string): Promise<Complaint | undefined> {
  const [c] = await tx.select(complaintColumns).from(complaints).where(eq(complaints.id, id)).for('update');
  return c;
}

const active = eq(users.active, true);

/** Active staff of the given roles, by id. */
export async function staffWithRoles(db: Db | Tx, roles: ('penyelia' | 'pentadbir')[]): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(and(inArray(users.role, roles), active)).orderBy(users.id);
  return rows.map((r) => r.id);
}

/** Supervisors (penyelia); while there are none, the admins, so a breach never goes unheard. */
export async function supervisorIds(db: Db | Tx): Promise<string[]> {
  const penyelia = await staffWithRoles(db, ['penyelia']);
  return penyelia.length > 0 ? penyelia : staffWithRoles(db, ['pentadbir']);
}

/** Who looks after a complaint: its officer; while unassigned, the category's officers; failing those, the supervisors. */
export async function officerIds(db: Db | Tx, c: Pick<Complaint, 'assignedTo' | 'categoryId'>): Promise<string[]> {
  if (c.assignedTo) {
    const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.id, c.assignedTo), active));
    if (rows.length > 0) return [rows[0].id];
  }
  const byCategory = await db
    .select({ id: users.id })
    .from(categoryOfficers)
    .innerJoin(users, eq(users.id, categoryOfficers.userId))
    .where(and(eq(categoryOfficers.categoryId, c.categoryId), active))
    .orderBy(users.id);
  if (byCategory.length > 0) return byCategory.map((r) => r.id);
  return supervisorIds(db);
}
