import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { fakeResendClient } from '../support/fake-resend';
import { ComplaintFormPage } from './pages/complaint-form-page';
import { ComplaintHistoryPage, LookupPage } from './pages/lookup-pages';
import { noSeriousAxe, shot } from './pages/checks';

// The seed guide's whole story: file, look up (by IC and by number), read the history with an
// officer's reply, answer with an attachment, close, and get the closing email.

test.afterAll(async () => {
  await closeDb();
});

test('a complainant follows up a complaint from lookup to closing', async ({ page }, info) => {
  // The whole journey in one test (about a minute alone on 2 cores): room for a loaded machine.
  test.setTimeout(180_000);
  const project = info.project.name;
  // A different IC per project run, so each run's lookup lists only its own complaint.
  const ic = project === 'phone' ? '850505-14-6024' : '850505-14-6032';
  const icDigits = ic.replace(/-/g, '');
  const name = 'Wan Nur Aisyah Binti Wan Ahmad';
  const email = `aisyah+${project}${Date.now()}@example.gov.my`;
  const png = await sharp({ create: { width: 160, height: 100, channels: 3, background: '#b45309' } }).png().toBuffer();

  // 1. File the complaint, with an image.
  const form = new ComplaintFormPage(page);
  await form.open();
  await form.fill({
    name,
    ic,
    ptj: 'Pejabat Tanah dan Jajahan Machang',
    phone: '019-876 5432',
    email,
    category: 'Kod Barang / Kod Akaun',
    title: 'Kod iklan tiada',
    description: 'B0229120 Perkhidmatan pengiklanan tidak dijumpai dalam iSPEKS.',
  });
  await form.attach([{ name: 'imgKodIklan.png', mimeType: 'image/png', buffer: png }]);
  await form.declare();
  await form.passCaptcha();
  await form.submit();
  await expect(form.complaintNumber()).toHaveText(/^PKN\d{15}$/, { timeout: 30_000 });
  const number = (await form.complaintNumber().textContent())!;

  // 2. Look it up by IC, with dashes: the list shows it.
  await page.context().clearCookies();
  const lookup = new LookupPage(page);
  await lookup.open();
  await noSeriousAxe(page);
  await lookup.search(ic);
  await expect(lookup.result(number)).toBeVisible();
  await expect(page.getByText('Bil Aging: 0 Hari')).toBeVisible();
  await shot(page, '10-lookup-by-ic', project);

  // 3. Look it up by number: straight to its page.
  await page.context().clearCookies();
  await lookup.open();
  await lookup.search(number);
  const history = new ComplaintHistoryPage(page);
  await expect(history.heading(number)).toBeVisible();
  await expect(page.getByTestId('aging')).toHaveText('Bil Aging Aduan 0 Hari');
  await expect(page.getByRole('img', { name: 'imgKodIklan.png' })).toBeVisible();

  // 4. An officer replies through the service the console uses.
  const officerEmail = `norshafini+${project}${Date.now()}@pkn.local`;
  const officer = await createStaffUser(getDb(), { name: 'Norshafini Binti Md Saidan', email: officerEmail, role: 'pegawai', password: 'kata-laluan-pegawai-1' });
  await addPublicReply(getDb(), {
    userId: officer.id,
    number,
    body: 'Senarai kod barang baru telah dimasukkan. Pohon puan "close" log ini setelah transaksi berkaitan dapat dilakukan. Terima kasih.',
    status: 'menunggu_pengadu',
  });
  await page.reload();
  await expect(page.getByText('Norshafini Binti Md Saidan').first()).toBeVisible();
  await expect(page.getByText(/Pohon puan "close" log ini/)).toBeVisible();
  await expect(page.getByText('Menunggu Pengadu').first()).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '11-history-with-reply', project);

  // 5. Feedback with an attachment hands it back to the officer.
  await history.sendFeedback({
    ic: icDigits,
    name: name.toUpperCase(),
    message: 'Terima kasih. Saya akan cuba semula esok.',
    files: [{ name: 'cubaan.png', mimeType: 'image/png', buffer: png }],
  });
  await expect(page.getByText('Maklumbalas anda telah dihantar.')).toBeVisible();
  await expect(page.getByText('Terima kasih. Saya akan cuba semula esok.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'cubaan.png' })).toBeVisible();
  await shot(page, '12-feedback-sent', project);

  // A wrong name is refused without saying which field was wrong.
  await history.sendFeedback({ ic: icDigits, name: 'Orang Lain', message: 'cubaan' });
  await expect(page.getByRole('alert').filter({ hasText: 'Maklumat pengesahan tidak sepadan dengan aduan ini.' })).toBeVisible();

  // 6. Close it: the form goes away.
  await history.sendFeedback({ ic: icDigits, name, close: true });
  await expect(page.getByText('Aduan ini telah ditutup.')).toBeVisible();
  await expect(history.feedbackForm()).toHaveCount(0);
  await shot(page, '13-closed', project);

  // 7. The closing email reached the complainant, once.
  const resend = fakeResendClient(process.env.FAKE_RESEND_URL!);
  await expect
    .poll(async () => (await resend.emails()).emails.filter((e) => e.to[0] === email && /ditutup/.test(e.subject)).length, { timeout: 30_000 })
    .toBe(1);
  const all = (await resend.emails()).emails.filter((e) => e.to[0] === email);
  for (const e of all) expect(e.html).not.toContain(icDigits);

  // Staff were told of the feedback (no one is assigned yet, so the supervisors and admins are).
  const forStaff = (await resend.emails()).emails.filter((e) => e.subject.startsWith(`Maklumbalas pengadu: ${number}`));
  expect(forStaff.length).toBeGreaterThan(0);
  for (const e of forStaff) expect(e.html).not.toContain(email);
});

test('a guessed complaint address asks for the lookup first', async ({ page }) => {
  await page.goto('/aduan/PKN250101120000123');
  await expect(page.getByRole('heading', { name: 'Sila buat semakan aduan untuk melihat aduan ini.' })).toBeVisible();
});
