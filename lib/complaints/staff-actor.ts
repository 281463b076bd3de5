import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Actor } from './transitions';

export type StaffActor = Extract<Actor, { type: 'staff' }>;

/** The officer acting, by id; a missing or deactivated account may not act. */
export async function staffActor(db: Db, userId: string): Promise<StaffActor> {
  const [u] = await db.select({ id: users.id, name: users.name, active: users.active }).from(users).where(eq(users.id, userId));
  if (!u || !u.active) throw new AppError('forbidden', 403);
  return { type: 'staff', userId: u.id, name: u.name };
}

/** The audit row for an officer's action on one complaint. */
export function auditStaffAction(
  tx: Tx,
  actor: StaffActor,
  action: string,
  number: string,
  ip?: string | null,
  detail?: Record<string, unknown>,
) {
  return audit(tx, { actorType: 'staff', actorId: actor.userId, action, targetType: 'complaint', targetId: number, ip: ip ?? null, detail });
}
