import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { like } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db';
import { ptj } from '@/lib/db/schema';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';

// An admin keeps the PTJ list (issue 11): a bad code is refused in Malay beside its field with
// what was typed kept, a good one is added; a CSV with a bad row is previewed (the row named by
// its line number, nothing written) and its good rows imported once the admin accepts that the
// bad row is skipped; a deactivated PTJ leaves the public form's suggestions at once.

test.afterAll(async () => {
  await closeDb();
});

test('an admin adds a PTJ (a bad code first), imports a CSV with a bad row and deactivates one; the public form follows', async ({ page }, info) => {
  test.setTimeout(150_000);
  const project = info.project.name;
  const stamp = `E${randomUUID().slice(0, 5).toUpperCase()}`;
  try {
    await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
    // On a phone the console's links wrap above the page; the PTJ link is one of them.
    await page.getByRole('link', { name: 'PTJ', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Senarai PTJ', level: 1 })).toBeVisible();
    await expect(page.getByTestId('ptj-row').first()).toBeVisible();
    await noSeriousAxe(page);
    await shot(page, 'ptj-01-list', project);

    // A code with a space: refused beside the field, in Malay; both values kept.
    const add = page.getByRole('form', { name: 'Tambah PTJ' });
    await add.getByLabel('Kod PTJ').fill(`${stamp} 1`);
    await add.getByLabel('Nama PTJ').fill(`Pejabat Ujian Pelayar ${stamp}`);
    await add.getByRole('button', { name: 'Tambah' }).click();
    await expect(add.getByText('Kod PTJ hanya boleh mengandungi huruf, nombor dan - _ . /, bermula dengan huruf atau nombor.')).toBeVisible();
    await expect(add.getByLabel('Kod PTJ')).toHaveAttribute('aria-invalid', 'true');
    await expect(add.getByLabel('Nama PTJ')).toHaveValue(`Pejabat Ujian Pelayar ${stamp}`);
    await noSeriousAxe(page);
    await shot(page, 'ptj-02-bad-code', project);
    await add.getByLabel('Kod PTJ').fill(`${stamp.toLowerCase()}-1`);
    await add.getByRole('button', { name: 'Tambah' }).click();
    await expect(add.getByText('PTJ ditambah.')).toBeVisible();
    await expect(page.getByTestId('ptj-name').filter({ hasText: `Pejabat Ujian Pelayar ${stamp}` })).toBeVisible();

    // A CSV of four rows, the third (line 4, after the header) without a code.
    const csv = [
      'kod,nama',
      `${stamp}-2,Pejabat Import Satu ${stamp}`,
      `${stamp}-3,"Pejabat Import Dua ${stamp}, Kota Bharu"`,
      `,Pejabat Tanpa Kod ${stamp}`,
      `${stamp}-4,Pejabat Import Tiga ${stamp}`,
    ].join('\r\n');
    await page.getByLabel('Fail CSV PTJ', { exact: true }).setInputFiles({ name: 'ptj-ujian.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Pratonton' }).click();
    await expect(page.getByRole('heading', { name: 'Pratonton: ptj-ujian.csv' })).toBeVisible();
    await expect(page.getByTestId('import-summary')).toHaveText('3 baharu, 0 tukar nama, 0 sama seperti sedia ada, 1 ralat.');
    const bad = page.getByTestId('import-error-row');
    await expect(bad).toHaveCount(1);
    await expect(bad.getByRole('cell').first()).toHaveText('4');
    await expect(bad).toContainText('Ralat: kod kosong');
    expect(await getDb().select().from(ptj).where(like(ptj.code, `${stamp}-%`))).toHaveLength(1); // the preview wrote nothing
    await noSeriousAxe(page);
    await shot(page, 'ptj-03-preview', project);

    await page.getByLabel('Saya faham 1 baris ralat akan dilangkau dan tidak diimport.').check();
    await page.getByRole('button', { name: 'Import baris yang sah' }).click();
    await expect(page.getByText('Diimport: 3 baharu, 0 tukar nama. 0 sama tidak diubah, 1 baris ralat dilangkau. Baris yang dilangkau: 4.')).toBeVisible();
    await expect(page.getByTestId('ptj-name').filter({ hasText: `Pejabat Import Dua ${stamp}, Kota Bharu` })).toBeVisible();
    await shot(page, 'ptj-04-imported', project);

    // The public form suggests the imported names; a deactivated one leaves the suggestions at once.
    const suggestions = async () => {
      const res = await page.request.get('/');
      return res.text();
    };
    expect(await suggestions()).toContain(`Pejabat Import Satu ${stamp}`);
    await page.getByRole('searchbox', { name: 'Cari kod atau nama PTJ' }).fill(`${stamp}-2`);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await expect(page.getByTestId('ptj-row')).toHaveCount(1);
    await page.getByRole('form', { name: `Nyahaktifkan PTJ ${stamp}-2` }).getByRole('button', { name: 'Nyahaktifkan' }).click();
    await expect(page.getByTestId('ptj-row').getByText('Tidak aktif')).toBeVisible();
    expect(await suggestions()).not.toContain(`Pejabat Import Satu ${stamp}`);
    await noSeriousAxe(page);
    await shot(page, 'ptj-05-deactivated', project);
  } finally {
    await getDb().delete(ptj).where(like(ptj.code, `${stamp}-%`));
  }
});
