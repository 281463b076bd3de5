import { and, desc, eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { complaintEvents, complaints, complaintSatisfaction, type Complaint, type SatisfactionChannel } from '@/lib/db/schema';
import { enqueueEmail } from '@/lib/jobs/boss';
import { limits, spend, type RateLimitedRefusal } from '@/lib/ratelimit/public';
import { restartClockForAppeal } from '@/lib/sla/due';
import { supervisorIds } from '@/lib/sla/notices';
import { getServiceLevelSettings } from '@/lib/sla/settings';
import { verifySatisfactionLink } from './access';
import { APPEAL_TO, appealOpens, satisfactionRound, type ClosingFacts } from './status';
import { lockComplaint, moveStatus } from './transitions';

// Satisfaction and the appeal (rayuan). The complainant's verdict — Puas hati / Tidak puas hati,
// a rating 1–5 and an optional comment — is asked on the closing form (lib/complaints/feedback.ts)
// and through a signed link in the closing email (lib/complaints/access.ts), once per round: round
// 1 until the appeal, round 2 after it. "Tidak puas hati" on work an officer finished opens the
// complaint's one appeal (the rule: `appealOpens` in status.ts): back to dalam tindakan through
// moveStatus, its own service level from the appeal, the supervisors emailed once each, the
// complainant told what happens next.

export const COMMENT_MAX = 2000;

export type Verdict = { satisfied: boolean; rating: number; comment: string | null };

/** Field codes are worded by the `satisfaction.errors` messages. */
export type SatisfactionFieldErrors = Partial<Record<'satisfied' | 'rating' | 'comment', string>>;

/** The verdict's fields as a form sends them (`satisfied` = `puas` | `tidak_puas`), or every bad field. */
export function readVerdict(fields: Record<string, unknown>): { ok: true; value: Verdict } | { ok: false; fieldErrors: SatisfactionFieldErrors } {
  const errors: SatisfactionFieldErrors = {};
  const choice = String(fields.satisfied ?? '');
  const satisfied = choice === 'puas' ? true : choice === 'tidak_puas' ? false : null;
  if (satisfied === null) errors.satisfied = 'choice_required';
  const r = String(fields.rating ?? '').trim();
  const rating = /^[1-5]$/.test(r) ? Number(r) : null;
  if (rating === null) errors.rating = r === '' ? 'rating_required' : 'rating_range';
  const comment = String(fields.comment ?? '').replace(/\r\n?/g, '\n').trim();
  if (comment.length > COMMENT_MAX) errors.comment = 'comment_long';
  else if (/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.test(comment)) errors.comment = 'comment_control';
  if (satisfied === null || rating === null || Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { satisfied, rating, comment: comment || null } };
}

/** How a closed complaint was closed: its latest closing event. */
async function closingFacts(tx: Tx, complaintId: string): Promise<ClosingFacts | null> {
  const [e] = await tx
    .select({ authorType: complaintEvents.authorType, data: complaintEvents.data })
    .from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.type, 'closed')))
    .orderBy(desc(complaintEvents.id))
    .limit(1);
  if (!e) return null;
  return {
    by: e.authorType,
    duplicate: e.data?.kind === 'closed_as_duplicate',
    automatic: e.data?.kind === 'closed_automatically' ? e.data.reason : null,
  };
}

/** Whether this round's verdict is already recorded. */
export async function hasVerdict(db: Db | Tx, complaintId: string, round: number): Promise<boolean> {
  const [row] = await db
    .select({ id: complaintSatisfaction.id })
    .from(complaintSatisfaction)
    .where(and(eq(complaintSatisfaction.complaintId, complaintId), eq(complaintSatisfaction.round, round)));
  return !!row;
}

/**
 * The round a closing email asks about (its signed link), or null when this round's verdict is
 * already in (the complainant gave it on the closing form). Decided when the closing happens.
 */
export async function satisfactionToAsk(tx: Tx, c: Pick<Complaint, 'id' | 'appealOpenedAt'>): Promise<number | null> {
  const round = satisfactionRound(c);
  return (await hasVerdict(tx, c.id, round)) ? null : round;
}

export type VerdictOutcome =
  | { recorded: false }
  /** `appeal`: what the appeal gave (null when none opened: `noAppeal` says why, for a Tidak puas hati). */
  | { recorded: true; appeal: { dueAt: Date; resolutionDays: number } | null; noAppeal: 'used' | 'not_appealable' | null };

/**
 * Records the verdict on a complaint locked by the caller (its own `complainant_feedback` event,
 * the comment as its body), once per round; opens the appeal when the rule says so. Returns
 * `recorded: false`, writing nothing, when this round already has one.
 */
