import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { complaintLink } from '@/lib/complaints/access';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { ComplaintFormPage, type Complainant } from './pages/complaint-form-page';
import { ComplaintHistoryPage, LookupPage } from './pages/lookup-pages';
import { expectFitsPhones, expectWithinWidth } from './pages/viewport';
import { noSeriousAxe, shot } from './pages/checks';

// What a first-time complainant meets on the public pages (issue "First use"): an error summary
// that names each field, a form and pages that fit a 360 px phone with two files attached, a
// receipt that says where the copy went, "Hantar aduan lain" that keeps who you are, and a file
// picker that speaks the page's language instead of the browser's.

test.afterAll(async () => {
  await closeDb();
});

const person = (email: string): Complainant => ({
  name: 'Nik Farah Hanim Binti Nik Mahmud',
  ic: '860412-03-5538',
  ptj: 'Perbendaharaan Negeri Kelantan',
  phone: '019-223 4455',
  email,
  category: 'Kod Barang / Kod Akaun',
  title: 'Kod vot tidak dijumpai',
  description: 'Kod vot B0229120 tidak dijumpai semasa menyediakan baucar bayaran pagi ini.',
});

// Long names, as files from a phone's camera or a scanner tend to have.
const LONG_PNG = 'tangkapan-skrin-ralat-transaksi-bayaran-pukal-januari-2026-pejabat-tanah.png';
const LONG_PDF = 'surat-makluman-perbendaharaan-negeri-kelantan-bilangan-12-tahun-2026-lampiran-a.pdf';
const pdf = (padding: number) =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n'),
    Buffer.alloc(padding, 0x20),
    Buffer.from('%%EOF'),
  ]);
const png = () => sharp({ create: { width: 120, height: 80, channels: 3, background: '#1d4f91' } }).png().toBuffer();

test('an empty submit names each field in the summary, and the CAPTCHA line asks for the tick', async ({ page }, info) => {
  const form = new ComplaintFormPage(page);
  await form.open();
  await form.submit();

  await expect(form.errorSummaryLines()).toHaveText([
    'Nama Penuh: Perlu diisi',
    'No Kad Pengenalan: Perlu diisi',
    'PTJ (Pusat Tanggungjawab): Perlu diisi',
    'No Telefon Bimbit: Perlu diisi',
    'Email: Perlu diisi',
    'Kategori (Modul iSPEKS): Perlu diisi',
    'Tajuk Aduan: Perlu diisi',
    'Keterangan Terperinci: Perlu diisi',
    'Pengesahan maklumat: Sila tandakan pengesahan maklumat.',
    "Pengesahan CAPTCHA: Sila tandakan 'Saya bukan robot'.",
  ]);
  // Beside the widget too: not ticked yet is not a failure.
  await expect(page.locator('#captcha')).toContainText("Sila tandakan 'Saya bukan robot'.");
  await expect(page.locator('#captcha')).not.toContainText('gagal');
  // Each line still leads to its field.
  await expect(form.errorSummaryLines().first().getByRole('link')).toHaveAttribute('href', '#name');
  await noSeriousAxe(page);
  await shot(page, '20-summary-names-fields', info.project.name);
});

