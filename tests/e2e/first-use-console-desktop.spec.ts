import { expect, test } from '@playwright/test';
import { closeDb } from '@/lib/db';
import { ConsoleComplaintPage } from './pages/console-complaint-page';
import { file, linkInEmail, pdfOf, signedInOfficer } from './pages/console-first-use';
import { noSeriousAxe, shot } from './pages/checks';

// First use of the console (issue 9), on the desktop only (the phone project leaves this file
// out): officers attach files as large as complainants can; merging asks for confirmation and
// joins only one complainant's own complaints.

test.afterAll(async () => {
  await closeDb();
});

test.setTimeout(180_000); // a shared, loaded machine: the steps are many, not slow

test("an officer's 4.5 MB PDF reaches the complainant's page, and an oversized or false file is refused beside the field", async ({ page, browser }, info) => {
  const project = info.project.name;
  const c = await file({ name: 'Wan Faridah Binti Wan Ismail', title: `Penyata bank tidak sepadan ${Date.now()}` });
  await signedInOfficer(page, 'pegawai', 'Kamarul Bin Zakaria');
  const complaint = new ConsoleComplaintPage(page);
  await complaint.open(c.number);
  const composer = complaint.composer();
  const text = 'Sila rujuk penyata yang dilampirkan dan sahkan baki akaun.';
  await complaint.replyText().fill(text);

  // Over 5 MB: refused at once, in the browser, beside the field; the text stays.
  await complaint.fileField().setInputFiles({ name: 'besar.pdf', mimeType: 'application/pdf', buffer: pdfOf(5 * 1024 * 1024 + 1) });
  await expect(composer.getByRole('alert')).toHaveText('Setiap lampiran tidak boleh melebihi 5 MB.');
  await expect(complaint.fileField()).toHaveAttribute('aria-invalid', 'true');
  await expect(complaint.replyText()).toHaveValue(text);
  await noSeriousAxe(page);
  await shot(page, '43-console-attachment-too-large', project);

  // Not a PDF by its bytes: the server refuses it beside the field; the text stays.
  await complaint.fileField().setInputFiles({ name: 'palsu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('bukan pdf sebenar '.repeat(100)) });
  await expect(composer.getByRole('alert')).toHaveCount(0);
  await composer.getByRole('button', { name: 'Hantar kepada pengadu' }).click();
  await expect(composer.getByRole('alert')).toHaveText('Hanya fail jpg, png atau pdf yang sah dibenarkan.');
  await expect(complaint.replyText()).toHaveValue(text);
  await shot(page, '44-console-attachment-refused', project);

  // 4.5 MB: more than the old 1 MB server-action limit (the refused file removed first).
  await composer.getByRole('button', { name: 'Buang palsu.pdf' }).click();
  const pdf = pdfOf(4.5 * 1024 * 1024);
  await complaint.fileField().setInputFiles({ name: 'penyata-bank.pdf', mimeType: 'application/pdf', buffer: pdf });
  await composer.getByRole('button', { name: 'Hantar kepada pengadu' }).click();
  await expect(page.locator('[data-event-type="public_reply"]').getByText(text)).toBeVisible({ timeout: 30_000 });
  await expect(complaint.replyText()).toHaveValue('');

  const { link } = await linkInEmail(c.email, `Maklumbalas aduan ${c.number}`);
  const visitor = await browser.newPage();
  await visitor.goto(link);
  const attached = visitor.getByRole('link', { name: /penyata-bank\.pdf/ });
  await expect(attached).toBeVisible();
  const download = await visitor.request.get(new URL((await attached.getAttribute('href'))!, visitor.url()).toString());
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toContain('application/pdf');
  const body = await download.body();
  expect(body.byteLength).toBe(pdf.byteLength);
  expect(body.equals(pdf)).toBe(true);
  await shot(visitor, '45-public-officer-attachment', project);
  await visitor.close();
});

test("merging asks for confirmation side by side, joins only one complainant's complaints, and names the survivor to them", async ({ page, browser }, info) => {
  const project = info.project.name;
  const stamp = Date.now();
  const target = await file({ name: 'Ahmad Fauzi Bin Omar', title: `Tuntutan perjalanan ditolak ${stamp}` });
  const dup = await file({ name: 'Ahmad Fauzi Bin Omar', ic: target.ic, title: `Tuntutan perjalanan ditolak lagi ${stamp}` });
  const someoneElse = await file({ name: 'Siti Khadijah Binti Musa', title: `Tuntutan perjalanan saya ditolak ${stamp}` });
  await signedInOfficer(page, 'penyelia', 'Zulkifli Bin Hassan');
  const complaint = new ConsoleComplaintPage(page);
  await complaint.open(dup.number);

  // Another complainant's complaint: refused, with the link to a parent offered instead.
  await complaint.askToMerge(someoneElse.number);
  await expect(complaint.mergeForm().getByRole('status')).toHaveText(/milik pengadu lain.*Pautkan kepada aduan induk/);
  await expect(complaint.mergeConfirmation()).toHaveCount(0);
  await shot(page, '46-console-merge-refused', project);

  // The same complainant's: both complaints side by side before anything happens.
  await complaint.askToMerge(target.number);
  const confirm = complaint.mergeConfirmation();
  await expect(confirm).toBeVisible();
  for (const [c, title] of [[dup, `Tuntutan perjalanan ditolak lagi ${stamp}`], [target, `Tuntutan perjalanan ditolak ${stamp}`]] as const) {
    const side = confirm.getByTestId(`merge-side-${c.number}`);
    await expect(side).toContainText(c.number);
    await expect(side).toContainText(title);
    await expect(side).toContainText('Ahmad Fauzi Bin Omar');
    await expect(side).toContainText('Baru');
    await expect(side).toContainText(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
  }
  await expect(page.locator('main header').getByText('Baru', { exact: true })).toBeVisible(); // nothing merged yet
  await noSeriousAxe(page);
  await shot(page, '47-console-merge-confirm', project);
  await confirm.getByRole('button', { name: 'Sahkan gabung' }).click();
  await expect(page.locator('main header').getByText('Ditutup', { exact: true })).toBeVisible();
  await expect(complaint.mergeConfirmation()).toHaveCount(0);
  await expect(page.getByText(`Digabungkan ke aduan ${target.number}`)).toBeVisible();

  // The closing email and the complainant's page name the complaint that carries on: theirs too.
  const { email, link } = await linkInEmail(dup.email, `Aduan ${dup.number} ditutup`);
  expect(email.text).toContain(`Perkara yang sama telah anda laporkan dalam aduan ${target.number}`);
  const visitor = await browser.newPage();
  await visitor.goto(link);
  await expect(visitor.getByText(`Perkara yang sama telah anda laporkan dalam aduan ${target.number}`)).toBeVisible();
  await shot(visitor, '48-public-merged', project);
  await visitor.close();
});
