import { and, eq, inArray } from 'drizzle-orm';
import { agingDays } from '@/lib/calendar/aging';
import { complaintLink } from '@/lib/complaints/access';
import type { Db } from '@/lib/db';
import { attachments, categories, categoryOfficers, complaintEvents, complaints, ptj, users } from '@/lib/db/schema';
import { appUrl, getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { maskEmail, maskMyKad, maskPhone } from '@/lib/identity/mask';
import type { EmailJob } from '@/lib/jobs/boss';
import msMessages from '@/lib/i18n/messages/ms.json';
import { renderComplaintSubmitted } from '@/lib/mail/templates/complaint-submitted';
import {
  renderComplaintClosed,
  renderFeedbackForOfficer,
  renderLookupLink,
  renderOfficerReply,
  renderStatusChanged,
} from '@/lib/mail/templates/complaint-update';
import { renderAssignedToOfficer } from '@/lib/mail/templates/staff-notices';
import type { OutgoingEmail } from '@/lib/mail/transport';
import { getAgencySettings } from '@/lib/settings/agency';
import { formatMyDateTime } from '@/lib/time';
import { LOOKUP_LINK_TTL_MINUTES } from '@/lib/complaints/lookup';

// Every email the app sends, built at delivery time from stored rows (jobs carry only ids).
// Internal notes are never loaded here. Idempotency keys name the event and the recipient.

const statusLabel = (s: keyof typeof msMessages.status) => msMessages.status[s];

async function agencyOf(db: Db) {
  const a = await getAgencySettings(db);
  return { name: a.name, address: a.address, phone: a.phone, email: a.email, website: a.website };
}

async function eventWithComplaint(db: Db, eventId: number) {
  const [row] = await db
    .select({
      event: complaintEvents,
      complaint: {
        id: complaints.id,
        number: complaints.number,
        title: complaints.title,
        email: complaints.email,
        name: complaints.name,
        status: complaints.status,
        createdAt: complaints.createdAt,
        closedAt: complaints.closedAt,
        assignedTo: complaints.assignedTo,
        categoryId: complaints.categoryId,
      },
    })
    .from(complaintEvents)
    .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    .where(eq(complaintEvents.id, eventId));
  // A job for an internal event must never produce an email.
  if (!row || row.event.internal) return null;
  return row;
}

async function fileNames(db: Db, eventId: number) {
  const rows = await db
    .select({ fileName: attachments.fileName })
    .from(attachments)
    .where(and(eq(attachments.eventId, eventId), eq(attachments.internal, false)));
  return rows.map((r) => r.fileName);
}

export async function buildEmails(db: Db, job: EmailJob): Promise<OutgoingEmail[]> {
  switch (job.kind) {
    case 'complaint-submitted': {
      const email = await buildSubmittedEmail(db, job.complaintId);
      return email ? [email] : [];
    }
    case 'officer-reply': {
      const row = await eventWithComplaint(db, job.eventId);
      if (!row) return [];
      const { event, complaint } = row;
      const r = await renderOfficerReply({
        agency: await agencyOf(db),
        complaintNo: complaint.number,
        title: complaint.title,
        officerName: event.authorName,
        repliedAt: formatMyDateTime(event.createdAt),
        body: event.body ?? '',
        statusLabel: statusLabel(complaint.status),
        attachments: await fileNames(db, event.id),
        complaintUrl: complaintLink(complaint.number),
      });
      return [{ to: complaint.email, ...r, idempotencyKey: `officer-reply/${event.id}` }];
    }
    case 'status-changed': {
      const row = await eventWithComplaint(db, job.eventId);
      if (!row || !row.event.toStatus) return [];
      const { event, complaint } = row;
      const r = await renderStatusChanged({
        agency: await agencyOf(db),
        complaintNo: complaint.number,
        title: complaint.title,
        fromLabel: event.fromStatus ? statusLabel(event.fromStatus) : '',
        toLabel: statusLabel(event.toStatus!),
        changedAt: formatMyDateTime(event.createdAt),
        reason: event.body ?? undefined,
        complaintUrl: complaintLink(complaint.number),
      });
      return [{ to: complaint.email, ...r, idempotencyKey: `status-changed/${event.id}` }];
    }
    case 'complaint-closed': {
      const row = await eventWithComplaint(db, job.eventId);
      if (!row) return [];
      const { event, complaint } = row;
      const r = await renderComplaintClosed({
        agency: await agencyOf(db),
        complaintNo: complaint.number,
        title: complaint.title,
        closedAt: formatMyDateTime(event.createdAt),
        closedBy: event.authorType === 'complainant' ? 'Pengadu' : event.authorName,
        reason: event.body ?? undefined,
        agingDays: agingDays(complaint.createdAt, complaint.closedAt ?? event.createdAt),
        complaintUrl: complaintLink(complaint.number),
      });
      return [{ to: complaint.email, ...r, idempotencyKey: `complaint-closed/${event.id}` }];
    }
    case 'feedback-received': {
      const row = await eventWithComplaint(db, job.eventId);
      if (!row) return [];
      const { event, complaint } = row;
      const recipients = await feedbackRecipients(db, complaint.assignedTo, complaint.categoryId);
      const r = await renderFeedbackForOfficer({
        agency: await agencyOf(db),
        complaintNo: complaint.number,
        title: complaint.title,
        complainantName: complaint.name,
        receivedAt: formatMyDateTime(event.createdAt),
        body: event.body ?? '',
        closed: complaint.status === 'ditutup',
        reopened: complaint.status === 'dalam_tindakan',
        attachments: await fileNames(db, event.id),
        consoleUrl: `${appUrl()}/konsol/aduan/${complaint.number}`,
      });
      return recipients.map((u) => ({ to: u.email, ...r, idempotencyKey: `feedback-received/${event.id}/${u.id}` }));
    }
    case 'lookup-link': {
      const [c] = await db.select({ email: complaints.email }).from(complaints).where(eq(complaints.id, job.complaintId));
      if (!c) return [];
      const token = decryptPii(job.sealedToken, piiKeys(getEnv().PII_KEY).enc);
      const r = await renderLookupLink({
        agency: await agencyOf(db),
        linkUrl: `${appUrl()}/semakan/pautan?token=${token}`,
        expiresInMinutes: LOOKUP_LINK_TTL_MINUTES,
        count: job.count ?? 1,
      });
      return [{ to: c.email, ...r, idempotencyKey: `lookup-link/${job.tokenId}` }];
    }
    case 'complaint-assigned':
      return buildAssignedEmail(db, job.eventId, job.assigneeId);
  }
}

/**
 * To the officer a complaint was assigned to: number, title, category and a console link, nothing
 * personal about the complainant. Not sent when it has been reassigned since, or the account is off.
 */
async function buildAssignedEmail(db: Db, eventId: number, assigneeId: string): Promise<OutgoingEmail[]> {
  const [row] = await db
    .select({
      type: complaintEvents.type,
      createdAt: complaintEvents.createdAt,
      authorName: complaintEvents.authorName,
      number: complaints.number,
      title: complaints.title,
      status: complaints.status,
      assignedTo: complaints.assignedTo,
      category: categories.nameMs,
    })
    .from(complaintEvents)
    .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .where(eq(complaintEvents.id, eventId));
  if (!row || row.type !== 'assignment' || row.assignedTo !== assigneeId) return [];
  const [u] = await db.select({ email: users.email }).from(users).where(and(eq(users.id, assigneeId), eq(users.active, true)));
  if (!u) return [];
  const r = await renderAssignedToOfficer({
    agency: await agencyOf(db),
    complaintNo: row.number,
    title: row.title,
    category: row.category,
    statusLabel: statusLabel(row.status),
    assignedBy: row.authorName,
    assignedAt: formatMyDateTime(row.createdAt),
    consoleUrl: `${appUrl()}/konsol/aduan/${row.number}`,
  });
  return [{ to: u.email, ...r, idempotencyKey: `complaint-assigned/${eventId}` }];
}

/** The assigned officer; while unassigned, the category's officers; failing those, the supervisors. */
async function feedbackRecipients(db: Db, assignedTo: string | null, categoryId: number) {
  const active = eq(users.active, true);
  if (assignedTo) {
    const rows = await db.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.id, assignedTo), active));
    if (rows.length > 0) return rows;
  }
  const byCategory = await db
    .select({ id: users.id, email: users.email })
    .from(categoryOfficers)
    .innerJoin(users, eq(users.id, categoryOfficers.userId))
    .where(and(eq(categoryOfficers.categoryId, categoryId), active));
  if (byCategory.length > 0) return byCategory;
  return db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.role, ['penyelia', 'pentadbir']), active));
}

