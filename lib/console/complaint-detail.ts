import 'server-only';
import { and, asc, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { agingDays } from '@/lib/calendar/aging';
import { complainantColumns, complainantView } from '@/lib/complaints/complainant-view';
import type { Db } from '@/lib/db';
import {
  attachments,
  auditLog,
  categories,
  complaintEventColumns,
  complaintEvents,
  complaints,
  complaintTags,
  ptj,
  tags,
  users,
  type ComplaintEvent,
  type HistoryEventFields,
} from '@/lib/db/schema';
import { serviceClock } from '@/lib/sla/clock';
import { loadClockContext } from '@/lib/sla/context';

// A complaint as an officer sees it: everything, internal notes included. The complainant's
// personal data is decrypted only here, and every such view is written to the audit log.

export type ConsoleEvent = HistoryEventFields & {
  type: ComplaintEvent['type'];
  internal: boolean;
  attachments: { id: string; fileName: string; contentType: string; internal: boolean }[];
};

export async function getConsoleComplaint(db: Db, number: string, viewer: { userId: string; ip?: string | null; canSeePii: boolean }) {
  const [c] = await db
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      title: complaints.title,
      description: complaints.description,
      complainant: complainantColumns,
      categoryId: complaints.categoryId,
      categoryMs: categories.nameMs,
      categoryEn: categories.nameEn,
      assignedTo: complaints.assignedTo,
      assignedToName: users.name,
      parentId: complaints.parentId,
      mergedIntoId: complaints.mergedIntoId,
      createdAt: complaints.createdAt,
      updatedAt: complaints.updatedAt,
      closedAt: complaints.closedAt,
      priority: complaints.priority,
      firstRespondedAt: complaints.firstRespondedAt,
      clockPausedAt: complaints.clockPausedAt,
      clockPausedMinutes: complaints.clockPausedMinutes,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(ptj, eq(ptj.id, complaints.ptjId))
    .leftJoin(users, eq(users.id, complaints.assignedTo))
    .where(eq(complaints.number, number));
  if (!c) return null;

  const events = await db
    .select(complaintEventColumns)
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, c.id))
    .orderBy(asc(complaintEvents.createdAt), asc(complaintEvents.id));
  const files = await db
    .select({ id: attachments.id, eventId: attachments.eventId, fileName: attachments.fileName, contentType: attachments.contentType, internal: attachments.internal })
    .from(attachments)
    .where(eq(attachments.complaintId, c.id))
    .orderBy(asc(attachments.createdAt));
  const tagRows = await db
    .select({ name: tags.name })
    .from(complaintTags)
    .innerJoin(tags, eq(tags.id, complaintTags.tagId))
    .where(eq(complaintTags.complaintId, c.id));
  const related = async (id: string | null) =>
    id ? (await db.select({ number: complaints.number }).from(complaints).where(eq(complaints.id, id)))[0]?.number ?? null : null;
  const children = await db
    .select({ number: complaints.number, status: complaints.status })
    .from(complaints)
    .where(eq(complaints.parentId, c.id));

  // Who else opened it in the last 10 minutes (the "someone else is on it" warning).
  const others = await db
    .selectDistinct({ name: users.name })
    .from(auditLog)
    .innerJoin(users, sql`${users.id}::text = ${auditLog.actorId}`)
    .where(
      and(
        eq(auditLog.action, 'complaint.view'),
        eq(auditLog.targetId, c.number),
        ne(auditLog.actorId, viewer.userId),
        gt(auditLog.at, sql`now() - interval '10 minutes'`),
      ),
    )
    .orderBy(desc(users.name));

  await audit(db, {
    actorType: 'staff',
    actorId: viewer.userId,
    action: 'complaint.view',
    targetType: 'complaint',
    targetId: c.number,
    ip: viewer.ip ?? null,
    detail: viewer.canSeePii ? { pii: ['ic', 'phone', 'email'] } : undefined,
  });

  // The service clock from the complaint's facts, on the calendar and targets as they are now.
  const ctx = await loadClockContext(db);
  const now = new Date();
  const clock = serviceClock(ctx.cal, c, ctx.targets(c.categoryId, c.priority), now, ctx.nearlyPercent, ctx.appealResolutionDays);

  return {
    id: c.id,
    number: c.number,
    status: c.status,
    title: c.title,
    description: c.description,
    // Both names: the page shows the one in the officer's language.
    category: { id: c.categoryId, nameMs: c.categoryMs, nameEn: c.categoryEn },
    // A role without complaint.pii.view sees the masked forms, as the public does.
    complainant: complainantView(c.complainant, { reveal: viewer.canSeePii }),
    assignedTo: c.assignedTo ? { id: c.assignedTo, name: c.assignedToName ?? '' } : null,
    parentNumber: await related(c.parentId),
    mergedIntoNumber: await related(c.mergedIntoId),
    children,
    tags: tagRows.map((t) => t.name),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
    agingDays: agingDays(c.createdAt, c.closedAt, now),
    priority: c.priority,
    service: { clock, firstRespondedAt: c.firstRespondedAt, pausedAt: c.clockPausedAt, now, calendar: ctx.cal },
    otherViewers: others.map((o) => o.name),
    events: events.map<ConsoleEvent>((e) => ({
      id: e.id,
      type: e.type,
      internal: e.internal,
      authorType: e.authorType,
      authorName: e.authorName,
      body: e.body,
      data: e.data,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      createdAt: e.createdAt,
      attachments: files.filter((f) => f.eventId === e.id).map(({ eventId: _e, ...f }) => f),
    })),
  };
}
