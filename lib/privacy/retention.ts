import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { monthsBefore } from '@/lib/calendar/days';
import type { Db } from '@/lib/db';
import { attachments, complaints, complaintSatisfaction } from '@/lib/db/schema';
import { log, safeErrorSummary } from '@/lib/log';
import { getAgencySettings } from '@/lib/settings/agency';
import { deleteObjects } from '@/lib/storage';

// PDPA retention: complaints closed (ditutup) more than `retentionMonths` (agency setting) ago lose
// the complainant's personal data. Name, IC (encrypted, hash, last four), phone and email are
// cleared; attachment objects are deleted from the store and their rows removed; the history keeps
// its text, with the complainant's name replaced as author and wherever it appears in bodies, the
// title and the description. All of that happens in the SQL function `anonymise_complaint`
// (drizzle/0016_privacy.sql), the one path the append-only trigger lets change history rows.
// Each complaint is its own transaction with an audit record (counts only, never the values).
// Idempotent: an anonymised complaint is marked (`anonymised_at`) and never picked again.

/** What stands in for the complainant's name: data, the same in every language (a mark, not a word). */
export const ANONYMISED_NAME = '[—]';

/** Name parts too common to remove on their own (patronymic words and honorifics). */
const KEEP_WORDS = new Set(['bin', 'binti', 'bte', 'bt', 'b', 'a/l', 'a/p', 'al', 'ap', 'anak', 'dan']);

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|\-/#=!<>:]/g, '\\$&');

/**
 * A case-insensitive Postgres regular expression (ARE) matching the complainant's name: the whole
 * name, then each part of three or more letters (not bin/binti…) as a whole word. Removing a part
 * that is also an ordinary word errs on the side of privacy.
 */
export function namePattern(name: string): string {
  const whole = name.trim().replace(/\s+/g, ' ');
  const parts = [...new Set(whole.split(' ').filter((p) => p.length >= 3 && !KEEP_WORDS.has(p.toLowerCase())))];
  const alternatives = [whole, ...parts].filter((p) => p.length > 0).map((p) => `\\m${escapeRegex(p).replace(/ /g, '\\s+')}\\M`);
  // Longest first, so the whole name is replaced once rather than part by part.
  alternatives.sort((a, b) => b.length - a.length);
  return alternatives.length > 0 ? alternatives.join('|') : '(?!)';
}

export type RetentionResult = { anonymised: number; events: number; objects: number; failed: number };

/**
 * One run: anonymises every complaint closed before `at` minus the retention months, `batchSize`
 * at a time, until none is left. Several workers may run at once: each complaint is locked in its
 * own transaction and the function refuses one already done.
 */
export async function runRetention(db: Db, at: Date = new Date(), { batchSize = 50 } = {}): Promise<RetentionResult> {
  const { retentionMonths } = await getAgencySettings(db);
  const cutoff = monthsBefore(at, retentionMonths);
  const result: RetentionResult = { anonymised: 0, events: 0, objects: 0, failed: 0 };
  const skip = new Set<string>();
  for (;;) {
    const due = await db
      .select({ id: complaints.id })
      .from(complaints)
      .where(
        and(
          eq(complaints.status, 'ditutup'),
          isNotNull(complaints.closedAt),
          lt(complaints.closedAt, cutoff),
          isNull(complaints.anonymisedAt),
          skip.size > 0 ? sql`${complaints.id} not in (${sql.join([...skip].map((id) => sql`${id}::uuid`), sql`, `)})` : undefined,
        ),
      )
      .orderBy(complaints.closedAt)
      .limit(batchSize);
    if (due.length === 0) break;
    for (const { id } of due) {
      try {
        const r = await anonymiseComplaint(db, id, { retentionMonths });
        if (r) {
          result.anonymised += 1;
          result.events += r.events;
          result.objects += r.objects;
        }
      } catch (e) {
        // Left for the next run; the others go on. The error's name only, never the row.
        skip.add(id);
        result.failed += 1;
        log.error({ err: safeErrorSummary(e), complaintId: id }, 'retention: anonymising failed');
      }
    }
  }
  return result;
}

/**
 * Anonymises one closed complaint. The attachment objects are deleted first: if the database step
 * then fails, the next run deletes them again (deleting a missing object succeeds) and retries.
 * Returns null when the complaint is not closed or already anonymised.
 */
export async function anonymiseComplaint(
  db: Db,
  complaintId: string,
  why: { retentionMonths: number },
): Promise<{ events: number; objects: number } | null> {
  const [row] = await db
    .select({ name: complaints.name, status: complaints.status, anonymisedAt: complaints.anonymisedAt })
    .from(complaints)
    .where(eq(complaints.id, complaintId));
  if (!row || row.status !== 'ditutup' || row.anonymisedAt) return null;
  const files = await db.select({ id: attachments.id, key: attachments.objectKey }).from(attachments).where(eq(attachments.complaintId, complaintId));
  await deleteObjects(files.map((f) => f.key));
  return db.transaction(async (tx) => {
    const [{ events }] = await tx.execute<{ events: number }>(
      sql`select anonymise_complaint(${complaintId}::uuid, ${namePattern(row.name)}, ${ANONYMISED_NAME}) as events`,
    );
    if (events < 0) return null;
    if (files.length > 0) await tx.delete(attachments).where(inArray(attachments.id, files.map((f) => f.id)));
    // A satisfaction comment is free text the complainant typed: it may name them. The verdict and
    // rating stay for the reports.
    await tx.update(complaintSatisfaction).set({ comment: null }).where(eq(complaintSatisfaction.complaintId, complaintId));
    await audit(tx, {
      actorType: 'system',
      action: 'privacy.anonymised',
      targetType: 'complaint',
      targetId: complaintId,
      detail: { retentionMonths: why.retentionMonths, events, objects: files.length },
    });
    return { events, objects: files.length };
  });
}
