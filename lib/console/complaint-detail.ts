import 'server-only';
import { and, asc, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { agingDays } from '@/lib/calendar/aging';
import type { Db } from '@/lib/db';
import {
  attachments,
  auditLog,
  categories,
  complaintEvents,
  complaints,
  complaintTags,
  ptj,
  tags,
  users,
  type ComplaintStatus,
} from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { maskEmail, maskMyKad, maskPhone } from '@/lib/identity/mask';
import { formatMyKad } from '@/lib/identity/mykad';
import { formatMalaysianMobile } from '@/lib/identity/phone';

// A complaint as an officer sees it: everything, internal notes included. The complainant's
// personal data is decrypted only here, and every such view is written to the audit log.

export type ConsoleEvent = {
  id: number;
  type: string;
  internal: boolean;
  authorType: string;
  authorName: string;
  body: string | null;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  createdAt: Date;
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
      name: complaints.name,
      icEncrypted: complaints.icEncrypted,
      icLast4: complaints.icLast4,
      phone: complaints.phone,
      email: complaints.email,
      whatsappConsent: complaints.whatsappConsent,
      ptjName: ptj.name,
      ptjOther: complaints.ptjOther,
      categoryId: complaints.categoryId,
      categoryMs: categories.nameMs,
      assignedTo: complaints.assignedTo,
      assignedToName: users.name,
      parentId: complaints.parentId,
      mergedIntoId: complaints.mergedIntoId,
      createdAt: complaints.createdAt,
      updatedAt: complaints.updatedAt,
      closedAt: complaints.closedAt,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(ptj, eq(ptj.id, complaints.ptjId))
    .leftJoin(users, eq(users.id, complaints.assignedTo))
    .where(eq(complaints.number, number));
  if (!c) return null;

  const events = await db
    .select()
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

  // A role without complaint.pii.view sees the masked forms, as the public does.
  const ic = viewer.canSeePii ? decryptPii(c.icEncrypted, piiKeys(getEnv().PII_KEY).enc) : null;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    title: c.title,
    description: c.description,
    category: { id: c.categoryId, name: c.categoryMs },
    complainant: {
      name: c.name,
      ic: ic ? formatMyKad(ic) : maskMyKad(`00000000${c.icLast4}`),
      phone: viewer.canSeePii ? formatMalaysianMobile(c.phone) : maskPhone(c.phone),
      email: viewer.canSeePii ? c.email : maskEmail(c.email),
      ptj: c.ptjName ?? c.ptjOther ?? '',
      whatsappConsent: c.whatsappConsent,
    },
    assignedTo: c.assignedTo ? { id: c.assignedTo, name: c.assignedToName ?? '' } : null,
    parentNumber: await related(c.parentId),
    mergedIntoNumber: await related(c.mergedIntoId),
    children,
    tags: tagRows.map((t) => t.name),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
    agingDays: agingDays(c.createdAt, c.closedAt),
    otherViewers: others.map((o) => o.name),
    events: events.map<ConsoleEvent>((e) => ({
      id: e.id,
      type: e.type,
      internal: e.internal,
      authorType: e.authorType,
      authorName: e.authorName,
      body: e.body,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      createdAt: e.createdAt,
      attachments: files.filter((f) => f.eventId === e.id).map(({ eventId: _e, ...f }) => f),
    })),
  };
}

export type ConsoleComplaint = NonNullable<Awaited<ReturnType<typeof getConsoleComplaint>>>;
