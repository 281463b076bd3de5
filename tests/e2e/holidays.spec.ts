import { expect, test } from '@playwright/test';
import { between } from 'drizzle-orm';
import { weekdayOf } from '@/lib/calendar/holidays';
import { closeDb, getDb } from '@/lib/db';
import { holidays } from '@/lib/db/schema';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';
import { HolidaysPage } from './pages/holidays-page';

// An admin keeps the public holidays: a bad date is refused beside the field with what was typed
// kept, a good one is added, a CSV with a bad row is previewed (nothing written) and its good rows
// imported once the admin accepts that the bad row is skipped. Each project has its own year.

const yearOf = (project: string) => (project === 'phone' ? 2095 : 2094);
const wipe = (year: number) => getDb().delete(holidays).where(between(holidays.day, `${year}-01-01`, `${year}-12-31`));

test.afterAll(async () => {
  await closeDb();
});

test('an admin adds a holiday (a bad date first) and imports a CSV with one bad row', async ({ page }, info) => {
  test.setTimeout(150_000);
  const project = info.project.name;
  const year = yearOf(project);
  await wipe(year);
  try {
    await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
    await page.getByRole('link', { name: 'Cuti umum', exact: true }).click();
    const holidaysPage = new HolidaysPage(page);
    await expect(page.getByRole('heading', { name: 'Cuti Umum dan Hari Bekerja', level: 1 })).toBeVisible();
    // The seeded year waits for an admin: "Belum disahkan" and "Sahkan semua".
    await expect(page.getByText('Belum disahkan').first()).toBeVisible();
    await noSeriousAxe(page);
    await shot(page, 'holidays-01-list', project);

    // A date that does not exist: refused beside the field, both values kept.
    await holidaysPage.add(`31-02-${year}`, 'Hari Ujian Pelayar');
    const form = holidaysPage.addForm();
    await expect(form.getByText('Tarikh tidak sah. Gunakan format hh-bb-tttt, contoh 31-08-2026.')).toBeVisible();
    await expect(form.getByLabel('Tarikh')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Tarikh')).toHaveValue(`31-02-${year}`);
    await expect(form.getByLabel('Nama cuti')).toHaveValue('Hari Ujian Pelayar');
    await noSeriousAxe(page);
    await shot(page, 'holidays-02-bad-date', project);

    await form.getByLabel('Tarikh').fill(`15-03-${year}`);
    await form.getByRole('button', { name: 'Tambah' }).click();
    await expect(form.getByText('Cuti umum ditambah.')).toBeVisible();
    await expect(form.getByLabel('Tarikh')).toHaveValue('');

    await holidaysPage.open(year);
    await expect(holidaysPage.row('Hari Ujian Pelayar')).toContainText(`15-03-${year}`);
    const weekday = ['Ahad', 'Isnin', 'Selasa', 'Rabu', 'Khamis', 'Jumaat', 'Sabtu'][weekdayOf(`${year}-03-15`)];
    await expect(holidaysPage.row('Hari Ujian Pelayar')).toContainText(`15-03-${year}${weekday}`);

    // The import: row 3 has a date that does not exist; row 4 is the day already recorded.
    const csv = `tarikh,nama\r\n16-03-${year},Cuti Import Pelayar\r\n32-03-${year},Tarikh salah\r\n${year}-03-15,Hari Ujian Pelayar\r\n`;
    await holidaysPage.preview('cuti-ujian.csv', csv);
    await expect(page.getByTestId('import-summary')).toHaveText('1 baharu, 0 tukar nama, 1 sama seperti sedia ada, 1 ralat.');
    await expect(page.getByRole('row', { name: /^3 32-03/ })).toContainText('Ralat: tarikh tidak sah');
    await expect(holidaysPage.row('Cuti Import Pelayar')).toHaveCount(0); // nothing written yet
    await noSeriousAxe(page);
    await shot(page, 'holidays-03-import-preview', project);

    const confirm = holidaysPage.importForm();
    await confirm.getByLabel('Saya faham 1 baris ralat akan dilangkau dan tidak diimport.').check();
    await confirm.getByRole('button', { name: 'Import baris yang sah' }).click();
    await expect(page.getByText('Diimport: 1 baharu, 0 tukar nama. 1 sama tidak diubah, 1 baris ralat dilangkau.')).toBeVisible();
    await expect(holidaysPage.row('Cuti Import Pelayar')).toContainText(`16-03-${year}`);
    await expect(holidaysPage.row('Cuti Import Pelayar')).toContainText('CSV: cuti-ujian.csv');

    // Delete asks first.
    await holidaysPage.row('Cuti Import Pelayar').getByRole('button', { name: 'Padam Cuti Import Pelayar' }).click();
    await expect(page.getByText(`Padam Cuti Import Pelayar (16-03-${year})?`, { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Ya, padam' }).click();
    await expect(holidaysPage.row('Cuti Import Pelayar')).toHaveCount(0);
    await noSeriousAxe(page);
    await shot(page, 'holidays-04-after-import', project);
  } finally {
    await wipe(year);
  }
});

test('the working-days form refuses a week without working days and hours that end before they start', async ({ page }, info) => {
  const project = info.project.name;
  await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
  await new HolidaysPage(page).open();
  const form = page.getByRole('form', { name: 'Hari dan waktu bekerja' });
  for (const day of ['Ahad', 'Isnin', 'Selasa', 'Rabu', 'Khamis', 'Jumaat', 'Sabtu']) await form.getByLabel(day, { exact: true }).check();
  await form.getByRole('button', { name: 'Simpan hari bekerja' }).click();
  await expect(form.getByText('Sekurang-kurangnya satu hari dalam seminggu mesti hari bekerja.')).toBeVisible();
  await expect(form.getByLabel('Ahad', { exact: true })).toBeChecked(); // kept as ticked

  await form.getByLabel('Ahad', { exact: true }).uncheck();
  await form.getByLabel('Waktu mula (jj:mm)').fill('09:00');
  await form.getByLabel('Waktu tamat (jj:mm)').fill('08:30');
  await form.getByRole('button', { name: 'Simpan hari bekerja' }).click();
  await expect(form.getByText('Waktu tamat mesti selepas waktu mula.')).toBeVisible();
  await expect(form.getByLabel('Waktu tamat (jj:mm)')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Waktu mula (jj:mm)').fill('8.00');
  await form.getByRole('button', { name: 'Simpan hari bekerja' }).click();
  await expect(form.getByText('Masa tidak sah. Gunakan format jj:mm, contoh 08:00.')).toBeVisible();
  await expect(form.getByLabel('Waktu mula (jj:mm)')).toHaveValue('8.00');
  await noSeriousAxe(page);
  await shot(page, 'holidays-05-calendar-refused', project);
  // Nothing was saved: the page shows the stored calendar again.
  await page.reload();
  await expect(form.getByLabel('Waktu mula (jj:mm)')).not.toHaveValue('8.00');
});