export async function recordVerdict(
  tx: Tx,
  complaint: Complaint,
  verdict: Verdict,
  channel: SatisfactionChannel,
  ip: string | null,
  at: Date = new Date(),
): Promise<VerdictOutcome> {
  const round = satisfactionRound(complaint);
  const [row] = await tx
    .insert(complaintSatisfaction)
    .values({ complaintId: complaint.id, round, satisfied: verdict.satisfied, rating: verdict.rating, comment: verdict.comment, channel, createdAt: at })
    .onConflictDoNothing()
    .returning({ id: complaintSatisfaction.id });
  if (!row) return { recorded: false };
  await tx.insert(complaintEvents).values({
    complaintId: complaint.id,
    type: 'complainant_feedback',
    body: verdict.comment,
    data: { kind: 'satisfaction_recorded', satisfied: verdict.satisfied, rating: verdict.rating, round, channel },
    authorType: 'complainant',
    authorName: complaint.name,
    // The transaction's time, like the appeal's move that may follow: history reads verdict, then appeal.
  });
  const closing = complaint.status === 'ditutup' ? await closingFacts(tx, complaint.id) : null;
  const opens = appealOpens(complaint, verdict.satisfied, closing);
  await audit(tx, {
    actorType: 'complainant',
    action: 'complaint.satisfaction',
    targetType: 'complaint',
    targetId: complaint.number,
    ip,
    detail: { satisfied: verdict.satisfied, rating: verdict.rating, round, channel, appeal: opens },
  });
  if (!opens) {
    const noAppeal = verdict.satisfied ? null : complaint.appealOpenedAt ? 'used' : 'not_appealable';
    return { recorded: true, appeal: null, noAppeal };
  }
  return { recorded: true, appeal: await openAppeal(tx, complaint, ip, at), noAppeal: null };
}

/** The appeal: back to the officers, its own clock, the supervisors and the complainant told (outbox). */
async function openAppeal(tx: Tx, complaint: Complaint, ip: string | null, at: Date): Promise<{ dueAt: Date; resolutionDays: number }> {
  const { appealResolutionDays: resolutionDays } = await getServiceLevelSettings(tx);
  const from = complaint.status;
  const actor = { type: 'complainant' as const, name: complaint.name };
  const { eventId } = await moveStatus(tx, complaint, APPEAL_TO, actor, undefined, { kind: 'appeal_opened', from, resolutionDays }, at);
  await restartClockForAppeal(tx, complaint, at);
  const dueAt = complaint.resolutionDueAt!;
  const recipientIds = await supervisorIds(tx);
  await enqueueEmail(tx, { kind: 'appeal-opened-staff', eventId, recipientIds, dueAt: dueAt.toISOString() });
  await enqueueEmail(tx, { kind: 'appeal-opened', eventId, resolutionDays, dueAt: dueAt.toISOString() });
  await audit(tx, {
    actorType: 'complainant',
    action: 'complaint.appeal_opened',
    targetType: 'complaint',
    targetId: complaint.number,
    ip,
    detail: { from, resolutionDays, dueAt: dueAt.toISOString(), supervisors: recipientIds.length },
  });
  return { dueAt, resolutionDays };
}

// --- the signed link in the closing email: /aduan/[no]/kepuasan?t=…

export type LinkState =
  | { ok: true; complaint: { number: string; title: string }; round: number }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** What the link page shows: the form, or why the link is refused (opening it spends nothing). */
export async function satisfactionLinkState(db: Db, number: string, token: string | undefined, now: Date = new Date()): Promise<LinkState> {
  const v = verifySatisfactionLink(number, token, now);
  if (!v.ok) return v;
  const [c] = await db
    .select({ id: complaints.id, number: complaints.number, title: complaints.title, appealOpenedAt: complaints.appealOpenedAt })
    .from(complaints)
    .where(eq(complaints.number, number));
  if (!c) return { ok: false, reason: 'invalid' };
  if (v.round !== satisfactionRound(c) || (await hasVerdict(db, c.id, v.round))) return { ok: false, reason: 'used' };
  return { ok: true, complaint: { number: c.number, title: c.title }, round: v.round };
}

export type LinkResult =
  | { ok: true; satisfied: boolean; appeal: { dueAt: Date; resolutionDays: number } | null; noAppeal: 'used' | 'not_appealable' | null }
  | { ok: false; reason: 'invalid_link' | 'expired' | 'used' }
  | { ok: false; reason: 'invalid'; fieldErrors: SatisfactionFieldErrors }
  | RateLimitedRefusal;

/**
 * The link page's form. The signed link is the authority (only the complainant's mailbox has it);
 * every request counts towards the address's flood ceiling. Works once per round, then refuses.
 */
export async function submitSatisfactionLink(
  db: Db,
  input: { number: string; token: string; fields: Record<string, unknown>; ip: string },
  now: Date = new Date(),
): Promise<LinkResult> {
  const flood = await spend(db, limits.requestsByAddress(input.ip));
  if (flood) return flood;
  const v = verifySatisfactionLink(input.number, input.token, now);
  if (!v.ok) return { ok: false, reason: v.reason === 'expired' ? 'expired' : 'invalid_link' };
  const read = readVerdict(input.fields);
  if (!read.ok) return { ok: false, reason: 'invalid', fieldErrors: read.fieldErrors };
  return db.transaction(async (tx) => {
    let complaint: Complaint;
    try {
      complaint = await lockComplaint(tx, input.number);
    } catch {
      return { ok: false as const, reason: 'invalid_link' as const };
    }
    if (v.round !== satisfactionRound(complaint)) return { ok: false as const, reason: 'used' as const };
    const r = await recordVerdict(tx, complaint, read.value, 'email', input.ip, now);
    if (!r.recorded) return { ok: false as const, reason: 'used' as const };
    return { ok: true as const, satisfied: read.value.satisfied, appeal: r.appeal, noAppeal: r.noAppeal };
  });
}
