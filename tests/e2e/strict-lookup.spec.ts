import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { settings } from '@/lib/db/schema';
import { solvedAltcha } from '../support/captcha';
import { fakeResendClient } from '../support/fake-resend';
import { LookupPage } from './pages/lookup-pages';

// Semakan selamat: the lookup answers the same sentence whatever it finds, and the single-use
// link in the email opens the complaints only when the person presses the button (a mail
// scanner that merely opens the link spends nothing).

test.afterAll(async () => {
  await closeDb();
});

test('strict lookup: the same answer, then a single-use link that opens only on a press', async ({ page, request }) => {
  const db = getDb();
  const email = `selamat-${Date.now()}@example.gov.my`;
  const ic = '770707-07-7071';
  const filed = await submitComplaint(db, {
    fields: {
      submissionKey: randomUUID(), name: 'Rosnah Binti Hassan', ic, ptj: 'Jabatan Pertanian Negeri Kelantan', phone: '013-111 2233',
      email, category: 'akses-pengguna', title: 'Akses pengguna disekat', description: 'Akaun iSPEKS saya disekat selepas tukar kata laluan.', declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: '192.0.2.99',
  });
  expect(filed.ok).toBe(true);
  if (!filed.ok) return;

  await db.update(settings).set({ value: sql`${settings.value} || '{"strictLookup": true}'::jsonb` }).where(eq(settings.key, 'agency'));
  try {
    const lookup = new LookupPage(page);
    await lookup.open();
    await lookup.search(ic);
    await expect(page.getByText(/satu pautan semakan telah dihantar ke email yang didaftarkan/)).toBeVisible();
    await expect(lookup.result(filed.number)).toHaveCount(0);
    await lookup.search('800808-08-8082'); // nobody's: the very same answer
    await expect(page.getByText(/satu pautan semakan telah dihantar ke email yang didaftarkan/)).toBeVisible();

    const resend = fakeResendClient(process.env.FAKE_RESEND_URL!);
    await expect.poll(async () => (await resend.emails()).emails.filter((e) => e.to[0] === email && /Pautan semakan/.test(e.subject)).length, { timeout: 30_000 }).toBe(1);
    const mail = (await resend.emails()).emails.find((e) => e.to[0] === email && /Pautan semakan/.test(e.subject))!;
    const link = mail.html!.match(/href="(http:\/\/localhost:\d+\/semakan\/pautan\?token=[^"]+)"/)![1].replace(/&amp;/g, '&');
    expect(mail.html).not.toContain(filed.number);

    // A scanner opening the link spends nothing.
    expect((await request.get(link)).status()).toBe(200);
    await page.context().clearCookies();
    await page.goto(link);
    await page.getByRole('button', { name: 'Buka aduan saya' }).click();
    await expect(page).toHaveURL(/\/semakan$/);
    await expect(lookup.result(filed.number)).toBeVisible();

    // Used once: the same link opens nothing again.
    await page.context().clearCookies();
    await page.goto(link);
    await page.getByRole('button', { name: 'Buka aduan saya' }).click();
    await expect(page.getByText(/Pautan semakan tidak sah/)).toBeVisible();
    await expect(lookup.result(filed.number)).toHaveCount(0);
  } finally {
    await db.update(settings).set({ value: sql`${settings.value} || '{"strictLookup": false}'::jsonb` }).where(eq(settings.key, 'agency'));
  }
});
