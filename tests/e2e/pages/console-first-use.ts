import { expect, type Page } from '@playwright/test';
import { randomInt, randomUUID } from 'node:crypto';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../../support/captcha';
import { fakeResendClient } from '../../support/fake-resend';
import { ConsolePages } from './console-pages';

// Fixtures of the console's first-use specs (first-use-console*.spec.ts).

const resend = () => fakeResendClient(process.env.FAKE_RESEND_URL!);

/** A valid-looking MyKad number (born 1970–1999, Kelantan). */
const newIc = () => `${randomInt(70, 100)}0${randomInt(1, 10)}1${randomInt(0, 10)}03${String(randomInt(0, 10_000)).padStart(4, '0')}`;

/** Files a complaint through the public intake service; the same `ic` is the same complainant. */
export async function file(opts: { name: string; ic?: string; title: string }) {
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
  return { number: r.number, email, ic, accessToken: r.accessToken };
}

export async function signedInOfficer(page: Page, role: 'pegawai' | 'penyelia', name: string) {
  const email = `pegawai-${randomUUID().slice(0, 8)}@pkn.local`;
  await createStaffUser(getDb(), { name, email, role, password: 'kata-laluan-ujian-123' });
  await new ConsolePages(page).signIn(email, 'kata-laluan-ujian-123');
}

/** The signed link in the newest email to `to` whose subject starts with `subject`. */
export async function linkInEmail(to: string, subject: string) {
  await expect.poll(async () => (await resend().emails()).emails.some((e) => e.to[0] === to && e.subject.startsWith(subject)), { timeout: 30_000 }).toBe(true);
  const email = (await resend().emails()).emails.filter((e) => e.to[0] === to && e.subject.startsWith(subject)).at(-1)!;
  return { email, link: email.html!.match(/href="(http:\/\/localhost:\d+\/aduan\/[^"]+)"/)![1].replace(/&amp;/g, '&') };
}

/** A valid PDF of exactly `size` bytes (a comment line pads it). */
export function pdfOf(size: number): Buffer {
  const head = '%PDF-1.4\n';
  const tail = ['1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj', '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF'].join('\n');
  const pad = size - head.length - tail.length - 2;
  return Buffer.from(`${head}%${'x'.repeat(pad)}\n${tail}`);
}
