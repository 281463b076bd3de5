import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { changeStatus } from '@/lib/complaints/officer-actions';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { fakeResendClient } from '../support/fake-resend';
import { noSeriousAxe, shot } from './pages/checks';
import { ComplaintHistoryPage, fillVerdict } from './pages/lookup-pages';

// Satisfaction on closing and the appeal (rayuan): the closing form asks Puas hati / Tidak puas
// hati with a rating and a comment, and on a resolved complaint Tidak puas hati opens the appeal;
// the closing email's link opens a page with the same fields that works once, then refuses.

test.afterAll(async () => {
  await closeDb();
});

const NAME = 'Rohana Binti Abdul Latif';
const resend = () => fakeResendClient(process.env.FAKE_RESEND_URL!);

/** A complaint filed through the service, taken by an officer and moved to `to`. */
async function complaintAt(to: 'selesai' | 'ditutup', project: string) {
  const email = `kepuasan-${project}-${randomUUID().slice(0, 8)}@example.gov.my`;
  const ic = `880715-14-${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
  const filed = await submitComplaint(getDb(), {
    fields: {
      submissionKey: randomUUID(), name: NAME, ic, ptj: 'Perbendaharaan Negeri Kelantan', phone: '012-345 6789', email,
      category: 'laporan', title: 'Laporan penyata bulanan tidak lengkap', description: 'Laporan penyata bulanan tidak memaparkan baucar bulan lepas.', declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: `10.223.${project === 'phone' ? 200 : 201}.${Math.floor(Math.random() * 250) + 1}`,
  });
  if (!filed.ok) throw new Error(`could not file: ${JSON.stringify(filed)}`);
  const officer = await createStaffUser(getDb(), { name: 'Azman Bin Yusof', email: `azman-${randomUUID().slice(0, 8)}@pkn.local`, role: 'pegawai', password: 'kata-laluan-pegawai-1' });
  await changeStatus(getDb(), { userId: officer.id, number: filed.number, to: 'selesai' });
  if (to === 'ditutup') await changeStatus(getDb(), { userId: officer.id, number: filed.number, to: 'ditutup', reason: 'Baucar telah dipaparkan semula.' });
  return { number: filed.number, ic, email };
}

/** The first path matching `pattern` in the emails sent to `to` (the app's own worker delivers them). */
async function linkFrom(to: string, pattern: RegExp): Promise<string> {
  let found = '';
  await expect
    .poll(async () => {
      const texts = (await resend().emails()).emails.filter((e) => e.to.includes(to)).map((e) => e.text ?? '');
      found = texts.map((t) => t.match(pattern)?.[0]).find(Boolean) ?? '';
      return found;
    }, { timeout: 45_000 })
    .not.toBe('');
  return found;
}

async function passCaptcha(page: Page) {
  const widget = page.locator('altcha-widget');
  await widget.locator('input[type="checkbox"]').click({ force: true });
  await expect(widget.locator('input[name="altcha"]')).toHaveValue(/.+/, { timeout: 30_000 });
}

test('the closing form asks for satisfaction; Tidak puas hati on a resolved complaint opens the appeal', async ({ page }, info) => {
  test.setTimeout(120_000);
  const project = info.project.name;
  const c = await complaintAt('selesai', project);
  await page.goto(await linkFrom(c.email, new RegExp(`/aduan/${c.number}\\?t=[\\w.-]+`)));
  const history = new ComplaintHistoryPage(page);
  const form = history.feedbackForm();
  await form.getByLabel('ID Pengguna').fill(c.ic.replace(/-/g, ''));
  await form.getByLabel(/^Nama/).fill(NAME);
  await expect(form.getByTestId('satisfaction-fields')).toHaveCount(0);
  await form.getByLabel('Tutup Aduan: Saya ingin menutup aduan ini.').check();
  await expect(form.getByText('aduan ini akan dibuka semula sebagai rayuan', { exact: false })).toBeVisible();

  // No choice: refused beside the field, what was typed kept.
  await fillVerdict(form, { rating: 2, comment: 'Baucar masih tiada.' });
  await passCaptcha(page);
  await form.getByRole('button', { name: 'Hantar' }).click();
  await expect(form.getByText('Sila pilih Puas hati atau Tidak puas hati.')).toBeVisible();
  await expect(form.getByLabel('Ulasan (pilihan)')).toHaveValue('Baucar masih tiada.');
  await expect(form.getByLabel('ID Pengguna')).toHaveValue(c.ic.replace(/-/g, ''));
  await noSeriousAxe(page);
  await shot(page, '60-closing-verdict-refused', project);

  await fillVerdict(form, { satisfied: false });
  await form.getByRole('button', { name: 'Hantar' }).click();
  await expect(page.getByText(/Rayuan anda telah dibuka\. .*sebelum \d{2}-\d{2}-\d{4}/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('appeal-banner')).toContainText('Rayuan sedang diproses');
  await expect(page.getByText('Dalam Tindakan').first()).toBeVisible();
  await expect(page.getByText('Pengadu tidak berpuas hati (penilaian 2/5)')).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '61-appeal-opened', project);
});

test('the closing email link records the verdict once, then refuses', async ({ page }, info) => {
  test.setTimeout(120_000);
  const project = info.project.name;
  const c = await complaintAt('ditutup', project);
  const link = await linkFrom(c.email, new RegExp(`/aduan/${c.number}/kepuasan\\?t=[\\w.-]+`));
  await page.goto(link);
  await expect(page.getByRole('heading', { name: `Penilaian kepuasan aduan ${c.number}` })).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '62-link-form', project);

  // Bad input: Malay messages beside the fields, nothing recorded, the choice kept.
  await fillVerdict(page.locator('form'), { satisfied: true });
  await page.getByRole('button', { name: 'Hantar penilaian' }).click();
  await expect(page.getByText('Sila pilih penilaian 1 hingga 5.')).toBeVisible();
  await expect(page.getByLabel('Puas hati', { exact: true })).toBeChecked();
  await noSeriousAxe(page);

  await fillVerdict(page.locator('form'), { rating: 5, comment: 'Pantas dan jelas.' });
  await page.getByRole('button', { name: 'Hantar penilaian' }).click();
  await expect(page.getByText('Terima kasih. Penilaian anda telah direkodkan.')).toBeVisible();
  await shot(page, '63-link-recorded', project);

  // Used: the same link now refuses; a forged one too.
  await page.goto(link);
  await expect(page.getByRole('alert').filter({ hasText: 'Penilaian bagi aduan ini telah pun direkodkan. Terima kasih.' })).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '64-link-used', project);
  await page.goto(`${link.slice(0, -3)}xyz`);
  await expect(page.getByRole('alert').filter({ hasText: 'Pautan ini tidak sah.' })).toBeVisible();
});
