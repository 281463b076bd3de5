import { can, type Permission } from '@/lib/auth/permissions';
import type { ComplaintStatus } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { StaffRole } from '@/lib/staff/users';

// The statuses and their allowed moves (docs/PRODUCT.md), in one place. Every path that changes a
// complaint's status (public feedback and closing, the console, scheduled jobs) goes through here.

export const STATUSES: readonly ComplaintStatus[] = ['baru', 'dalam_tindakan', 'menunggu_pengadu', 'selesai', 'ditutup'];

const moves: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  baru: ['dalam_tindakan', 'menunggu_pengadu', 'selesai', 'ditutup'],
  dalam_tindakan: ['menunggu_pengadu', 'selesai', 'ditutup'],
  menunggu_pengadu: ['dalam_tindakan', 'selesai', 'ditutup'],
  selesai: ['dalam_tindakan', 'ditutup'],
  ditutup: [],
};

/** A move the rules above forbid: answered 409 like any AppError, and still says which move. */
export class IllegalTransitionError extends AppError {
  constructor(
    readonly from: ComplaintStatus,
    readonly to: ComplaintStatus,
  ) {
    super('illegal_transition', 409);
    this.name = 'IllegalTransitionError';
  }
}

/**
 * `appeal`: the one move outside the table, an appeal (rayuan) sending a resolved or closed
 * complaint back to the officers (see `appealOpens`).
 */
export function canMove(from: ComplaintStatus, to: ComplaintStatus, opts: { appeal?: boolean } = {}): boolean {
  if (opts.appeal) return APPEAL_FROM.includes(from) && to === APPEAL_TO;
  return moves[from].includes(to);
}

export function assertMove(from: ComplaintStatus, to: ComplaintStatus, opts: { appeal?: boolean } = {}): void {
  if (!canMove(from, to, opts)) throw new IllegalTransitionError(from, to);
}

export function allowedMoves(from: ComplaintStatus): readonly ComplaintStatus[] {
  return moves[from];
}

export const isClosed = (s: ComplaintStatus) => s === 'ditutup';
export const isOpen = (s: ComplaintStatus) => !isClosed(s);
/** For queries: `inArray(complaints.status, OPEN_STATUSES)`. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = STATUSES.filter(isOpen);
/** Resolved: the officers are done and the complainant is asked to close it. */
export const isResolved = (s: ComplaintStatus) => s === 'selesai';

/** A knowledge-base article may be written from a complaint the officers are done with (lib/kb/articles.ts). */
export const isArticleSource = (s: ComplaintStatus) => s === 'selesai' || s === 'ditutup';

/**
 * The service clock (lib/sla/clock.ts) runs while officers hold the complaint. It pauses while the
 * complaint waits for the complainant or sits resolved, resumes when it comes back to the
 * officers (feedback, reopening), and stops at closing.
 */
export const clockRuns = (s: ComplaintStatus) => s === 'baru' || s === 'dalam_tindakan';

/** What a status move does to the service clock. */
export function clockEffect(from: ComplaintStatus, to: ComplaintStatus): 'pause' | 'resume' | 'stop' | null {
  if (isClosed(to)) return 'stop';
  if (clockRuns(from) && !clockRuns(to)) return 'pause';
  if (!clockRuns(from) && clockRuns(to)) return 'resume';
  return null;
}

/**
 * Where an officer's public reply takes a complaint: the status the officer chose, if the move is
 * legal; otherwise answering a new complaint puts it in progress. `undefined` means it stays.
 */
export function statusAfterPublicReply(current: ComplaintStatus, chosen?: ComplaintStatus): ComplaintStatus | undefined {
  const to = chosen ?? (current === 'baru' ? 'dalam_tindakan' : undefined);
  return to && to !== current && canMove(current, to) ? to : undefined;
}

/**
 * Where complainant feedback takes a complaint: feedback on a resolved complaint reopens it, and
 * feedback while we wait for the complainant hands it back to the officer. Otherwise it stays.
 */
export function statusAfterFeedback(current: ComplaintStatus): ComplaintStatus {
  if (current === 'ditutup') throw new IllegalTransitionError(current, current);
  return current === 'selesai' || current === 'menunggu_pengadu' ? 'dalam_tindakan' : current;
}

/** Closing by an officer needs a reason; closing by the complainant or the system does not. */
export function closingNeedsReason(actor: 'complainant' | 'staff' | 'system'): boolean {
  return actor === 'staff';
}

