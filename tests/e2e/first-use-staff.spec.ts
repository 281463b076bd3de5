import { expect, test, type Browser } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { fakeResendClient } from '../support/fake-resend';
import { drainOutbox } from '../support/drain';
import { ConsolePages } from './pages/console-pages';
import { noSeriousAxe, shot } from './pages/checks';

// What officers hit in their first week: a console in their own language (items 10) and two
// officers on one complaint (item 7).

test.afterAll(async () => {
  await closeDb();
});

async function fileComplaint(stamp: string, email: string, octet: number): Promise<string> {
  const filed = await submitComplaint(getDb(), {
    fields: {
      submissionKey: randomUUID(), name: 'Nor Azlina Binti Hassan', ic: '850214-03-5126', ptj: 'Pejabat Tanah dan Jajahan Kota Bharu',
      phone: '019-333 4455', email, category: 'pembayaran', title: `Baucar tidak dapat diluluskan ${stamp}`,
      description: 'Baucar bayaran tertangguh pada peringkat kelulusan sejak minggu lepas.', declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: `192.0.2.${octet}`,
  });
  if (!filed.ok) throw new Error('could not file the test complaint');
  return filed.number;
}

async function officer(stamp: string, name: string) {
  const email = `${name.split(' ')[0].toLowerCase()}-${stamp}@pkn.local`;
  await createStaffUser(getDb(), { name, email, role: 'pegawai', password: 'kata-laluan-pegawai-1' });
  return { email, password: 'kata-laluan-pegawai-1', name };
}

async function openAs(browser: Browser, who: { email: string; password: string }, number: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await new ConsolePages(page).signIn(who.email, who.password);
  await page.goto(`/konsol/aduan/${number}`);
  await expect(page.getByRole('heading', { name: `Aduan ${number}` })).toBeVisible();
  return page;
}

test('an officer switches the console to English, and it stays English after signing out and in', async ({ page }, info) => {
  test.setTimeout(180_000);
  const project = info.project.name;
  const stamp = `${project}-${Date.now()}`;
  const number = await fileComplaint(stamp, `azlina-${stamp}@example.gov.my`, project === 'phone' ? 41 : 40);
  const me = await officer(stamp, 'Rosnani Binti Ahmad');
  const console = new ConsolePages(page);
  await console.signIn(me.email, me.password);
  await page.goto(`/konsol/aduan/${number}`);
  await page.getByRole('button', { name: 'Tukar bahasa ke English' }).click();

  // Headings, statuses, categories, buttons and event text in English.
  await expect(page.getByRole('heading', { name: `Complaint ${number}` })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main header').getByText('New', { exact: true })).toBeVisible();
  await expect(page.getByText(/· Payments$/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Full history' })).toBeVisible();
  await page.getByRole('button', { name: 'Take this complaint' }).click();
  await expect(page.locator('[data-event-type="assignment"]').getByText('Assigned to Rosnani Binti Ahmad')).toBeVisible();
  // Bad input in English too: closing without a reason.
  await page.getByRole('form', { name: 'Change status' }).getByLabel('Status').selectOption({ label: 'Closed' });
  await page.getByRole('form', { name: 'Change status' }).getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByText('Please give a reason for closing the complaint.')).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '60-console-english-complaint', project);

  await page.getByRole('link', { name: 'Queue', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Queue', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(number) }).getByText('Payments')).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText(/\(Officer\)/);
  await noSeriousAxe(page);
  await shot(page, '61-console-english-queue', project);

  // Signing out and in again (the sign-in page speaks the browser's language): still English.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/konsol\/log-masuk/);
  await console.signIn(me.email, me.password);
  await expect(page.getByRole('heading', { name: 'Queue', level: 1 })).toBeVisible();
  // And back to Malay.
  await page.getByRole('button', { name: 'Tukar bahasa ke Bahasa Melayu' }).click();
  await expect(page.getByRole('heading', { name: 'Baris Gilir', level: 1 })).toBeVisible();
});

test('two officers on one complaint see each other, and the second reply is held until its officer has read the first', async ({ browser }, info) => {
  test.setTimeout(240_000); // two sign-ins, two pages and a drained outbox on a shared machine
  const project = info.project.name;
  const stamp = `${project}-${Date.now()}`;
  const complainant = `azlina-${stamp}@example.gov.my`;
  const number = await fileComplaint(stamp, complainant, project === 'phone' ? 43 : 42);
  const [a, b] = [await officer(stamp, 'Aminah Binti Salleh'), await officer(stamp, 'Badrul Bin Hashim')];
  const viewport = project === 'phone' ? { width: 412, height: 915 } : { width: 1280, height: 900 };
  const pageA = await openAs(browser, a, number, viewport);
  const pageB = await openAs(browser, b, number, viewport);

  // Each sees the other (B at once; A by its next heartbeat).
  await expect(pageB.getByTestId('presence')).toHaveText(new RegExp(a.name));
  await expect(pageA.getByTestId('presence')).toHaveText(new RegExp(b.name), { timeout: 25_000 });

  // A answers first.
  const composerA = new ConsolePages(pageA).composer();
  await composerA.getByLabel('Teks').fill(`Jawapan A ${stamp}: baucar akan diluluskan hari ini.`);
  await composerA.getByRole('button', { name: 'Hantar kepada pengadu' }).click();
  await expect(pageA.locator('[data-event-type="public_reply"]').getByText(`Jawapan A ${stamp}`)).toBeVisible();

  // B, whose page was opened before A's reply, is held and shown A's reply.
  const composerB = new ConsolePages(pageB).composer();
  await composerB.getByLabel('Teks').fill(`Jawapan B ${stamp}: sila hantar semula baucar.`);
  await composerB.getByRole('button', { name: 'Hantar kepada pengadu' }).click();
  const held = pageB.getByTestId('held-send');
  await expect(held).toContainText(`Jawapan A ${stamp}`);
  await expect(held).toContainText(a.name);
  await expect(composerB.getByText(/Tidak dihantar/)).toBeVisible();
  await expect(composerB.getByLabel('Teks')).toHaveValue(`Jawapan B ${stamp}: sila hantar semula baucar.`);
  await noSeriousAxe(pageB);
  await shot(pageB, '62-console-held-reply', project);

  // B has read it and sends anyway.
  await held.getByRole('button', { name: 'Hantar juga' }).click();
  await expect(pageB.locator('[data-event-type="public_reply"]').getByText(`Jawapan B ${stamp}`)).toBeVisible();
  await expect(held).toHaveCount(0);
  await shot(pageB, '63-console-after-confirm', project);

  // Exactly two replies reached the complainant.
  await drainOutbox();
  const resend = fakeResendClient(process.env.FAKE_RESEND_URL!);
  const replies = (await resend.emails()).emails.filter((e) => e.to[0] === complainant && e.subject.startsWith(`Maklumbalas aduan ${number}`));
  expect(replies).toHaveLength(2);
  await pageA.context().close();
  await pageB.context().close();
});
