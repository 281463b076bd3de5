import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { attachments, auditLog, categories, complaintEventColumns, complaintEvents, complaints, ptj } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { decryptPii, hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { maskEmail, maskIcLast4, maskPhone } from '@/lib/identity/mask';
import { formatMyKad } from '@/lib/identity/mykad';

// PDPA 2010 rights of access and correction (the console's Privasi page, `privacy.manage`,
// admins only). An access request finds every complaint filed with one IC number (by its keyed
// hash) and gathers what the helpdesk holds about it: the complaints with the complainant's
// details in full, their whole history (internal notes included: the admin decides what to hand
// over), the list of attachments (names, types, sizes, hashes; the files stay in the store) and the
// audit entries about those complaints. Every export and correction is audited; the audit detail
// holds masked values and counts only.

export type Actor = { userId: string; ip?: string | null };

export type PersonComplaint = {
  id: string;
  number: string;
  status: string;
  createdAt: Date;
  closedAt: Date | null;
  anonymised: boolean;
  name: string;
  phone: string;
  email: string;
};

export type AccessExport = {
  format: 'helpdesk-ispeks-access-request/1';
  generatedAt: string;
  ic: string;
  complaints: Record<string, unknown>[];
  auditEntries: Record<string, unknown>[];
};

export type AccessResult = { complaints: PersonComplaint[]; export: AccessExport; counts: { complaints: number; events: number; attachments: number; auditEntries: number } };

const icHashOf = (ic: string) => hashPii(ic, piiKeys(getEnv().PII_KEY).mac);

/** The access request for one normalised IC number (12 digits, validated by the caller). Audited. */
export async function accessRequest(db: Db, actor: Actor, ic: string): Promise<AccessResult> {
  const rows = await db
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      name: complaints.name,
      icEncrypted: complaints.icEncrypted,
      phone: complaints.phone,
      email: complaints.email,
      whatsappConsent: complaints.whatsappConsent,
      ptj: ptj.name,
      ptjOther: complaints.ptjOther,
      categoryMs: categories.nameMs,
      title: complaints.title,
      description: complaints.description,
      priority: complaints.priority,
      createdAt: complaints.createdAt,
      updatedAt: complaints.updatedAt,
      closedAt: complaints.closedAt,
      anonymisedAt: complaints.anonymisedAt,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(ptj, eq(ptj.id, complaints.ptjId))
    .where(eq(complaints.icHash, icHashOf(ic)))
    .orderBy(asc(complaints.createdAt));
  const ids = rows.map((r) => r.id);
  const numbers = rows.map((r) => r.number);
  const [events, files, entries] = ids.length
    ? await Promise.all([
        db.select(complaintEventColumns).from(complaintEvents).where(inArray(complaintEvents.complaintId, ids)).orderBy(asc(complaintEvents.id)),
        db.select().from(attachments).where(inArray(attachments.complaintId, ids)).orderBy(asc(attachments.createdAt)),
        db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.targetType, 'complaint'), or(inArray(auditLog.targetId, ids), inArray(auditLog.targetId, numbers))))
          .orderBy(asc(auditLog.id)),
      ])
    : [[], [], []];
  const enc = piiKeys(getEnv().PII_KEY).enc;
  const exported: AccessExport = {
    format: 'helpdesk-ispeks-access-request/1',
    generatedAt: new Date().toISOString(),
    ic: formatMyKad(ic),
    complaints: rows.map(({ icEncrypted, ...r }) => ({
      ...r,
      ic: icEncrypted ? formatMyKad(decryptPii(icEncrypted, enc)) : null,
      events: events
        .filter((e) => e.complaintId === r.id)
        .map((e) => ({
          id: e.id,
          at: e.createdAt,
          type: e.type,
          internal: e.internal,
          author: e.authorType === 'staff' ? e.authorName : e.authorType,
          body: e.body,
          data: e.data,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
        })),
      attachments: files
        .filter((f) => f.complaintId === r.id)
        .map((f) => ({ fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, internal: f.internal, at: f.createdAt })),
    })),
    auditEntries: entries.map((a) => ({ at: a.at, action: a.action, actorType: a.actorType, targetId: a.targetId, detail: a.detail })),
  };
  const counts = { complaints: rows.length, events: events.length, attachments: files.length, auditEntries: entries.length };
  await audit(db, {
    actorType: 'staff',
    actorId: actor.userId,
    action: 'privacy.access_exported',
    ip: actor.ip ?? null,
    detail: { ic: maskIcLast4(ic.slice(-4)), ...counts },
  });
  return {
    complaints: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      anonymised: r.anonymisedAt !== null,
      name: r.name,
      phone: r.phone,
      email: r.email,
    })),
    export: exported,
    counts,
  };
}

/** A name as the audit log keeps it: each word's first letter. `Siti Aminah` → `S*** A***`. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]}***`)
    .join(' ');
}

export type Correction = { name: string; phone: string; email: string };

/**
 * Corrects the complainant's name, phone and email on one complaint (validated by the caller with
 * the public form's rules). Refused for an anonymised complaint (nothing is left to correct).
 * The history keeps the name it was written with (append-only). Audited with masked before/after.
 */
export async function correctComplainant(db: Db, actor: Actor, complaintId: string, next: Correction): Promise<{ changed: string[] }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ number: complaints.number, name: complaints.name, phone: complaints.phone, email: complaints.email, anonymisedAt: complaints.anonymisedAt })
      .from(complaints)
      .where(eq(complaints.id, complaintId))
      .for('update');
    if (!row || row.anonymisedAt) throw new AppError('not_found', 404);
    const changed = (['name', 'phone', 'email'] as const).filter((k) => row[k] !== next[k]);
    if (changed.length === 0) return { changed };
    await tx.update(complaints).set({ name: next.name, phone: next.phone, email: next.email }).where(eq(complaints.id, complaintId));
    const mask = { name: maskName, phone: maskPhone, email: maskEmail };
    await audit(tx, {
      actorType: 'staff',
      actorId: actor.userId,
      action: 'privacy.corrected',
      targetType: 'complaint',
      targetId: row.number,
      ip: actor.ip ?? null,
      detail: { changed: Object.fromEntries(changed.map((k) => [k, { before: mask[k](row[k]), after: mask[k](next[k]) }])) },
    });
    return { changed };
  });
}