/** The submission copy. */
export async function buildSubmittedEmail(db: Db, complaintId: string): Promise<OutgoingEmail | null> {
  const [c] = await db
    .select({
      number: complaints.number,
      createdAt: complaints.createdAt,
      name: complaints.name,
      icLast4: complaints.icLast4,
      phone: complaints.phone,
      email: complaints.email,
      ptjName: ptj.name,
      ptjOther: complaints.ptjOther,
      category: categories.nameMs,
      title: complaints.title,
      description: complaints.description,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(ptj, eq(ptj.id, complaints.ptjId))
    .where(eq(complaints.id, complaintId));
  if (!c) return null;
  // Only the submission's own files: the copy may be built long after officers added others.
  const files = await db
    .select({ fileName: attachments.fileName })
    .from(attachments)
    .innerJoin(complaintEvents, eq(complaintEvents.id, attachments.eventId))
    .where(and(eq(attachments.complaintId, complaintId), eq(complaintEvents.type, 'submitted'), eq(attachments.internal, false)));
  const agency = await getAgencySettings(db);
  const rendered = await renderComplaintSubmitted({
    agencyName: agency.name,
    agencyAddress: agency.address,
    agencyPhone: agency.phone,
    agencyEmail: agency.email,
    agencyWebsite: agency.website,
    complaintNo: c.number,
    submittedAt: formatMyDateTime(c.createdAt),
    name: c.name,
    icMasked: maskMyKad(`00000000${c.icLast4}`),
    ptj: c.ptjName ?? c.ptjOther ?? '',
    phoneMasked: maskPhone(c.phone),
    emailMasked: maskEmail(c.email),
    category: c.category,
    title: c.title,
    description: c.description,
    attachments: files.map((f) => f.fileName),
    complaintUrl: complaintLink(c.number),
  });
  return { to: c.email, ...rendered, idempotencyKey: `complaint-submitted/${complaintId}` };
}