/** Who looks at a complaint: a signed-in officer (with their role), or its complainant. */
export type Viewer = { kind: 'staff'; userId: string; role: StaffRole } | { kind: 'complainant' };

export type Capabilities = {
  /** Public replies and internal notes. */
  reply: boolean;
  /** Take it for oneself (not already one's own). */
  take: boolean;
  /** Assign or reassign it to someone. */
  assign: boolean;
  /** Status moves this viewer may make from here (officers only). */
  moves: readonly ComplaintStatus[];
  /** Tags (open or closed: tags are for finding complaints later). */
  tag: boolean;
  /** Link it to a parent (not already linked). */
  link: boolean;
  /** Merge it into another complaint. */
  merge: boolean;
  /** Close it. */
  close: boolean;
  /** Send feedback on it (the complainant). */
  feedback: boolean;
  /** Set its priority (the due times move with it). */
  prioritise: boolean;
  /** Move it to another category (the due times move with it). */
  recategorise: boolean;
  /** Write a knowledge-base article from it (resolved or closed). */
  writeArticle: boolean;
};

/**
 * What a viewer may do with a complaint: the permission table and the status rules together, in
 * one answer. Pages ask this instead of combining a permission check with a status comparison; the
 * services enforce the same rules again when the action arrives.
 */
export function capabilities(
  viewer: Viewer,
  complaint: { status: ComplaintStatus; assignedTo?: string | null; parentId?: string | null },
): Capabilities {
  const open = isOpen(complaint.status);
  if (viewer.kind === 'complainant') {
    return {
      reply: false,
      take: false,
      assign: false,
      moves: [],
      tag: false,
      link: false,
      merge: false,
      close: open,
      feedback: open,
      prioritise: false,
      recategorise: false,
      writeArticle: false,
    };
  }
  const may = (p: Permission) => can(viewer.role, p);
  const reply = open && may('complaint.reply');
  const moves = reply ? allowedMoves(complaint.status) : [];
  return {
    reply,
    take: reply && complaint.assignedTo !== viewer.userId,
    assign: open && may('complaint.assign'),
    moves,
    tag: may('complaint.link'),
    link: open && may('complaint.link') && !complaint.parentId,
    merge: open && may('complaint.link'),
    close: moves.includes('ditutup'),
    feedback: false,
    // Priority and category set the service targets: officers who work it may change them while it is open.
    prioritise: reply,
    recategorise: reply,
    writeArticle: may('kb.draft') && isArticleSource(complaint.status),
  };
}

// --- Satisfaction and the appeal (rayuan), lib/complaints/satisfaction.ts

/** Where an appeal may start, and where it takes the complaint: back to the officers. */
export const APPEAL_FROM: readonly ComplaintStatus[] = ['selesai', 'ditutup'];
export const APPEAL_TO: ComplaintStatus = 'dalam_tindakan';

/**
 * The satisfaction round a verdict belongs to: 1 until the appeal, 2 after it. Satisfaction is
 * recorded once per round (the closing form or the emailed link, whichever comes first).
 */
export const satisfactionRound = (c: { appealOpenedAt: Date | null }): 1 | 2 => (c.appealOpenedAt ? 2 : 1);

/** How a closed complaint was closed, read from its closing event (lib/complaints/satisfaction.ts). */
export type ClosingFacts = {
  by: 'complainant' | 'staff' | 'system';
  /** A merge closed it as a duplicate of the complaint that carries on. */
  duplicate: boolean;
  /** Closed by the schedule: after being resolved, or unanswered after a reminder. */
  automatic: 'resolved' | 'unanswered' | null;
};

/**
 * Whether "Tidak puas hati" opens an appeal: only on work an officer finished, and once per
 * complaint. An officer finished it when it is *selesai* (only officers resolve), or *ditutup* by
 * an officer (not a merge's closing of a duplicate: that one carries on elsewhere) or by the
 * schedule after it sat resolved. A complainant's own closing, a merge, and the schedule's closing
 * of a complaint nobody answered are the complainant's or nobody's verdict on the officers' work:
 * the verdict is recorded, no appeal. "Puas hati" never opens one.
 */
export function appealOpens(c: { status: ComplaintStatus; appealOpenedAt: Date | null }, satisfied: boolean, closing: ClosingFacts | null): boolean {
  if (satisfied || c.appealOpenedAt) return false;
  if (c.status === 'selesai') return true;
  if (c.status !== 'ditutup' || !closing || closing.duplicate) return false;
  return closing.by === 'staff' || (closing.by === 'system' && closing.automatic === 'resolved');
}
