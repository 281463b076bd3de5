import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db';
import { categories } from '@/lib/db/schema';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';

// An admin keeps the category list (issue 11): adding one without its English name is refused in
// Malay beside that field, the Malay name kept; once added it is last on the list and on the public
// form, moves up one place, and leaves the public form when deactivated (never deleted).

test.afterAll(async () => {
  await closeDb();
});

test('an admin adds a category (the English name missing first), moves it up and deactivates it', async ({ page }, info) => {
  test.setTimeout(150_000);
  const project = info.project.name;
  const stamp = randomUUID().slice(0, 6);
  const nameMs = `Gaji Ujian ${stamp}`;
  try {
    await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
    await page.getByRole('link', { name: 'Kategori', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Senarai kategori' })).toBeVisible();

    const add = page.getByRole('form', { name: 'Tambah kategori' });
    await add.getByLabel('Nama (Bahasa Melayu)').fill(nameMs);
    await add.getByRole('button', { name: 'Tambah' }).click();
    await expect(add.getByText('Sila isi nama.')).toBeVisible();
    await expect(add.getByLabel('Nama (Bahasa Inggeris)')).toHaveAttribute('aria-invalid', 'true');
    await expect(add.getByLabel('Nama (Bahasa Melayu)')).toHaveValue(nameMs);
    await add.getByLabel('Nama (Bahasa Inggeris)').fill(`Test Salary ${stamp}`);
    await add.getByRole('button', { name: 'Tambah' }).click();
    await expect(add.getByText(`Kategori ${nameMs} ditambah.`)).toBeVisible();

    const names = page.getByTestId('category-name');
    await expect(names.last()).toHaveText(nameMs);
    const home = async () => (await page.request.get('/')).text();
    expect(await home()).toContain(nameMs);

    await page.getByRole('form', { name: `Naikkan ${nameMs}` }).getByRole('button').click();
    await expect(names.nth((await names.count()) - 2)).toHaveText(nameMs);
    await noSeriousAxe(page);
    await shot(page, 'category-list-01-added', project);

    await page.getByRole('form', { name: `Nyahaktifkan ${nameMs}` }).getByRole('button', { name: 'Nyahaktifkan' }).click();
    await expect(page.getByRole('form', { name: `Aktifkan ${nameMs}` })).toBeVisible();
    await expect.poll(async () => (await getDb().select({ active: categories.active }).from(categories).where(eq(categories.nameMs, nameMs))).map((c) => c.active)).toEqual([false]);
    // The first public page fetched right after the console showed the change was seen, in some
    // runs, still listing the category (the next fetch did not): polled briefly, see the report.
    await expect.poll(async () => (await home()).includes(nameMs), { timeout: 10_000 }).toBe(false);
    await shot(page, 'category-list-02-deactivated', project);
  } finally {
    await getDb().update(categories).set({ active: false }).where(eq(categories.nameMs, nameMs));
  }
});
