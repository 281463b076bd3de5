import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';

// An officer sets the name the public reads on their replies (issue 11): too short is refused in
// Malay beside the field, a good name is saved and the console shows it at once.

test.afterAll(async () => {
  await closeDb();
});

test('an officer sets their display name on the account page', async ({ page }, info) => {
  test.setTimeout(120_000);
  const project = info.project.name;
  const id = randomUUID().slice(0, 8);
  const officer = await createStaffUser(getDb(), { name: `Pegawai Baharu ${id}`, email: `nama-${id}@pkn.local`, role: 'pegawai', password: 'kata-laluan-ujian-123' });
  await new ConsolePages(page).signIn(officer.email, 'kata-laluan-ujian-123');
  await page.goto('/konsol/akaun');
  const form = page.getByRole('form', { name: 'Nama paparan' });
  await expect(form.getByLabel('Nama paparan')).toHaveValue(officer.name);

  await form.getByLabel('Nama paparan').fill('Ab');
  await form.getByRole('button', { name: 'Simpan nama' }).click();
  await expect(form.getByText('Nama paparan mesti sekurang-kurangnya 3 aksara.')).toBeVisible();
  await expect(form.getByLabel('Nama paparan')).toHaveAttribute('aria-invalid', 'true');
  await noSeriousAxe(page);
  await shot(page, 'display-name-01-refused', project);

  const name = `Siti Aminah binti Musa ${id}`;
  await form.getByLabel('Nama paparan').fill(name);
  await form.getByRole('button', { name: 'Simpan nama' }).click();
  await expect(form.getByText(`Nama paparan disimpan: ${name}. Balasan baharu akan menggunakan nama ini.`)).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toContainText(name);
  await shot(page, 'display-name-02-saved', project);
});
