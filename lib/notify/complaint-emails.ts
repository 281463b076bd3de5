import { and, desc, eq, inArray } from 'drizzle-orm';
import { agingDays } from '@/lib/calendar/aging';
import { complaintLink, satisfactionLink } from '@/lib/complaints/access';
import { eventReason } from '@/lib/complaints/event-text';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import type { Db } from '@/lib/db';
import {
  attachments,
  categories,
  categoryOfficers,
  complaintColumns,
  complaintEventColumns,
  complaintEvents,
  complaints,
  complaintSatisfaction,
  users,
} from '@/lib/db/schema';
import { appUrl, getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import type { EmailJob } from '@/lib/jobs/boss';
import { renderComplaintSubmitted } from '@/lib/mail/templates/complaint-submitted';
import {
  renderComplaintClosed,
  renderFeedbackForOfficer,
  renderLookupLink,
  renderOfficerReply,
  renderStatusChanged,
} from '@/lib/mail/templates/complaint-update';
import { renderAppealForComplainant, renderAppealForStaff } from '@/lib/mail/templates/satisfaction';
import { renderAssignedToOfficer, renderNewComplaintForStaff } from '@/lib/mail/templates/staff-notices';
import { renderDailySummary, renderReminder, renderServiceLevelNotice } from '@/lib/mail/templates/service-levels';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import type { RenderedEmail } from '@/lib/mail/templates/layout';
import type { OutgoingEmail } from '@/lib/mail/transport';
import { getAgencySettings } from '@/lib/settings/agency';
import { formatMyDateTime } from '@/lib/calendar/format';
import { LOOKUP_LINK_TTL_MINUTES } from '@/lib/complaints/lookup';
import { buildTotpResetEmail } from './security-emails';
import { buildStaffPasswordLinkEmail } from './staff-account-emails';
import { buildMonthlyPackEmail } from './report-emails';

// Every email the app sends, built at delivery time from stored rows plus the facts the job carries
// (what the service decided: lib/jobs/boss.ts).
// Internal notes are never loaded here. Idempotency keys name the event and the recipient.

async function agencyOf(db: Db) {
  const a = await getAgencySettings(db);
  return { name: a.name, address: a.address, phone: a.phone, email: a.email, website: a.website };
}

/**
 * An event with the complaint it belongs to. A job for an internal event must never produce an
 * email to the complainant: only staff notices (`staffOnly`) may be about internal events.
 */
async function eventWithComplaint(db: Db, eventId: number, { staffOnly = false } = {}) {
  const [row] = await db
    .select({
      event: complaintEventColumns,
      complaint: complaintColumns,
      category: categories.nameMs,
    })
    .from(complaintEvents)
    .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .where(eq(complaintEvents.id, eventId));
  if (!row || (row.event.internal && !staffOnly)) return null;
  return { event: row.event, complaint: { ...row.complaint, category: row.category } };
}

/** What every complaint email opens with: the agency, the number and the title. */
async function heading(db: Db, complaint: { number: string; title: string }) {
  return { agency: await agencyOf(db), complaintNo: complaint.number, title: complaint.title };
}

async function fileNames(db: Db, eventId: number) {
  const rows = await db
    .select({ fileName: attachments.fileName })
    .from(attachments)
    .where(and(eq(attachments.eventId, eventId), eq(attachments.internal, false)));
  return rows.map((r) => r.fileName);
}

export async function buildEmails(db: Db, job: EmailJob): Promise<OutgoingEmail[]> {
  if (job.kind === 'complaint-submitted') {
    const email = await buildSubmittedEmail(db, job.complaintId);
    return email ? [email] : [];
  }
  if (job.kind === 'lookup-link') return buildLookupLinkEmail(db, job);
  if (job.kind === 'staff-password-link') return buildStaffPasswordLinkEmail(db, job);
  if (job.kind === 'new-complaint-assigned' || job.kind === 'new-complaint-for-category') return buildNewComplaintForStaff(db, job);
  if (job.kind === 'sla-escalation') return buildServiceLevelNotice(db, job);
  if (job.kind === 'sla-daily-summary') return buildDailySummary(db, job);
  if (job.kind === 'totp-reset') return buildTotpResetEmail(db, job);
  if (job.kind === 'report-monthly-pack') return buildMonthlyPackEmail(db, job);

  // Every other email is about one event of one complaint.
  const row = await eventWithComplaint(db, job.eventId, { staffOnly: job.kind === 'complaint-assigned' });
  if (!row) return [];
  const { event, complaint } = row;
  const head = await heading(db, complaint);
  const toComplainant = (r: RenderedEmail): OutgoingEmail[] => [{ to: complaint.email, ...r, idempotencyKey: `${job.kind}/${event.id}` }];
  const consoleUrl = `${appUrl()}/konsol/aduan/${complaint.number}`;

  switch (job.kind) {
    case 'officer-reply':
      return toComplainant(
        await renderOfficerReply({
          ...head,
          officerName: event.authorName,
          repliedAt: formatMyDateTime(event.createdAt),
          body: event.body ?? '',
          status: job.status,
          attachments: await fileNames(db, event.id),
          complaintUrl: complaintLink(complaint.number),
          satisfactionUrl: job.satisfactionRound ? satisfactionLink(complaint.number, job.satisfactionRound) : undefined,
        }),
      );
    case 'status-changed':
      if (!event.toStatus) return [];
      return toComplainant(
        await renderStatusChanged({
          ...head,
          from: event.fromStatus,
          to: event.toStatus,
          changedAt: formatMyDateTime(event.createdAt),
          reason: event.body ?? undefined,
          complaintUrl: complaintLink(complaint.number),
        }),
      );
    case 'complaint-closed':
      return toComplainant(
        await renderComplaintClosed({
          ...head,
          closedAt: formatMyDateTime(event.createdAt),
          closedBy: event.authorType === 'complainant' ? null : event.authorName,
          reason: eventReason(event, 'ms') ?? undefined,
          agingDays: agingDays(complaint.createdAt, complaint.closedAt ?? event.createdAt),
          complaintUrl: complaintLink(complaint.number),
          satisfactionUrl: job.satisfactionRound ? satisfactionLink(complaint.number, job.satisfactionRound) : undefined,
        }),
      );
    case 'appeal-opened':
      if (event.data?.kind !== 'appeal_opened') return [];
      return toComplainant(
        await renderAppealForComplainant({
          ...head,
          openedAt: formatMyDateTime(event.createdAt),
          dueAt: formatMyDateTime(new Date(job.dueAt)),
          resolutionDays: job.resolutionDays,
          complaintUrl: complaintLink(complaint.number),
        }),
      );
    case 'appeal-opened-staff': {
      // The supervisors decided when the appeal opened, those still active; nothing personal.
      if (event.data?.kind !== 'appeal_opened' || job.recipientIds.length === 0) return [];
      const recipients = await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(inArray(users.id, job.recipientIds), eq(users.active, true)));
      const [verdict] = await db
        .select({ rating: complaintSatisfaction.rating })
        .from(complaintSatisfaction)
        .where(eq(complaintSatisfaction.complaintId, complaint.id))
        .orderBy(desc(complaintSatisfaction.round))
        .limit(1);
      const r = await renderAppealForStaff({
        ...head,
        category: complaint.category,
        openedAt: formatMyDateTime(event.createdAt),
        dueAt: formatMyDateTime(new Date(job.dueAt)),
        rating: verdict?.rating ?? null,
        consoleUrl,
      });
      return recipients.map((u) => ({ to: u.email, ...r, idempotencyKey: `appeal-opened-staff/${event.id}/${u.id}` }));
    }
    case 'complaint-reminder':
      // The event's own facts: the reminder's days; the job: whether the email promises a closing.
      if (event.data?.kind !== 'reminder_sent') return [];
      return toComplainant(
        await renderReminder({
          ...head,
          days: event.data.days,
          waitingSince: formatMyDateTime(complaint.clockPausedAt ?? event.createdAt),
          closesAfterDays: job.closesAfterDays,
          complaintUrl: complaintLink(complaint.number),
        }),
      );
    case 'feedback-received': {
      const r = await renderFeedbackForOfficer({
        ...head,
        complainantName: complaint.name,
        receivedAt: formatMyDateTime(event.createdAt),
        body: event.body ?? '',
        closed: job.closed,
        reopened: job.reopened,
        attachments: await fileNames(db, event.id),
        consoleUrl,
      });
      const recipients = await feedbackRecipients(db, complaint.assignedTo, complaint.categoryId);
      return recipients.map((u) => ({ to: u.email, ...r, idempotencyKey: `feedback-received/${event.id}/${u.id}` }));
    }
    case 'complaint-assigned': {
      // Only while it is still theirs and their account is on; nothing personal about the complainant.
      if (event.type !== 'assignment' || complaint.assignedTo !== job.assigneeId) return [];
      const [u] = await db.select({ email: users.email }).from(users).where(and(eq(users.id, job.assigneeId), eq(users.active, true)));
      if (!u) return [];
      const r = await renderAssignedToOfficer({
        ...head,
        category: complaint.category,
        status: complaint.status,
        assignedBy: event.authorName,
        assignedAt: formatMyDateTime(event.createdAt),
        consoleUrl,
      });
      return [{ to: u.email, ...r, idempotencyKey: `complaint-assigned/${event.id}` }];
    }
  }
}

