import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { clearSignInFailures, signInHeldUntilSql } from '@/lib/auth/sign-in';
import { nextSessionVersion } from '@/lib/auth/session-version';
import { staffAccountColumns, type StaffRole } from './users';

// Officers and roles, as admins manage them (inviting one: lib/staff/accounts.ts). Every change is audited; a role change or a
// deactivation ends the account's sessions at once (session_version).

export async function listStaff(db: Db) {
  return db
    .select({
      ...staffAccountColumns,
      totp: sql<boolean>`${users.totpSecret} is not null`,
      // Held from some address after repeated failed sign-ins (lib/auth/sign-in.ts).
      lockedUntil: signInHeldUntilSql(users.email),
      lastLoginAt: users.lastLoginAt,
      awayUntil: users.awayUntil,
      // Invited and not yet through the set-password link (lib/staff/accounts.ts).
      invited: sql<boolean>`${users.passwordHash} is null`,
    })
    .from(users)
    .orderBy(asc(users.name));
}

export async function updateStaff(
  db: Db,
  actor: { userId: string; ip?: string | null },
  input: { userId: string; role?: StaffRole; active?: boolean; unlock?: boolean },
) {
  // An admin cannot lock themselves out of administration.
  if (input.userId === actor.userId && (input.active === false || (input.role && input.role !== 'pentadbir'))) {
    throw new AppError('forbidden', 403);
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!before) throw new AppError('not_found', 404);
    if (before.role === 'pentadbir' && (input.active === false || (input.role && input.role !== 'pentadbir'))) {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, 'pentadbir'), eq(users.active, true), ne(users.id, input.userId)));
      if (n === 0) throw new AppError('last_admin');
    }
    const endsSessions = (input.role && input.role !== before.role) || input.active === false;
    await tx
      .update(users)
      .set({
        ...(input.role ? { role: input.role } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
        ...(endsSessions ? { sessionVersion: nextSessionVersion() } : {}),
      })
      .where(eq(users.id, input.userId));
    if (input.unlock) {
      const [{ email }] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
      await clearSignInFailures(tx, email);
    }
    await audit(tx, {
      actorType: 'staff',
      actorId: actor.userId,
      action: 'staff.updated',
      targetType: 'user',
      targetId: input.userId,
      ip: actor.ip,
      detail: { from: before, role: input.role, active: input.active, unlock: input.unlock },
    });
  });
}