test('two files with long names fit a phone: sizes shown, a short "Buang" each, a picker in Malay and by keyboard', async ({ page }, info) => {
  const project = info.project.name;
  const form = new ComplaintFormPage(page);
  await form.open();
  const picker = page.getByLabel('Lampiran', { exact: true });

  // Our own texts, not the browser's "Choose Files / No file chosen".
  await expect(page.getByText('Pilih fail', { exact: true })).toBeVisible();
  await expect(page.getByText('Tiada fail dipilih')).toBeVisible();
  await expect(picker).toHaveCSS('opacity', '0');

  // Keyboard: Tab from the description reaches the picker, Space opens the file chooser.
  // Listen first: Playwright turns on file-chooser interception asynchronously when the listener
  // is added, so a listener added just before the key press can miss the dialog.
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Keterangan Terperinci').focus();
  await page.keyboard.press('Tab');
  await expect(picker).toBeFocused();
  await page.keyboard.press('Space');
  await (await chooser).setFiles([{ name: LONG_PNG, mimeType: 'image/png', buffer: await png() }]);
  // A second pick adds to the first.
  await form.attach([{ name: LONG_PDF, mimeType: 'application/pdf', buffer: pdf(1_600_000) }]);
  await expect(page.getByText('2 fail dipilih')).toBeVisible();
  await expect(form.attachedFiles()).toHaveCount(2);

  const removePng = page.getByRole('button', { name: `Buang ${LONG_PNG}` });
  await expect(removePng).toHaveText('Buang');
  await expect(page.getByRole('button', { name: `Buang ${LONG_PDF}` })).toHaveText('Buang');

  await expectFitsPhones(page, 'the form with two files', async (width) => {
    for (const row of await form.attachedFiles().all()) await expectWithinWidth(page, row.getByRole('button', { name: /^Buang / }));
    await expectWithinWidth(page, form.attachedFiles().nth(0).getByText('1 KB', { exact: true }));
    await expectWithinWidth(page, form.attachedFiles().nth(1).getByText('1.5 MB', { exact: true }));
    await page.locator('fieldset').filter({ has: picker }).screenshot({ path: `tests/artifacts/${project}/21-two-files-${width}.png` });
  });
  await noSeriousAxe(page);

  // Removing by keyboard leaves the focus on the picker, not lost at the top of the page.
  await removePng.focus();
  await page.keyboard.press('Enter');
  await expect(form.attachedFiles()).toHaveCount(1);
  await expect(page.getByText('1 fail dipilih')).toBeVisible();
  await expect(picker).toBeFocused();

  // In English the picker's texts are English, from the same message files. The English form is
  // another prerendered copy: what was typed comes along, the file must be chosen again, and the
  // form says so.
  await page.getByLabel('Nama Penuh').fill('Siti Aminah Binti Musa');
  await page.getByLabel('Tajuk Aduan').fill('Baucar tidak dapat dicetak');
  await page.getByLabel('Keterangan Terperinci').fill('Butang cetak baucar tidak berfungsi sejak pagi tadi.');
  await page.getByRole('button', { name: 'Tukar bahasa ke English' }).click();
  await expect(page.getByRole('heading', { name: 'Complaint Form' })).toBeVisible();
  await expect(page.getByLabel('Full Name')).toHaveValue('Siti Aminah Binti Musa');
  await expect(page.getByLabel('Complaint Title')).toHaveValue('Baucar tidak dapat dicetak');
  await expect(page.getByText('52 / 5,000 characters')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Attachments are not carried over when the language changes. Please choose the file again.' })).toBeVisible();
  await expect(page.getByText('Choose files', { exact: true })).toBeVisible();
  // Taken once: a reload shows an empty form.
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await noSeriousAxe(page);
  await shot(page, '22-english-files-left-behind', project);
  await page.getByLabel('Attachments', { exact: true }).setInputFiles([{ name: LONG_PDF, mimeType: 'application/pdf', buffer: pdf(1_600_000) }]);
  await expect(page.getByText('1 file chosen')).toBeVisible();
  await expect(page.getByText('Attachments are not carried over')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Remove ${LONG_PDF}` })).toHaveText('Remove');
  await shot(page, '22-picker-english', project);
  await page.getByRole('button', { name: 'Tukar bahasa ke Bahasa Melayu' }).click();
  await expect(page.getByRole('heading', { name: 'Borang Aduan' })).toBeVisible();
});

test('the receipt names the masked address; "Hantar aduan lain" keeps Section A and clears Section B', async ({ page, request }, info) => {
  const project = info.project.name;
  // WhatsApp is not configured for these tests: health says so (and nothing more), and the form
  // does not offer a consent box that would lead nowhere.
  const health = await (await request.get('/api/health')).json();
  expect(health.whatsapp).toEqual({ configured: false });

  const form = new ComplaintFormPage(page);
  await form.open();
  await expect(page.getByLabel(/WhatsApp/)).toHaveCount(0);
  const c = person(`pengadu.${project}${Date.now()}@example.gov.my`);
  await form.fill(c);
  await form.attach([{ name: 'skrin.png', mimeType: 'image/png', buffer: await png() }]);
  await form.declare();
  await form.passCaptcha();
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/aduan') && r.request().method() === 'POST');
  await form.submit();
  // The server masks the address (the complainant mapper); the browser only shows it.
  expect((await (await answer).json()).emailMasked).toBe('pe***@example.gov.my');
  await expect(form.complaintNumber()).toHaveText(/^PKN\d{15}$/, { timeout: 30_000 });
  const first = await form.complaintNumber().textContent();
  await expect(form.receiptEmailLine()).toHaveText('Satu salinan aduan akan dihantar ke pe***@example.gov.my. Simpan No Aduan ini untuk semakan.');
  expect(await page.content()).not.toContain(c.email);
  await noSeriousAxe(page);
  await shot(page, '23-receipt', project);
  await expectFitsPhones(page, 'the receipt', (width) => shot(page, `23-receipt-${width}`, project));

  await form.fileAnother();
  expect(await form.sectionA()).toEqual({ name: c.name, ic: c.ic, ptj: c.ptj, phone: c.phone, email: c.email });
  expect(await form.sectionB()).toEqual({ category: '', title: '', description: '', declared: false });
  await expect(form.attachedFiles()).toHaveCount(0);
  await expect(page.getByText('Tiada fail dipilih')).toBeVisible();
  await expect(page.getByLabel('Kategori (Modul iSPEKS)')).toBeFocused();
  await shot(page, '24-another-keeps-section-a', project);

  // The kept details are sent as they stand: only Section B is typed again.
  await page.getByLabel('Kategori (Modul iSPEKS)').selectOption({ label: 'Kod Barang / Kod Akaun' });
  await page.getByLabel('Tajuk Aduan').fill('Kod vot kedua tidak dijumpai');
  await page.getByLabel('Keterangan Terperinci').fill('Kod vot B0229121 juga tidak dijumpai semasa menyediakan baucar.');
  await form.declare();
  await form.passCaptcha();
  await form.submit();
  await expect(form.complaintNumber()).toHaveText(/^PKN\d{15}$/, { timeout: 30_000 });
  expect(await form.complaintNumber().textContent()).not.toBe(first);
  await expect(form.receiptEmailLine()).toContainText('pe***@example.gov.my');
});

test('every public page fits a 360 px and a 390 px phone without sideways scrolling', async ({ page }, info) => {
  const project = info.project.name;
  const fits = (what: string, name: string) => expectFitsPhones(page, what, (width) => shot(page, `25-${name}-${width}`, project));
  const ic = project === 'phone' ? '790303-03-5541' : '790303-03-5559';

  // A complaint with history: an officer's long reply with a file, then the feedback form.
  const db = getDb();
  const filed = await submitComplaint(db, {
    fields: {
      submissionKey: randomUUID(), name: 'Che Wan Zulkifli Bin Che Wan Abdul Rahman', ic, ptj: 'Pejabat Setiausaha Kerajaan Negeri Kelantan',
      phone: '011-2345 6789', email: `zulkifli.${project}${Date.now()}@example.gov.my`, category: 'akses-pengguna',
      title: 'Akses modul perolehan disekat selepas pertukaran jawatan', declaration: 'on',
      description: 'Selepas pertukaran jawatan, akses modul perolehan saya disekat dan baucar tidak dapat disediakan.',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: '192.0.2.77',
  });
  expect(filed.ok).toBe(true);
  if (!filed.ok) return;
  const officer = await createStaffUser(db, {
    name: 'Wan Mohd Hafizuddin Bin Wan Ismail', email: `hafiz.${project}${Date.now()}@pkn.local`, role: 'pegawai', password: 'kata-laluan-pegawai-1',
  });
  await addPublicReply(db, {
    userId: officer.id,
    number: filed.number,
    body: 'Akses telah dipulihkan. Sila rujuk https://ispeks.kelantan.gov.my/panduan/akses-modul-perolehan-selepas-pertukaran-jawatan-2026 untuk langkah seterusnya.',
    status: 'menunggu_pengadu',
    files: [{ name: LONG_PDF, bytes: new Uint8Array(pdf(2_000)) }],
  });

  const form = new ComplaintFormPage(page);
  await form.open();
  await fits('the empty form', 'form');
  await form.submit();
  await expect(form.errorSummaryLines().first()).toBeVisible();
  await fits('the form with errors', 'form-errors');

  const lookup = new LookupPage(page);
  await lookup.open();
  await fits('the lookup', 'semakan');
  await lookup.search(ic);
  await expect(lookup.result(filed.number)).toBeVisible();
  await fits('the lookup results', 'semakan-results');

  await page.goto('/semakan/pautan?token=abc');
  await fits('the strict-lookup link page', 'semakan-pautan');

  await page.goto(complaintLink(filed.number));
  const history = new ComplaintHistoryPage(page);
  await expect(history.heading(filed.number)).toBeVisible();
  await expect(page.getByText(LONG_PDF)).toBeVisible();
  await history.feedbackForm().getByLabel('Lampiran', { exact: true }).setInputFiles([
    { name: LONG_PNG, mimeType: 'image/png', buffer: await png() },
    { name: LONG_PDF, mimeType: 'application/pdf', buffer: pdf(900_000) },
  ]);
  await expect(history.feedbackForm().getByText('2 fail dipilih')).toBeVisible();
  await expect(history.feedbackForm().getByRole('button', { name: `Buang ${LONG_PNG}` })).toHaveText('Buang');
  await fits('the complaint page with history and feedback', 'aduan');
  await expectWithinWidth(page, history.feedbackForm().getByText('879 KB', { exact: true }));
  await noSeriousAxe(page);
});
