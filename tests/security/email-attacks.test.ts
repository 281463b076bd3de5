import { describe, expect, it } from 'vitest';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { MailError, mailTransport } from '@/lib/mail/transport';
import { solvedAltcha } from '../support/captcha';
import { pngBytes, validFields } from '../support/fixtures';
import { activeMarkup, visibleText } from '../support/html-safety';
import { fakeResend } from '../support/inspect';
import { newOfficer } from '../support/officer-fixtures';
import { dashedIc, drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';

// Threats: (1) stored XSS in email — what a complainant or an officer typed (title, description,
// PTJ, a reply, a file name) arriving as markup in someone's mail client; (2) email header
// injection — a line break in a name, an email address or a subject adding headers (Bcc:) or a
// body of its own. Emails are built from React (values are children, escaped); subjects carry no
// free text; addresses are validated; and the transport refuses any header value with a break.

withOutboxWorker();
const ip = ipSequence('10.156.2');

const payloads = {
  title: `<script>alert('xss-title')</script> Tajuk`,
  description: `Huraian <img src=x onerror=alert('xss-desc')> dan <a href="javascript:alert('xss-link')">pautan</a> yang cukup panjang.`,
  ptj: `"><svg onload=alert('xss-ptj')> PTJ`,
  reply: `Jawapan <iframe src="javascript:alert('xss-reply')"></iframe> <b onmouseover=alert('xss-b')>tebal</b>`,
  fileName: `<img src=x onerror=alert('xss-file')>.png`,
};

async function file(fields: Record<string, unknown>, files: { name: string; bytes: Uint8Array }[] = []) {
  return submitComplaint(getDb(), { fields: { ...validFields(), ...fields }, files, captchaToken: await solvedAltcha(), ip: ip() });
}

describe('stored XSS in every email', () => {
  it('payloads in the title, description, PTJ, a file name and an officer reply arrive as text, never as markup', async () => {
    const ic = newIc();
    const email = `xss.${ic}@example.gov.my`;
    const r = await file({ ic: dashedIc(ic), email, title: payloads.title, description: payloads.description, ptj: payloads.ptj }, [{ name: payloads.fileName, bytes: await pngBytes() }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const officer = await newOfficer();
    await addPublicReply(getDb(), { userId: officer.id, number: r.number, body: payloads.reply });
    await drainOutbox();
    const mails = (await fakeResend().emails()).emails.filter((m) => m.to.includes(email));
    expect(mails.length).toBeGreaterThanOrEqual(2); // the acknowledgement and the reply
    for (const m of mails) {
      expect(activeMarkup(m.html ?? ''), m.subject).toEqual([]);
      // And the raw text: no tag of the payloads' survives (their words are escaped text).
      expect(m.html).not.toMatch(/<(script|img|svg|iframe|b)\b[^>]*\son\w+=|<script|<iframe|href="javascript:/i);
      expect(m.text ?? '').not.toMatch(/[\r](?!\n)/);
    }
    const shown = mails.map((m) => visibleText(m.html ?? '')).join('\n');
    expect(shown).toContain(`alert('xss-title')`); // shown as the words typed
    expect(shown).toContain(`alert('xss-reply')`);
  });
});

describe('email header injection', () => {
  it('a line break in the name or email address is refused at the form, nothing is sent', async () => {
    const ic = newIc();
    const before = (await fakeResend().emails()).attempts;
    const byName = await file({ ic: dashedIc(ic), name: 'Siti\r\nBcc: mangsa@example.com', email: `hdr.${ic}@example.gov.my` });
    const byEmail = await file({ ic: dashedIc(ic), email: `hdr.${ic}@example.gov.my\r\nBcc: mangsa@example.com` });
    const byEmail2 = await file({ ic: dashedIc(ic), email: `hdr.${ic}@example.gov.my\nSubject: palsu` });
    expect(byName).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { name: expect.any(String) } });
    expect(byEmail).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { email: expect.any(String) } });
    expect(byEmail2).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { email: expect.any(String) } });
    await drainOutbox();
    expect((await fakeResend().emails()).attempts).toBe(before);
  });

  it('a line break in the title never reaches a subject: one email, to the complainant only', async () => {
    const ic = newIc();
    const email = `subjek.${ic}@example.gov.my`;
    const r = await file({ ic: dashedIc(ic), email, title: 'Tajuk\r\nBcc: mangsa@example.com\r\n\r\n<h1>palsu</h1>' });
    if (r.ok) {
      await drainOutbox();
      const mails = (await fakeResend().emails()).emails.filter((m) => m.subject.includes(r.number));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual([email]);
      expect(mails[0]!.subject).not.toMatch(/[\r\n]|Bcc/i);
    } else {
      expect(r).toMatchObject({ reason: 'invalid', fieldErrors: { title: expect.any(String) } });
    }
  });

  it('the transport refuses any header value with a line break (subject, address, file name): nothing reaches Resend', async () => {
    const env = getEnv();
    const transport = mailTransport({ from: env.MAIL_FROM, resendApiKey: env.RESEND_API_KEY, resendBaseUrl: env.RESEND_BASE_URL, mailboxDir: '/nonexistent' });
    const before = (await fakeResend().emails()).attempts;
    const base = { to: 'a@example.gov.my', subject: 'Ujian', html: '<p>x</p>', text: 'x', idempotencyKey: `hdr-${Date.now()}` };
    const attempts = [
      { ...base, subject: 'Ujian\r\nBcc: mangsa@example.com' },
      { ...base, to: 'a@example.gov.my\nBcc: mangsa@example.com' },
      { ...base, attachments: [{ filename: 'laporan.xlsx\r\nContent-Type: text/html', content: Buffer.from('x'), contentType: 'text/plain' }] },
    ];
    for (const email of attempts) {
      const err = await transport.send(email).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(MailError);
      expect((err as MailError).retryable).toBe(false);
    }
    expect((await fakeResend().emails()).attempts).toBe(before);
  });
});
