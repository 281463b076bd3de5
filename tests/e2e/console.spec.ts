import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { fakeResendClient } from '../support/fake-resend';
import { ConsolePages } from './pages/console-pages';
import { noSeriousAxe, shot } from './pages/checks';

test.afterAll(async () => {
  await closeDb();
});

test('an officer takes a new complaint, replies with a canned response and waits for the complainant', async ({ page, browser }, info) => {
  // The whole story in one test (file, sign in twice, note, reply, public page, email, axe on each
  // page): about a minute alone on 2 cores, so it gets room for a loaded machine.
  test.setTimeout(180_000);
  const project = info.project.name;
  const stamp = `${project}-${Date.now()}`;
  const complainantEmail = `pengadu-${stamp}@example.gov.my`;

  // A complaint arrives through the public intake service.
  const filed = await submitComplaint(getDb(), {
    fields: {
      submissionKey: randomUUID(),
      name: 'Mohd Faizal Bin Ismail',
      ic: '820712-03-5541',
      ptj: 'Jabatan Kerja Raya Negeri Kelantan',
      phone: '017-222 3344',
      email: complainantEmail,
      category: 'pembayaran',
      title: `Bayaran tidak dapat dipos ${stamp}`,
      description: 'Baucar bayaran tidak dapat dipos ke lejar sejak semalam, ralat muncul semasa pengesahan.',
      declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: `192.0.2.${project === 'phone' ? 20 : 10}`,
  });
  expect(filed.ok).toBe(true);
  if (!filed.ok) return;
  const number = filed.number;

  // The admin signs in; an officer account is made through the service the admin pages use.
  const console = new ConsolePages(page);
  await console.signIn('admin@localhost', 'e2e-admin-password-1');
  await noSeriousAxe(page);
  await page.getByRole('link', { name: 'Pegawai', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pegawai', level: 1 })).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '19-console-officers', project);
  for (const [link, heading, name] of [['Tetapan', 'Tetapan Agensi', '19b-console-settings'], ['Jawapan', 'Jawapan Sedia Ada', '19c-console-canned']]) {
    await page.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await noSeriousAxe(page);
    await shot(page, name, project);
  }
  const officerEmail = `faridah-${stamp}@pkn.local`;
  await createStaffUser(getDb(), { name: 'Faridah Binti Yusof', email: officerEmail, role: 'pegawai', password: 'kata-laluan-faridah-1' });
  await console.signOut();

  // The officer signs in and takes the complaint from "Belum diagih".
  await console.signIn(officerEmail, 'kata-laluan-faridah-1');
  await console.openView('Belum diagih');
  await shot(page, '20-console-unassigned', project);
  await console.openComplaint(number);
  await expect(page.getByText('820712-03-5541')).toBeVisible(); // officers see personal data in full
  await page.getByRole('button', { name: 'Ambil aduan ini' }).click();
  await expect(page.getByTestId('assignee')).toHaveText('Faridah Binti Yusof');

  // An internal note first: it must never reach the complainant.
  const composer = console.composer();
  await composer.getByLabel('Nota dalaman').check();
  await composer.getByLabel('Teks').fill(`NOTA-DALAMAN-${stamp}: semak log pelayan.`);
  await composer.getByRole('button', { name: 'Simpan nota dalaman' }).click();
  await expect(page.getByText(`NOTA-DALAMAN-${stamp}: semak log pelayan.`)).toBeVisible();

  // Then a public reply from a canned response, moving it to "Menunggu Pengadu".
  await composer.getByLabel('Balasan awam').check();
  await composer.getByLabel('Jawapan sedia ada').selectOption({ label: 'Maklumat tambahan diperlukan' });
  // Placeholders stay as written in the composer (previewed filled); the server fills them for each complaint.
  await expect(composer.getByLabel('Teks')).toHaveValue(/aduan \{no_aduan\}.*\{nama\}.*\{pegawai\}/s);
  await composer.getByLabel('Tukar status kepada').selectOption({ label: 'Menunggu Pengadu' });
  await composer.getByRole('button', { name: 'Hantar kepada pengadu' }).click();
  // The reply is in the timeline once the action has finished (a "Disimpan." may still be showing from the note).
  await expect(page.locator('[data-event-type="public_reply"]').getByText(/mohon Mohd Faizal Bin Ismail kemukakan/)).toBeVisible();
  await page.reload();
  await expect(page.locator('main header').getByText('Menunggu Pengadu')).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '21-console-complaint', project);

  // The complainant's page shows the reply with the officer's name and time, and not the note.
  const resend = fakeResendClient(process.env.FAKE_RESEND_URL!);
  await expect
    .poll(async () => (await resend.emails()).emails.filter((e) => e.to[0] === complainantEmail && e.subject.startsWith(`Maklumbalas aduan ${number}`)).length, { timeout: 30_000 })
    .toBe(1);
  const all = (await resend.emails()).emails.filter((e) => e.to[0] === complainantEmail);
  for (const e of all) expect(e.html).not.toContain('NOTA-DALAMAN');
  const reply = all.find((e) => e.subject.startsWith(`Maklumbalas aduan ${number}`))!;
  const link = reply.html!.match(/href="(http:\/\/localhost:\d+\/aduan\/[^"]+)"/)![1].replace(/&amp;/g, '&');

  const visitor = await browser.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole('heading', { name: `Sejarah Aduan ${number}` })).toBeVisible();
  await expect(visitor.getByText('Faridah Binti Yusof').first()).toBeVisible();
  await expect(visitor.getByText(/mohon Mohd Faizal Bin Ismail kemukakan tangkap layar/)).toBeVisible();
  await expect(visitor.getByText(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/).first()).toBeVisible();
  expect(await visitor.content()).not.toContain('NOTA-DALAMAN');
  await shot(visitor, '22-public-after-reply', project);
  await visitor.close();
});

test('the sign-in page refuses a wrong password in Malay and keeps the email', async ({ page }) => {
  await page.goto('/konsol/log-masuk');
  await page.getByLabel('Email').fill('admin@localhost');
  await page.getByLabel('Kata laluan').fill('salah-sama-sekali');
  await page.getByRole('button', { name: 'Log Masuk' }).click();
  await expect(page.getByText('Email atau kata laluan salah.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('admin@localhost');
  await noSeriousAxe(page);
});

test('the console sends visitors without a session to sign in', async ({ page }) => {
  await page.goto('/konsol');
  await expect(page).toHaveURL(/\/konsol\/log-masuk/);
});
