import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { nameProblem, tidyName, type ListErrorCode } from '@/lib/lists/input';

// The name the public reads. One rule: `users.name` IS an officer's display name: what replies,
// notes and status changes are signed with (each history event copies it when written, so history
// stays as written and new events carry a new name), what colleagues see in the console and in
// emails. Each officer sets their own on /konsol/akaun; the first admin's comes from ADMIN_NAME.

export const DISPLAY_NAME_MAX = 80;
export const DISPLAY_NAME_MIN = 3;

type Actor = { userId: string; ip?: string | null };

export type DisplayNameResult = { ok: true; name: string } | { ok: false; reason: ListErrorCode | 'name_too_short' };

/** Checks and stores the officer's own display name; audited with the old and new name. */
export async function setDisplayName(db: Db, actor: Actor, raw: string): Promise<DisplayNameResult> {
  const name = tidyName(raw);
  const problem = nameProblem(name, DISPLAY_NAME_MAX);
  if (problem) return { ok: false, reason: problem };
  if (name.length < DISPLAY_NAME_MIN) return { ok: false, reason: 'name_too_short' };
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).for('update');
    if (!before) return { ok: false, reason: 'not_found' } as const;
    if (before.name === name) return { ok: true, name } as const;
    await tx.update(users).set({ name }).where(eq(users.id, actor.userId));
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'staff.renamed', targetType: 'user', targetId: actor.userId, ip: actor.ip ?? null, detail: { from: before.name, to: name } });
    return { ok: true, name } as const;
  });
}
