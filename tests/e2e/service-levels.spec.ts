import { expect, test } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db';
import { auditLog } from '@/lib/db/schema';
import { defaultServiceLevelSettings, getServiceLevelSettings, saveServiceLevelSettings } from '@/lib/sla/settings';
import { ConsolePages } from './pages/console-pages';
import { noSeriousAxe, shot } from './pages/checks';

// The service-level settings page (admins): a bad number is answered beside its field, in Malay,
// with what was typed kept and nothing saved; good values are saved, audited, and a new
// nearly-late share queues a recompute of open complaints' due times.

test.afterAll(async () => {
  const [{ id }] = await getDb().execute<{ id: string }>(sql`select id from users where email = 'admin@localhost'`);
  await saveServiceLevelSettings(getDb(), { userId: id }, defaultServiceLevelSettings);
  await closeDb();
});

test('an admin edits the service levels: errors beside the fields, then saved', async ({ page }, info) => {
  const project = info.project.name;
  const consolePages = new ConsolePages(page);
  await consolePages.signIn('admin@localhost', 'e2e-admin-password-1');
  // On a phone the console's links wrap; the link is there either way.
  await page.getByRole('link', { name: 'Tahap perkhidmatan' }).click();
  await expect(page.getByRole('heading', { name: 'Tahap Perkhidmatan' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Tetapan tahap perkhidmatan' });
  const nearly = form.getByLabel('Hampir lewat selepas (% daripada tempoh penyelesaian)');
  const reminder = form.getByLabel('Peringatan kepada pengadu selepas (hari bekerja menunggu pengadu)');
  const resolved = form.getByLabel('Tutup aduan selesai selepas (hari kalendar tanpa maklumbalas)');
  await expect(nearly).toHaveValue('80');
  await noSeriousAxe(page);
  await shot(page, 'service-levels', project);

  // Bad input: each field says what is wrong with it; nothing is saved; what was typed stays.
  await nearly.fill('150');
  await reminder.fill('dua');
  await form.getByRole('button', { name: 'Simpan tetapan' }).click();
  await expect(form.getByRole('status')).toHaveText('Sila betulkan medan yang ditandakan.');
  await expect(nearly).toHaveAttribute('aria-invalid', 'true');
  await expect(nearly).toHaveAccessibleDescription(/Masukkan nombor antara 1 dan 99\./);
  await expect(reminder).toHaveAccessibleDescription('Masukkan nombor bulat.');
  await expect(resolved).not.toHaveAttribute('aria-invalid', 'true');
  await expect(nearly).toHaveValue('150');
  await expect(reminder).toHaveValue('dua');
  expect((await getServiceLevelSettings(getDb())).nearlyPercent).toBe(80);
  await noSeriousAxe(page);
  await shot(page, 'service-levels-errors', project);

  // Good input: saved, audited, and the open complaints' due times are recomputed by a job.
  const recomputes = async () => Number((await getDb().execute<{ n: string }>(sql`select count(*) as n from pgboss.job where name = 'sla-recompute'`))[0].n);
  const before = await recomputes();
  await nearly.fill('75');
  await reminder.fill('4');
  await form.getByLabel('Tutup secara automatik aduan yang tidak dijawab selepas peringatan').check();
  await form.getByRole('button', { name: 'Simpan tetapan' }).click();
  await expect(form.getByRole('status')).toHaveText('Tetapan tahap perkhidmatan disimpan. Tarikh akhir aduan terbuka sedang dikira semula.');
  expect(await getServiceLevelSettings(getDb())).toEqual({ ...defaultServiceLevelSettings, nearlyPercent: 75, reminderAfterDays: 4, autoCloseUnanswered: true });
  expect(await recomputes()).toBe(before + 1);
  const audits = await getDb().select().from(auditLog).where(and(eq(auditLog.action, 'settings.service_levels_updated'), sql`${auditLog.detail}->>'nearlyPercent' = '75'`));
  expect(audits.length).toBeGreaterThanOrEqual(1);
  await page.reload();
  await expect(page.getByRole('form', { name: 'Tetapan tahap perkhidmatan' }).getByLabel('Hampir lewat selepas (% daripada tempoh penyelesaian)')).toHaveValue('75');
  await shot(page, 'service-levels-saved', project);

  await saveServiceLevelSettings(getDb(), { userId: audits[0].actorId! }, defaultServiceLevelSettings);
});
