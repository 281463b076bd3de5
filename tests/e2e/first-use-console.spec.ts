import { expect, test } from '@playwright/test';
import { closeDb } from '@/lib/db';
import { ConsoleComplaintPage } from './pages/console-complaint-page';
import { file, signedInOfficer } from './pages/console-first-use';
import { noSeriousAxe, shot } from './pages/checks';

// First use of the console (issue 9): the reply box says which kind of message it sends and
// previews canned responses filled for this complaint; the status panel starts at the current
// status. Officers' attachments and merging: first-use-console-desktop.spec.ts.

test.afterAll(async () => {
  await closeDb();
});

test.setTimeout(180_000); // a shared, loaded machine: the steps are many, not slow

test('the reply box tells a public reply from an internal note, previews placeholders filled, and the status panel starts at the current status', async ({ page }, info) => {
  const project = info.project.name;
  const title = `Kod vot tiada dalam senarai ${project}-${Date.now()}`;
  const c = await file({ name: 'Nor Azizah Binti Hamzah', title });
  await signedInOfficer(page, 'pegawai', 'Rosnah Binti Daud');
  const complaint = new ConsoleComplaintPage(page);
  await complaint.open(c.number);

  // The status panel shows the current status, selected; sending it unchanged is refused politely.
  const status = complaint.statusPanel();
  await expect(status.getByRole('combobox')).toHaveValue('baru');
  await expect(status.getByRole('combobox').locator('option:checked')).toHaveText('Baru (status semasa)');
  await status.getByRole('button', { name: 'Tukar status' }).click();
  await expect(status.getByRole('status')).toHaveText('Aduan ini sudah berstatus itu. Pilih status lain untuk menukarnya.');
  await expect(page.locator('main header').getByText('Baru', { exact: true })).toBeVisible();

  // A public reply: blue, says where it goes; the canned response is previewed filled for this complaint.
  const composer = complaint.composer();
  await expect(composer).toHaveAttribute('data-kind', 'public');
  const send = composer.getByRole('button', { name: 'Hantar kepada pengadu' });
  await expect(send).toBeVisible();
  await expect(composer.getByText('Balasan awam: dihantar kepada pengadu')).toBeVisible();
  await composer.getByLabel('Jawapan sedia ada').selectOption({ label: 'Maklumat tambahan diperlukan' });
  // The text keeps the placeholders (a reply on a parent is filled for each linked complaint) ...
  await expect(complaint.replyText()).toHaveValue(/\{no_aduan\}.*\{nama\}.*\{pegawai\}/s);
  // ... and the preview shows exactly what this complainant will receive.
  const expected = `Untuk tindakan lanjut bagi aduan ${c.number} ("${title}"), mohon Nor Azizah Binti Hamzah kemukakan tangkap layar skrin ralat dan no rujukan transaksi berkaitan. Terima kasih. — Rosnah Binti Daud`;
  await expect(complaint.preview()).toHaveText(expected);
  await noSeriousAxe(page);
  await shot(page, '40-console-reply-preview', project);

  // A placeholder that is not one of the four stays as typed.
  await complaint.replyText().fill('Salam {nama}, sila semak {lokasi} anda.');
  await expect(complaint.preview()).toHaveText('Salam Nor Azizah Binti Hamzah, sila semak {lokasi} anda.');

  // An internal note: amber, marked, and its button never says "send to the complainant".
  const blue = await send.evaluate((b) => getComputedStyle(b).backgroundColor);
  await composer.getByLabel('Nota dalaman').check();
  await expect(composer).toHaveAttribute('data-kind', 'internal');
  await expect(composer.getByRole('button', { name: 'Hantar kepada pengadu' })).toHaveCount(0);
  const save = composer.getByRole('button', { name: 'Simpan nota dalaman' });
  await expect(save).toBeVisible();
  expect(await save.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(blue);
  await expect(composer.getByText('Nota dalaman: hanya pegawai dapat melihatnya. Ia tidak dihantar kepada pengadu.')).toBeVisible();
  await expect(complaint.preview()).toHaveCount(0);
  await complaint.replyText().fill(`NOTA-${project}: semak log pelayan.`);
  await noSeriousAxe(page);
  await shot(page, '41-console-internal-note', project);
  await save.click();
  await expect(page.locator('[data-event-type="internal_note"]').getByText(`NOTA-${project}: semak log pelayan.`)).toBeVisible();
  await expect(complaint.replyText()).toHaveValue('');

  // The public reply stored is what the preview showed.
  await composer.getByLabel('Balasan awam').check();
  await complaint.replyText().fill('Salam {nama}, aduan {no_aduan} sedang disemak. {lokasi} — {pegawai}');
  const previewed = await complaint.preview().textContent();
  await composer.getByRole('button', { name: 'Hantar kepada pengadu' }).click();
  await expect(page.locator('[data-event-type="public_reply"]').getByText(previewed!)).toBeVisible();
  await page.reload();
  await expect(page.locator('main header').getByText('Dalam Tindakan', { exact: true })).toBeVisible();
  await expect(complaint.statusPanel().getByRole('combobox')).toHaveValue('dalam_tindakan');
  await shot(page, '42-console-after-reply', project);
});
