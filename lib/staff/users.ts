import { hash } from '@node-rs/argon2';
import { asc, eq } from 'drizzle-orm';
import { assertPasswordAllowed } from '@/lib/auth/password-policy';
import type { Db, Tx } from '@/lib/db';
import { users } from '@/lib/db/schema';

export type StaffRole = 'pegawai' | 'penyelia' | 'pentadbir';

/** An account as the console lists it and a session is checked against: never its password hash or TOTP secret. */
export const staffAccountColumns = { id: users.id, name: users.name, email: users.email, role: users.role, active: users.active };

/**
 * Creates a staff account: with a password (argon2id, the password policy checked; tests) or
 * without one (an invitation: the officer sets it from the emailed link, lib/staff/accounts.ts).
 */
export async function createStaffUser(
  db: Db | Tx,
  input: { name: string; email: string; role: StaffRole; password: string | null },
): Promise<{ id: string; name: string; email: string; role: StaffRole }> {
  if (input.password !== null) assertPasswordAllowed(input.password, input);
  const [u] = await db
    .insert(users)
    .values({
      name: input.name.trim(),
      email: input.email.trim().toLowerCase(),
      role: input.role,
      passwordHash: input.password === null ? null : await hash(input.password),
    })
    .returning({ id: users.id, name: users.name, email: users.email, role: users.role });
  return u;
}

/** Active staff for assignee pickers: id and name only. */
export async function listActiveStaff(db: Db): Promise<{ id: string; name: string; role: StaffRole }[]> {
  return db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(eq(users.active, true)).orderBy(asc(users.name));
}
