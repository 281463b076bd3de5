import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Db } from './index';
import { seedHolidays } from '@/lib/calendar/holidays';
import { seedCannedResponses } from '@/lib/console/canned';
import { cannedResponses, categories, ptj, settings, users } from './schema';
import { defaultAgencySettings } from '@/lib/settings/agency';
import { checkPassword, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';

// iSPEKS modules as complaint categories (editable by admins later).
const seedCategories = [
  ['perolehan', 'Perolehan', 'Procurement'],
  ['pembayaran', 'Pembayaran', 'Payments'],
  ['terimaan', 'Terimaan', 'Receipts'],
  ['lejar-am', 'Lejar Am', 'General Ledger'],
  ['aset-inventori', 'Aset & Inventori', 'Assets & Inventory'],
  ['kod-barang-akaun', 'Kod Barang / Kod Akaun', 'Item / Account Codes'],
  ['akses-pengguna', 'Akses Pengguna', 'User Access'],
  ['laporan', 'Laporan', 'Reports'],
  ['lain-lain', 'Lain-lain', 'Others'],
] as const;

// A sample of Kelantan state responsibility centres (PTJ); admins maintain the real list.
const seedPtj = [
  ['PKN01', 'Perbendaharaan Negeri Kelantan'],
  ['SUK01', 'Pejabat Setiausaha Kerajaan Negeri Kelantan'],
  ['PTG01', 'Pejabat Tanah dan Galian Negeri Kelantan'],
  ['JKR01', 'Jabatan Kerja Raya Negeri Kelantan'],
  ['JPS01', 'Jabatan Pengairan dan Saliran Negeri Kelantan'],
  ['JHN01', 'Jabatan Perhutanan Negeri Kelantan'],
  ['JPN01', 'Jabatan Pertanian Negeri Kelantan'],
  ['JPV01', 'Jabatan Perkhidmatan Veterinar Negeri Kelantan'],
  ['JAH01', 'Jabatan Hal Ehwal Agama Islam Kelantan'],
  ['PTJKB', 'Pejabat Tanah dan Jajahan Kota Bharu'],
  ['PTJPM', 'Pejabat Tanah dan Jajahan Pasir Mas'],
  ['PTJTP', 'Pejabat Tanah dan Jajahan Tumpat'],
  ['PTJBC', 'Pejabat Tanah dan Jajahan Bachok'],
  ['PTJPP', 'Pejabat Tanah dan Jajahan Pasir Puteh'],
  ['PTJMC', 'Pejabat Tanah dan Jajahan Machang'],
  ['PTJTM', 'Pejabat Tanah dan Jajahan Tanah Merah'],
  ['PTJKK', 'Pejabat Tanah dan Jajahan Kuala Krai'],
  ['PTJGM', 'Pejabat Tanah dan Jajahan Gua Musang'],
  ['PTJJL', 'Pejabat Tanah dan Jajahan Jeli'],
  ['PTJLK', 'Pejabat Jajahan Kecil Lojing'],
] as const;

/** A weak ADMIN_PASSWORD stops the start with this error (the policy of lib/auth/password-policy.ts). */
export class WeakAdminPasswordError extends Error {
  constructor(readonly reason: string) {
    const why = {
      password_short: `shorter than ${PASSWORD_MIN_LENGTH} characters`,
      password_long: 'longer than 128 characters',
      password_common: 'one of the most common passwords',
      password_personal: 'contains the admin email',
    }[reason];
    super(`ADMIN_PASSWORD is refused by the password policy: ${why}. Choose a longer passphrase, or leave ADMIN_PASSWORD empty and a strong one is generated and printed once.`);
    this.name = 'WeakAdminPasswordError';
  }
}

/** The first admin's display name when ADMIN_NAME is not set (lib/env.ts has the same default). */
export const DEFAULT_ADMIN_NAME = 'Pentadbir Sistem';

/**
 * Idempotent seed: categories, PTJ, agency settings, the public holidays of years with none on
 * record (lib/calendar/holiday-seed.ts, unconfirmed) and the first admin, named by ADMIN_NAME (their
 * display name on replies; lib/staff/display-name.ts). Returns the generated admin password when
 * it had to make one, so the caller can print it exactly once.
 */
export async function seed(
  db: Db,
  admin: { name?: string; email: string; password?: string },
): Promise<{ generatedAdminPassword?: string }> {
  await db
    .insert(categories)
    .values(seedCategories.map(([slug, nameMs, nameEn], i) => ({ slug, nameMs, nameEn, sortOrder: i })))
    .onConflictDoNothing();
  await db
    .insert(ptj)
    .values(seedPtj.map(([code, name]) => ({ code, name })))
    .onConflictDoNothing();
  await db.insert(settings).values({ key: 'agency', value: defaultAgencySettings }).onConflictDoNothing();
  if ((await db.select({ id: cannedResponses.id }).from(cannedResponses).limit(1)).length === 0) {
    await db.insert(cannedResponses).values(seedCannedResponses);
  }
  await seedHolidays(db);

  const existing = await db.select({ id: users.id }).from(users).where(eq(users.role, 'pentadbir')).limit(1);
  if (existing.length > 0) return {};
  // The same policy as every other password; only checked when it is about to be used.
  if (admin.password !== undefined) {
    const refusal = checkPassword(admin.password, { email: admin.email });
    if (refusal) throw new WeakAdminPasswordError(refusal);
  }
  // 16 base64url characters (96 random bits): passes the policy. The admin must replace it at the
  // first sign-in, as it has been printed to a console log.
  const password = admin.password ?? randomBytes(12).toString('base64url');
  await db
    .insert(users)
    .values({ name: admin.name ?? DEFAULT_ADMIN_NAME, email: admin.email.toLowerCase(), role: 'pentadbir', passwordHash: await hash(password), mustChangePassword: !admin.password })
    .onConflictDoNothing();
  return admin.password ? {} : { generatedAdminPassword: password };
}
