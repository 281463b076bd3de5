import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { closeDb, getDb } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { createStaffUser } from '@/lib/staff/users';
import { drainOutbox } from '../support/drain';
import { fakeResendClient } from '../support/fake-resend';
import { noSeriousAxe, shot } from './pages/checks';
import { AccountSecurityPage } from './pages/account-security-page';
import { ConsolePages } from './pages/console-pages';

// Issue #11 items 2 and 3 in a browser (desktop only: one officer's story, not a layout check).
// An officer enrols TOTP by reading the QR code shown on the page (decoded here), keeps the
// recovery codes, signs out, and the session cookie kept from before no longer opens the console;
// a recovery code signs them in once; an admin resets their TOTP and they are emailed.

test.afterAll(async () => {
  await closeDb();
});

const PASSWORD = 'kata-laluan-qr-ujian-1';

test('an officer enrols TOTP from the QR code; signing out ends that session on the server; an admin resets the TOTP', async ({ browser, page }, info) => {
  test.setTimeout(180_000);
  const project = info.project.name;
  const name = `Pegawai QR ${randomUUID().slice(0, 6)}`;
  const email = `qr-${Date.now()}@pkn.local`;
  const officer = await createStaffUser(getDb(), { name, email, role: 'pegawai', password: PASSWORD });

  const console_ = new ConsolePages(page);
  await console_.signIn(email, PASSWORD);
  const account = new AccountSecurityPage(page);
  await account.open();
  await noSeriousAxe(page);
  await shot(page, 'totp-qr-enrolment', project);

  // What a phone's camera reads: the otpauth:// URI with the secret the page also prints.
  const uri = await account.scanQr();
  expect(uri).toMatch(/^otpauth:\/\/totp\//);
  const secret = new URL(uri).searchParams.get('secret')!;
  expect((await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '')).toBe(secret);
  const code = (at = Date.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at });
  await account.activate(code());
  const recovery = await account.recoveryCodes();
  expect(recovery).toHaveLength(10);
  await noSeriousAxe(page);
  await shot(page, 'totp-recovery-codes', project);

  // Keep the session cookie, then sign out.
  await page.getByRole('link', { name: /teruskan ke konsol/ }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  const kept = (await page.context().cookies()).filter((c) => c.name.includes('session-token'));
  expect(kept.length).toBeGreaterThan(0);
  await console_.signOut();

  // The kept cookie in a fresh browser opens nothing.
  const thief = await browser.newContext();
  await thief.addCookies(kept);
  const thiefPage = await thief.newPage();
  await thiefPage.goto('/konsol');
  await expect(thiefPage).toHaveURL(/\/konsol\/log-masuk/);
  await thief.close();

  // A recovery code signs the officer in once, in place of the authenticator's code.
  await page.goto('/konsol/log-masuk');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata laluan').fill(PASSWORD);
  await page.getByLabel('Kod pengesahan').fill(recovery[0]);
  await page.getByRole('button', { name: 'Log Masuk' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await console_.signOut();

  // The admin resets the officer's TOTP.
  await console_.signIn('admin@localhost', 'e2e-admin-password-1');
  await page.goto('/konsol/pegawai');
  const reset = page.getByRole('form', { name: `Tetapkan semula pengesahan dua langkah: ${name}` });
  await reset.getByRole('button', { name: 'Tetapkan semula TOTP' }).click();
  await expect(page.getByText(`Pengesahan dua langkah ${name} telah ditetapkan semula.`)).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, 'totp-admin-reset', project);
  await page.reload();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByRole('form', { name: `Tetapkan semula pengesahan dua langkah: ${name}` })).toHaveCount(0);
  expect((await getDb().select({ totp: users.totpSecret }).from(users).where(eq(users.id, officer.id)))[0].totp).toBeNull();

  await drainOutbox();
  const resend = fakeResendClient(process.env.FAKE_RESEND_URL!);
  const mail = (await resend.emails()).emails.filter((e) => e.to[0] === email);
  expect(mail.map((m) => m.subject)).toEqual([expect.stringContaining('Pengesahan dua langkah anda telah ditetapkan semula')]);
});