/** A service-level notice to the staff the run chose (those still active), about the due time it named. */
async function buildServiceLevelNotice(db: Db, job: Extract<EmailJob, { kind: 'sla-escalation' }>): Promise<OutgoingEmail[]> {
  const [c] = await db
    .select({ number: complaints.number, title: complaints.title, status: complaints.status, category: categories.nameMs, assignee: users.name })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(users, eq(users.id, complaints.assignedTo))
    .where(eq(complaints.id, job.complaintId));
  if (!c || job.recipientIds.length === 0) return [];
  const recipients = await db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, job.recipientIds), eq(users.active, true)));
  const r = await renderServiceLevelNotice({
    agency: await agencyOf(db),
    notice: job.notice,
    complaintNo: c.number,
    title: c.title,
    category: c.category,
    status: c.status,
    assignee: c.assignee,
    dueAt: formatMyDateTime(new Date(job.dueAt)),
    consoleUrl: `${appUrl()}/konsol/aduan/${c.number}`,
  });
  return recipients.map((u) => ({ to: u.email, ...r, idempotencyKey: `sla-${job.notice}/${job.complaintId}/${job.dueAt}/${u.id}` }));
}

/** One supervisor's daily summary, with the counts the run made. */
async function buildDailySummary(db: Db, job: Extract<EmailJob, { kind: 'sla-daily-summary' }>): Promise<OutgoingEmail[]> {
  const [u] = await db.select({ email: users.email }).from(users).where(and(eq(users.id, job.userId), eq(users.active, true)));
  if (!u) return [];
  const r = await renderDailySummary({ agency: await agencyOf(db), day: formatDisplayDay(job.day), counts: job.counts, consoleUrl: `${appUrl()}/konsol` });
  return [{ to: u.email, ...r, idempotencyKey: `sla-daily-summary/${job.day}/${job.userId}` }];
}

