import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { categories, ptj, users } from '@/lib/db/schema';

// What the report's filter form offers: every category (old ones still have complaints), the PTJ
// list, and the staff who can hold complaints.
export async function reportChoices(db: Db) {
  const [cats, ptjs, staff] = await Promise.all([
    db.select({ id: categories.id, nameMs: categories.nameMs, nameEn: categories.nameEn }).from(categories).orderBy(asc(categories.sortOrder), asc(categories.id)),
    db.select({ id: ptj.id, code: ptj.code, name: ptj.name }).from(ptj).where(eq(ptj.active, true)).orderBy(asc(ptj.code)),
    db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.role, ['pegawai', 'penyelia', 'pentadbir'])).orderBy(asc(users.name)),
  ]);
  return { categories: cats, ptj: ptjs, officers: staff };
}
