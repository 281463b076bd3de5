import { expect, test, type Page } from '@playwright/test';
import { randomInt, randomUUID } from 'node:crypto';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { fakeResendClient } from '../support/fake-resend';
import { ConsoleComplaintPage } from './pages/console-complaint-page';
import { ConsolePages } from './pages/console-pages';
import { noSeriousAxe, shot } from './pages/checks';

// First use of the console (issue 9): the reply box says which kind of message it sends and
// previews canned responses filled for this complaint; the status panel starts at the current
// status; officers attach files as large as complainants can; merging asks for confirmation and
// joins only one complainant's own complaints.

const resend = () => fakeResendClient(process.env.FAKE_RESEND_URL!);

/** A valid-looking MyKad number (born 1970–1999, Kelantan). */
const newIc = () => `${randomInt(70, 100)}0${randomInt(1, 10)}1${randomInt(0, 10)}03${String(randomInt(0, 10_000)).padStart(4, '0')}`;

/** Files a complaint through the public intake service; the same `ic` is the same complainant. */
async function file(opts: { name: string; ic?: string; title: string }) {
  const ic = opts.ic ?? newIc();
  const email = `pengadu-${randomUUID().slice(0, 8)}@example.gov.my`;
  const r = await submitComplaint(getDb(), {
    fields: {
      submissionKey: randomUUID(),
      name: opts.name,
      ic: `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`,
      ptj: 'Pejabat Tanah dan Jajahan Kota Bharu',
      phone: '019-333 4455',
      email,
      category: 'pembayaran',
      title: opts.title,
      description: 'Baucar bayaran tidak dapat dipos ke lejar sejak semalam, ralat muncul semasa pengesahan.',
      declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: `198.51.100.${randomInt(1, 255)}`,
  });
  if (!r.ok) throw new Error(`could not file: ${JSON.stringify(r)}`);
  return { number: r.number, email, ic };
}

async function signedInOfficer(page: Page, role: 'pegawai' | 'penyelia', name: string) {
  const email = `pegawai-${randomUUID().slice(0, 8)}@pkn.local`;
  await createStaffUser(getDb(), { name, email, role, password: 'kata-laluan-ujian-123' });
  await new ConsolePages(page).signIn(email, 'kata-laluan-ujian-123');
}

/** The signed link in the newest email to `to` whose subject starts with `subject`. */
async function linkInEmail(to: string, subject: string) {
  await expect.poll(async () => (await resend().emails()).emails.some((e) => e.to[0] === to && e.subject.startsWith(subject)), { timeout: 30_000 }).toBe(true);
  const email = (await resend().emails()).emails.filter((e) => e.to[0] === to && e.subject.startsWith(subject)).at(-1)!;
  return { email, link: email.html!.match(/href="(http:\/\/localhost:\d+\/aduan\/[^"]+)"/)![1].replace(/&amp;/g, '&') };
}

/** A valid PDF of exactly `size` bytes (a comment line pads it). */
function pdfOf(size: number): Buffer {
  const head = '%PDF-1.4\n';
  const tail = ['1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj', '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF'].join('\n');
  const pad = size - head.length - tail.length - 2;
  return Buffer.from(`${head}%${'x'.repeat(pad)}\n${tail}`);
}

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

test("an officer's 4.5 MB PDF reaches the complainant's page, and an oversized or false file is refused beside the field", async ({ page, browser }, info) => {
  test.skip(info.project.name === 'phone', 'the attachment path is the same on a phone; desktop is enough');
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
  test.skip(info.project.name === 'phone', 'desktop is enough for merging');
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
