import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { addDays } from 'date-fns';
import { and, eq } from 'drizzle-orm';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { closeDb, getDb } from '@/lib/db';
import { categories, categoryOfficers, categoryTargets, users } from '@/lib/db/schema';
import { createStaffUser } from '@/lib/staff/users';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';

// Routing in the console (issue 10): an admin sets a category's officers, its assignment mode and
// a target (a bad value is refused beside its field, in Malay, the rest kept); an officer marks
// themselves away on their account page and the admin sees it in the officers list.

const PASSWORD = 'kata-laluan-ujian-123';

test.afterAll(async () => {
  await closeDb();
});

test.setTimeout(180_000);

async function officer(name: string) {
  const id = randomUUID().slice(0, 8);
  return createStaffUser(getDb(), { name: `${name} ${id}`, email: `kategori-${id}@pkn.local`, role: 'pegawai', password: PASSWORD });
}

test("an admin edits a category's officers, mode and a target; a bad target is refused in Malay beside its field", async ({ page }, info) => {
  const project = info.project.name;
  const stamp = randomUUID().slice(0, 6);
  // Sorted first, so its section is at the top of the page.
  const [cat] = await getDb()
    .insert(categories)
    .values({ slug: `e2e-kategori-${stamp}`, nameMs: `Ujian Agihan ${stamp}`, nameEn: `Routing Test ${stamp}`, sortOrder: -100 })
    .returning();
  const a = await officer('Aminah Binti Yusof');
  const b = await officer('Badrul Bin Hashim');

  await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
  await page.getByRole('link', { name: 'Kategori', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kategori', level: 1 })).toBeVisible();
  const section = page.getByRole('region', { name: cat.nameMs });
  await expect(section.getByText('Tiada pegawai.', { exact: false })).toBeVisible();

  // Officers: add two, remove one.
  const addForm = section.getByRole('form', { name: `Tambah pegawai ke ${cat.nameMs}` });
  for (const o of [a, b]) {
    await addForm.getByRole('combobox').selectOption({ label: o.name });
    await addForm.getByRole('button', { name: 'Tambah' }).click();
    await expect(section.getByRole('form', { name: `Buang ${o.name} daripada ${cat.nameMs}` })).toBeVisible();
  }
  await section.getByRole('form', { name: `Buang ${b.name} daripada ${cat.nameMs}` }).getByRole('button', { name: 'Buang' }).click();
  await expect(section.getByRole('form', { name: `Buang ${b.name} daripada ${cat.nameMs}` })).toHaveCount(0);
  await expect.poll(async () => (await getDb().select().from(categoryOfficers).where(eq(categoryOfficers.categoryId, cat.id))).map((r) => r.userId)).toEqual([a.id]);

  // Mode.
  const modeForm = section.getByRole('form', { name: `Cara agihan: ${cat.nameMs}` });
  await modeForm.getByRole('combobox').selectOption('round_robin');
  await modeForm.getByRole('button', { name: 'Simpan cara agihan' }).click();
  await expect(modeForm.getByRole('status')).toHaveText('Disimpan.');
  await expect.poll(async () => (await getDb().select({ m: categories.assignmentMode }).from(categories).where(eq(categories.id, cat.id)))[0].m).toBe('round_robin');

  // Targets: empty fields show the charter as placeholders; a bad value is refused beside its field.
  const targets = section.getByRole('form', { name: `Sasaran perkhidmatan: ${cat.nameMs}` });
  const high = targets.getByRole('group', { name: 'Tinggi' });
  const hours = high.getByLabel('Maklum balas pertama (jam bekerja)');
  const days = high.getByLabel('Penyelesaian (hari bekerja)');
  await expect(hours).toHaveAttribute('placeholder', '9');
  await expect(days).toHaveAttribute('placeholder', '15');
  await hours.fill('0');
  await days.fill('5');
  await targets.getByRole('button', { name: 'Simpan sasaran' }).click();
  await expect(targets.getByRole('status')).toHaveText('Sila betulkan ruangan yang ditanda.');
  await expect(hours).toHaveAttribute('aria-invalid', 'true');
  await expect(high.getByText('Masukkan nombor bulat positif (1 atau lebih), atau kosongkan untuk piagam.')).toBeVisible();
  await expect(days).toHaveValue('5'); // kept
  await expect(days).not.toHaveAttribute('aria-invalid', 'true');
  expect(await getDb().select().from(categoryTargets).where(eq(categoryTargets.categoryId, cat.id))).toHaveLength(0);
  await noSeriousAxe(page);
  await section.screenshot({ path: `tests/artifacts/${project}/60-category-target-refused.png` });

  await hours.fill('4');
  await targets.getByRole('button', { name: 'Simpan sasaran' }).click();
  await expect(targets.getByRole('status')).toHaveText('Sasaran disimpan. Tarikh akhir aduan terbuka akan dikira semula.');
  await expect(hours).not.toHaveAttribute('aria-invalid', 'true');
  await expect(hours).toHaveValue('4');
  const rows = await getDb().select().from(categoryTargets).where(and(eq(categoryTargets.categoryId, cat.id), eq(categoryTargets.priority, 'tinggi')));
  expect(rows.map((r) => [r.firstResponseHours, r.resolutionDays])).toEqual([[4, 5]]);
  await noSeriousAxe(page);
  await section.screenshot({ path: `tests/artifacts/${project}/61-category-saved.png` });
  await shot(page, '62-categories-page', project);

  // Leave the shared page as it was for other specs: the category off the form.
  await getDb().update(categories).set({ active: false, sortOrder: 1000 }).where(eq(categories.id, cat.id));
});

test('an officer marks themselves away on the account page (a past day refused in Malay), and the admin sees it', async ({ page, browser }, info) => {
  const project = info.project.name;
  const o = await officer('Che Rohani Binti Ismail');
  await new ConsolePages(page).signIn(o.email, PASSWORD);
  await page.goto('/konsol/akaun');
  const away = page.getByRole('form', { name: 'Tidak bertugas' });
  await expect(page.getByTestId('away-state')).toHaveText('Anda ditanda bertugas.');
  const field = away.getByLabel('Tidak bertugas sehingga');

  const yesterday = formatDisplayDay(malaysiaDay(addDays(new Date(), -1)));
  await field.fill(yesterday);
  await away.getByRole('button', { name: 'Simpan' }).click();
  await expect(away.locator('#away-until-error')).toHaveText('Tarikh sudah berlalu. Pilih hari ini atau tarikh akan datang.');
  await expect(away.getByRole('status')).toHaveText('Sila betulkan ruangan yang ditanda.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue(yesterday);
  await noSeriousAxe(page);
  await shot(page, '63-account-away-refused', project);

  const until = formatDisplayDay(malaysiaDay(addDays(new Date(), 4)));
  await field.fill(until);
  await away.getByRole('button', { name: 'Simpan' }).click();
  await expect(away.getByRole('status')).toHaveText(`Anda ditanda tidak bertugas sehingga ${until}.`);
  await expect(page.getByTestId('away-state')).toHaveText(`Anda ditanda tidak bertugas sehingga ${until}.`);
  expect((await getDb().select({ d: users.awayUntil }).from(users).where(eq(users.id, o.id)))[0].d).toBe(malaysiaDay(addDays(new Date(), 4)));
  await noSeriousAxe(page);
  await shot(page, '64-account-away-set', project);

  // The admin's officers list shows it.
  const adminContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const admin = await adminContext.newPage();
  await new ConsolePages(admin).signIn('admin@localhost', 'e2e-admin-password-1');
  await admin.goto('/konsol/pegawai');
  await expect(admin.getByRole('listitem').filter({ hasText: o.email }).getByText(`Tidak bertugas sehingga ${until}`)).toBeVisible();
  await adminContext.close();

  // Back on duty.
  await away.getByRole('button', { name: 'Saya bertugas semula' }).click();
  await expect(page.getByTestId('away-state')).toHaveText('Anda ditanda bertugas.');
  expect((await getDb().select({ d: users.awayUntil }).from(users).where(eq(users.id, o.id)))[0].d).toBeNull();
});
