import { hash } from '@node-rs/argon2';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';

export type StaffRole = 'pegawai' | 'penyelia' | 'pentadbir';

/** An account as the console lists it and a session is checked against: never its password hash or TOTP secret. */
export const staffAccountColumns = { id: users.id, name: users.name, email: users.email, role: users.role, active: users.active };

/** Creates a staff account (argon2id password hash). The admin pages and the tests use this. */
export async function createStaffUser(
  db: Db,
  input: { name: string; email: string; role: StaffRole; password: string },
): Promise<{ id: string; name: string; email: string; role: StaffRole }> {
  if (input.password.length < 12) throw new Error('password must be at least 12 characters');
  const [u] = await db
    .insert(users)
    .values({ name: input.name.trim(), email: input.email.trim().toLowerCase(), role: input.role, passwordHash: await hash(input.password) })
    .returning({ id: users.id, name: users.name, email: users.email, role: users.role });
  return u;
}

/** Active staff for assignee pickers: id and name only. */
export async function listActiveStaff(db: Db): Promise<{ id: string; name: string; role: StaffRole }[]> {
  return db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(eq(users.active, true)).orderBy(asc(users.name));
}
