import type { ComplaintStatus } from '@/lib/db/schema';

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

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: ComplaintStatus,
    readonly to: ComplaintStatus,
  ) {
    super(`illegal status change ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canMove(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return moves[from].includes(to);
}

export function assertMove(from: ComplaintStatus, to: ComplaintStatus): void {
  if (!canMove(from, to)) throw new IllegalTransitionError(from, to);
}

export function allowedMoves(from: ComplaintStatus): readonly ComplaintStatus[] {
  return moves[from];
}

export const isOpen = (s: ComplaintStatus) => s !== 'ditutup';

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
