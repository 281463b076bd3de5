import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { log, safeErrorSummary } from '@/lib/log';
import { assignComplaint } from './assignment';
import { changeStatus } from './officer-actions';
import { staffActor } from './staff-actor';
import { addTag, normaliseTag } from './tags';

// One action on many complaints from the console's queue. Each complaint is its own transaction
// through the same service an officer uses one at a time, so every rule, event, audit entry and
// notice is the same; a refusal on one row is reported and the others still go ahead.

const BULK_MAX = 100;

export type BulkAction =
  | { type: 'assign'; assigneeId: string | null }
  | { type: 'tag'; tag: string }
  | { type: 'status'; to: ComplaintStatus; reason?: string };

export type BulkResult = { number: string; ok: boolean; error?: string };

export async function bulkAction(
  db: Db,
  input: { userId: string; numbers: string[]; action: BulkAction; ip?: string | null },
): Promise<BulkResult[]> {
  const numbers = [...new Set(input.numbers.map((n) => n.trim()).filter(Boolean))];
  if (numbers.length === 0) throw new AppError('required');
  if (numbers.length > BULK_MAX) throw new AppError('bulk_too_many');
  const actor = await staffActor(db, input.userId);
  const { action } = input;
  // A bad tag is the same for every row: refused once, before anything is written.
  if (action.type === 'tag') normaliseTag(action.tag);

  const results: BulkResult[] = [];
  for (const number of numbers) {
    const ref = { userId: actor.userId, number, ip: input.ip };
    try {
      if (action.type === 'assign') await assignComplaint(db, { ...ref, assigneeId: action.assigneeId });
      else if (action.type === 'tag') await addTag(db, { ...ref, tag: action.tag });
      else await changeStatus(db, { ...ref, to: action.to, reason: action.reason });
      results.push({ number, ok: true });
    } catch (e) {
      if (e instanceof AppError) results.push({ number, ok: false, error: e.code });
      else {
        // Rows already done stay done; this one is reported, the rest still run.
        log.error({ err: safeErrorSummary(e), action: action.type }, 'bulk action failed on one complaint');
        results.push({ number, ok: false, error: 'server' });
      }
    }
  }
  await audit(db, {
    actorType: 'staff',
    actorId: actor.userId,
    action: 'complaint.bulk',
    ip: input.ip ?? null,
    detail: { type: action.type, ok: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length },
  });
  return results;
}
