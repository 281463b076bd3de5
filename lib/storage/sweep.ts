import { inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { attachments } from '@/lib/db/schema';
import { deleteObjects, listObjects } from '@/lib/storage';

// Stray objects (docs/SECURITY.md): a crash between storing an attachment and committing its row,
// or a store that was down when a failed submission tried to remove what it had stored, leaves an
// object no attachment row names. The hourly sweep (lib/jobs: QUEUE_STORAGE_SWEEP) removes every
// attachment object older than an hour that no row names; younger ones may belong to a submission
// still in progress. Only `aduan/` keys are attachments (the agency logo lives elsewhere).

export const STRAY_AFTER_MS = 60 * 60 * 1000;

export async function sweepStrayObjects(
  db: Db,
  opts: { now?: Date; prefix?: string } = {},
): Promise<{ checked: number; removed: number }> {
  const cutoff = (opts.now ?? new Date()).getTime() - STRAY_AFTER_MS;
  let checked = 0;
  let removed = 0;
  for await (const page of listObjects(opts.prefix ?? 'aduan/')) {
    const old = page.filter((o) => o.lastModified.getTime() < cutoff);
    checked += page.length;
    if (old.length === 0) continue;
    const named = new Set(
      (await db.select({ key: attachments.objectKey }).from(attachments).where(inArray(attachments.objectKey, old.map((o) => o.key)))).map((r) => r.key),
    );
    const stray = old.filter((o) => !named.has(o.key)).map((o) => o.key);
    if (stray.length > 0) await deleteObjects(stray);
    removed += stray.length;
  }
  return { checked, removed };
}
