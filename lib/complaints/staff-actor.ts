import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { ComplaintError } from './errors';
import type { Actor } from './transitions';

export type StaffActor = Extract<Actor, { type: 'staff' }>;

/** The officer acting, by id; a missing or deactivated account may not act. */
export async function staffActor(db: Db, userId: string): Promise<StaffActor> {
  const [u] = await db.select({ id: users.id, name: users.name, active: users.active }).from(users).where(eq(users.id, userId));
  if (!u || !u.active) throw new ComplaintError('forbidden', 403);
  return { type: 'staff', userId: u.id, name: u.name };
}
