import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { fakeResendClient } from '../support/fake-resend';
import { noSeriousAxe, shot } from './pages/checks';
import { ComplaintFormPage, type Complainant } from './pages/complaint-form-page';

const person = (): Complainant => ({
  name: 'Norshafini Binti Md Saidan',
  ic: '900215-03-5127',
  ptj: 'Perbendaharaan Negeri Kelantan',
  phone: '013-987 6543',
  email: `pengadu+${Date.now()}@example.gov.my`,
  category: 'Kod Barang / Kod Akaun',
  title: 'Kod iklan tiada',
  description: 'B0229120 Perkhidmatan pengiklanan tidak wujud dalam senarai kod barang.\nSila tambah.',
});

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF',
);

test('a complainant files a complaint with a PNG and a PDF and gets the number and an email', async ({ page }, info) => {
  const form = new ComplaintFormPage(page);
  const c = person();
  await form.open();

  await noSeriousAxe(page);
  await shot(page, '01-form-empty', info.project.name);

  await form.fill(c);
  const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#1d4f91' } }).png().toBuffer();
  await form.attach([
    { name: 'skrin-ralat.png', mimeType: 'image/png', buffer: png },
    { name: 'surat.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  await expect(page.getByRole('button', { name: 'Buang skrin-ralat.png' })).toBeVisible();
  await form.declare();
  await form.passCaptcha();
  await shot(page, '02-form-filled', info.project.name);
  await form.submit();

  await expect(form.complaintNumber()).toHaveText(/^PKN\d{15}$/, { timeout: 30_000 });
  const number = (await form.complaintNumber().textContent())!;
  await expect(page.getByRole('heading', { name: 'Aduan anda telah diterima' })).toBeVisible();
  await shot(page, '03-receipt', info.project.name);

  const resend = fakeResendClient(process.env.FAKE_RESEND_URL!);
  await expect
    .poll(async () => (await resend.emails()).emails.filter((e) => e.subject.includes(number)).length, { timeout: 30_000 })
    .toBe(1);
  const email = (await resend.emails()).emails.find((e) => e.subject.includes(number))!;
  expect(email.to).toEqual([c.email]);
  expect(email.html).not.toContain('900215035127');
  expect(email.html).toContain('******-**-5127');

  // The link in the receipt opens the complaint's page, with personal data masked.
  await page.getByRole('link', { name: 'Lihat aduan ini' }).click();
  await expect(page.getByRole('heading', { name: `Aduan ${number}` })).toBeVisible();
  await expect(page.getByText('******-**-5127')).toBeVisible();
  await expect(page.getByText('skrin-ralat.png')).toBeVisible();
  const html = await page.content();
  for (const secret of ['900215', '0139876543', '013-987 6543', c.email]) expect(html).not.toContain(secret);
  await shot(page, '04-complaint-page', info.project.name);
});

test('bad input gets Malay messages beside the fields and keeps what was typed', async ({ page }, info) => {
  const form = new ComplaintFormPage(page);
  await form.open();
  await form.fill({ ...person(), ic: '010229-03-5123', phone: '03-2691 2345', description: 'terlalu pendek' });
  await form.submit();

  await expect(form.fieldError('ic')).toHaveText(/Tarikh lahir dalam No Kad Pengenalan tidak sah/);
  await expect(form.fieldError('phone')).toHaveText(/No telefon bimbit tidak sah/);
  await expect(form.fieldError('description')).toHaveText(/sekurang-kurangnya 20 aksara/);
  await expect(page.getByRole('alert').filter({ hasText: 'Sila betulkan ralat berikut' })).toBeVisible();
  await expect(page.getByLabel('Nama Penuh')).toHaveValue('Norshafini Binti Md Saidan');
  await expect(page.getByLabel('Tajuk Aduan')).toHaveValue('Kod iklan tiada');
  await expect(page.getByLabel('No Kad Pengenalan')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, '05-form-errors', info.project.name);

  await noSeriousAxe(page);

  // Fixing the fields and submitting again works without retyping the rest.
  await page.getByLabel('No Kad Pengenalan').fill('880101035123');
  await page.getByLabel('No Telefon Bimbit').fill('+6012-345 6789');
  await page.getByLabel('Keterangan Terperinci').fill('Transaksi bayaran tidak dapat dipos sejak pagi tadi.');
  await form.declare();
  await form.passCaptcha();
  await form.submit();
  await expect(form.complaintNumber()).toHaveText(/^PKN\d{15}$/, { timeout: 30_000 });
});

test('the form can be completed with the keyboard alone', async ({ page }) => {
  const form = new ComplaintFormPage(page);
  await form.open();
  await page.keyboard.press('Tab'); // skip link
  await expect(page.getByRole('link', { name: 'Langkau ke kandungan utama' })).toBeFocused();
  await page.getByLabel('Nama Penuh').focus();
  await page.keyboard.type('Ahmad Bin Ali');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('No Kad Pengenalan')).toBeFocused();
});

test('the language switch shows the form in English', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Tukar bahasa ke English' }).click();
  await expect(page.getByRole('heading', { name: 'Complaint Form' })).toBeVisible();
  await expect(page.getByLabel('Full Name')).toBeVisible();
  await page.getByRole('button', { name: 'Tukar bahasa ke Bahasa Melayu' }).click();
  await expect(page.getByRole('heading', { name: 'Borang Aduan' })).toBeVisible();
});

test('text with <script> in it is kept as text on the complaint page and never runs', async ({ page }) => {
  const form = new ComplaintFormPage(page);
  await form.open();
  const title = 'Ralat <script>window.__diserang = 1</script> pada skrin';
  await form.fill({ ...person(), title, description: 'Keterangan <img src=x onerror="window.__diserang = 2"> tamat.' });
  await form.declare();
  await form.passCaptcha();
  await form.submit();
  await expect(form.complaintNumber()).toHaveText(/^PKN\d{15}$/, { timeout: 30_000 });
  await page.getByRole('link', { name: 'Lihat aduan ini' }).click();
  await expect(page.getByText(title)).toBeVisible();
  await expect(page.getByText('Keterangan <img src=x onerror="window.__diserang = 2"> tamat.')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __diserang?: number }).__diserang)).toBeUndefined();
});