/** The strict-lookup link, to the address on file; the token travels sealed in the job. */
async function buildLookupLinkEmail(db: Db, job: Extract<EmailJob, { kind: 'lookup-link' }>): Promise<OutgoingEmail[]> {
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

/**
 * A new complaint routed at filing (lib/sla/routing.ts): to its assignee, or to each officer the
 * filing decided to tell, once each. Like every staff notice, nothing personal about the
 * complainant; only active accounts are written to.
 */
async function buildNewComplaintForStaff(
  db: Db,
  job: Extract<EmailJob, { kind: 'new-complaint-assigned' | 'new-complaint-for-category' }>,
): Promise<OutgoingEmail[]> {
  const [c] = await db
    .select({ number: complaints.number, title: complaints.title, createdAt: complaints.createdAt, assignedTo: complaints.assignedTo, category: categories.nameMs })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .where(eq(complaints.id, job.complaintId));
  if (!c) return [];
  const assigned = job.kind === 'new-complaint-assigned';
  // The assignee only while it is still theirs (someone may have reassigned it meanwhile).
  if (assigned && c.assignedTo !== job.assigneeId) return [];
  const ids = assigned ? [job.assigneeId] : job.officerIds;
  if (ids.length === 0) return [];
  const recipients = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  const r = await renderNewComplaintForStaff({
    ...(await heading(db, c)),
    category: c.category,
    submittedAt: formatMyDateTime(c.createdAt),
    consoleUrl: `${appUrl()}/konsol/aduan/${c.number}`,
    reason: assigned ? 'assigned' : job.reason,
  });
  return recipients.map((u) => ({ to: u.email, ...r, idempotencyKey: `${job.kind}/${job.complaintId}/${u.id}` }));
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

/**
 * The submission copy: what the complaint's public page shows (one complainant view, masked), with
 * only the submission's own files, since the copy may be built long after officers added others.
 */
async function buildSubmittedEmail(db: Db, complaintId: string): Promise<OutgoingEmail | null> {
  const [row] = await db.select({ number: complaints.number, email: complaints.email }).from(complaints).where(eq(complaints.id, complaintId));
  const c = row && (await getPublicComplaint(db, row.number));
  if (!c) return null;
  const who = c.complainant;
  const agency = await getAgencySettings(db);
  const rendered = await renderComplaintSubmitted({
    agencyName: agency.name,
    agencyAddress: agency.address,
    agencyPhone: agency.phone,
    agencyEmail: agency.email,
    agencyWebsite: agency.website,
    complaintNo: c.number,
    submittedAt: formatMyDateTime(c.createdAt),
    name: who.name,
    icMasked: who.ic,
    ptj: who.ptj,
    phoneMasked: who.phone,
    emailMasked: who.email,
    category: c.category.ms,
    title: c.title,
    description: c.description,
    attachments: c.attachments.map((f) => f.fileName),
    complaintUrl: complaintLink(c.number),
  });
  return { to: row.email, ...rendered, idempotencyKey: `complaint-submitted/${complaintId}` };
}
