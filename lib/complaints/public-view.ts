import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { agingDays } from '@/lib/calendar/aging';
import type { Db } from '@/lib/db';
import {
  attachments,
  categories,
  complaintEvents,
  complaints,
  ptj,
  type ComplaintStatus,
  type HistoryEventFields,
} from '@/lib/db/schema';
import { clockOfComplaint } from '@/lib/sla/complaint-clock';
import { appealOpens, isResolved } from './status';
import { complainantColumns, complainantView, type ComplainantView } from './complainant-view';

// What public pages may show of a complaint: personal data masked, and nothing internal (internal
// notes, their attachments and assignments are never selected here).

const PUBLIC_EVENT_TYPES = ['submitted', 'public_reply', 'complainant_feedback', 'status_change', 'closed', 'reopened'] as const;

export type PublicAttachment = { id: string; fileName: string; contentType: string; sizeBytes: number };

export type PublicEvent = HistoryEventFields & {
  type: (typeof PUBLIC_EVENT_TYPES)[number];
  attachments: PublicAttachment[];
};

/**
 * The service clock as the complainant sees it: the working day their complaint is in against the
 * charter's target, whether it is paused because the officer waits for them, and whether it is late.
 * Nothing internal (due instants, the first-response target) goes out.
 */
export type PublicClock = { state: 'running' | 'waiting' | 'resolved' | 'closed'; workingDay: number; targetDays: number; late: boolean };

export type PublicComplaint = {
  number: string;
  status: ComplaintStatus;
  createdAt: Date;
  closedAt: Date | null;
  agingDays: number;
  clock: PublicClock;
  category: { ms: string; en: string };
  title: string;
  description: string;
  complainant: ComplainantView;
  attachments: PublicAttachment[];
  history: PublicEvent[];
  /** The appeal (rayuan), when one was opened: when, and by when it is to be resolved. */
  appeal: { openedAt: Date; dueAt: Date | null } | null;
  /** "Tidak puas hati" on the closing form would open the appeal (status.ts `appealOpens`). */
  appealAvailable: boolean;
};

export async function getPublicComplaint(db: Db, number: string, now: Date = new Date()): Promise<PublicComplaint | null> {
  const [c] = await db
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      createdAt: complaints.createdAt,
      closedAt: complaints.closedAt,
      categoryId: complaints.categoryId,
      priority: complaints.priority,
      firstRespondedAt: complaints.firstRespondedAt,
      clockPausedAt: complaints.clockPausedAt,
      clockPausedMinutes: complaints.clockPausedMinutes,
      appealOpenedAt: complaints.appealOpenedAt,
      resolutionDueAt: complaints.resolutionDueAt,
      categoryMs: categories.nameMs,
      categoryEn: categories.nameEn,
      title: complaints.title,
      description: complaints.description,
      complainant: complainantColumns,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(ptj, eq(ptj.id, complaints.ptjId))
    .where(eq(complaints.number, number));
  if (!c) return null;

  const events = await db
    .select({
      id: complaintEvents.id,
      type: complaintEvents.type,
      authorType: complaintEvents.authorType,
      authorName: complaintEvents.authorName,
      body: complaintEvents.body,
      data: complaintEvents.data,
      fromStatus: complaintEvents.fromStatus,
      toStatus: complaintEvents.toStatus,
      createdAt: complaintEvents.createdAt,
    })
    .from(complaintEvents)
    .where(
      and(
        eq(complaintEvents.complaintId, c.id),
        eq(complaintEvents.internal, false),
        inArray(complaintEvents.type, [...PUBLIC_EVENT_TYPES]),
      ),
    )
    .orderBy(asc(complaintEvents.createdAt), asc(complaintEvents.id));

  const files = await db
    .select({
      id: attachments.id,
      eventId: attachments.eventId,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
    })
    .from(attachments)
    .innerJoin(complaintEvents, eq(complaintEvents.id, attachments.eventId))
    .where(
      and(
        eq(attachments.complaintId, c.id),
        eq(attachments.internal, false),
        eq(complaintEvents.internal, false),
        ne(complaintEvents.type, 'internal_note'),
      ),
    )
    .orderBy(asc(attachments.createdAt));
  const filesOf = (eventId: number) =>
    files.filter((f) => f.eventId === eventId).map(({ eventId: _e, ...f }) => f);

  const submitted = events.find((e) => e.type === 'submitted');
  const clock = await clockOfComplaint(db, c, now);
  return {
    number: c.number,
    status: c.status,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    agingDays: agingDays(c.createdAt, c.closedAt, now),
    clock: {
      state: clock.state === 'running' ? 'running' : clock.state === 'stopped' ? 'closed' : isResolved(c.status) ? 'resolved' : 'waiting',
      workingDay: clock.workingDay,
      targetDays: clock.targetDays,
      late: clock.late,
    },
    category: { ms: c.categoryMs, en: c.categoryEn },
    title: c.title,
    description: c.description,
    complainant: complainantView(c.complainant, { reveal: false }),
    attachments: submitted ? filesOf(submitted.id) : [],
    history: events
      .filter((e) => e.type !== 'submitted')
      .map((e) => ({ ...e, type: e.type as PublicEvent['type'], attachments: filesOf(e.id) })),
    appeal: c.appealOpenedAt ? { openedAt: c.appealOpenedAt, dueAt: c.resolutionDueAt } : null,
    appealAvailable: appealOpens(c, false, null),
  };
}
