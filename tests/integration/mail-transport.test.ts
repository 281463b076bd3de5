import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
// postal-mime is the resend SDK's own MIME parser; used here as an independent check of the .eml.
import PostalMime from 'postal-mime';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { listMailbox, mailboxTransport, readMailboxMessage } from '../../lib/mail/mailbox';
import { mailTransport, MailError, type MailConfig, type OutgoingEmail } from '../../lib/mail/transport';
import {
  renderComplaintSubmitted,
  type ComplaintSubmittedEmail,
} from '../../lib/mail/templates/complaint-submitted';

const FROM = 'Helpdesk iSPEKS <helpdesk@example.test>';

/** Sends through the transport the configuration chooses, as the outbox worker does. */
const sendEmail = (e: OutgoingEmail, cfg: MailConfig) => mailTransport(cfg).send(e);

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    to: 'pengadu@example.test',
    subject: 'Aduan KEL-2026-000123 diterima / Complaint received — Helpdesk iSPEKS',
    html: '<p>Terima kasih</p>',
    text: 'Terima kasih',
    idempotencyKey: 'complaint-submitted:123',
    ...overrides,
  };
}

async function mailError(p: Promise<unknown>): Promise<MailError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailError);
  return err as MailError;
}

describe('sendEmail via Resend', () => {
  let fake: FakeResend;
  let cfg: MailConfig;

  beforeAll(async () => {
    fake = await startFakeResend();
    cfg = { from: FROM, resendApiKey: 're_test_x', resendBaseUrl: fake.url, mailboxDir: '/nonexistent' };
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('delivers through the SDK with recipient, subject and idempotency key', async () => {
    const sent = await sendEmail(email(), cfg);

    expect(fake.emails).toHaveLength(1);
    const got = fake.emails[0];
    expect(sent.id).toBe(got.id);
    expect(got.from).toBe(FROM);
    expect(got.to).toEqual(['pengadu@example.test']);
    expect(got.subject).toBe(email().subject);
    expect(got.html).toBe('<p>Terima kasih</p>');
    expect(got.text).toBe('Terima kasih');
    expect(got.idempotencyKey).toBe('complaint-submitted:123');
  });

  it('sends once per idempotency key and returns the same id', async () => {
    const first = await sendEmail(email(), cfg);
    const second = await sendEmail(email(), cfg);
    expect(second.id).toBe(first.id);
    expect(fake.emails).toHaveLength(1);

    await sendEmail(email({ idempotencyKey: 'complaint-submitted:124' }), { ...cfg, resendBaseUrl: `${fake.url}/` });
    expect(fake.emails).toHaveLength(2);
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [422, false],
    [400, false],
  ])('maps HTTP %i to MailError retryable=%s without leaking the recipient', async (status, retryable) => {
    fake.failNext(1, status);
    const err = await mailError(sendEmail(email(), cfg));
    expect(err.retryable).toBe(retryable);
    expect(err.status).toBe(status);
    expect(err.message).not.toContain('pengadu@example.test');
    expect(fake.emails).toHaveLength(0);

    // The failure was not recorded, so a retry with the same key goes through.
    await sendEmail(email(), cfg);
    expect(fake.emails).toHaveLength(1);
  });

  it('defaults failNext to 500 and rejects a missing API key with 401', async () => {
    fake.failNext(1);
    expect((await mailError(sendEmail(email(), cfg))).status).toBe(500);

    const res = await fetch(`${fake.url}/emails`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect((await fetch(`${fake.url}/domains`, { method: 'GET' })).status).toBe(404);
  });

  it('treats a refused connection as retryable', async () => {
    const err = await mailError(sendEmail(email(), { ...cfg, resendBaseUrl: 'http://127.0.0.1:1' }));
    expect(err.retryable).toBe(true);
    expect(err.status).toBeUndefined();
  });

  it('gives up after the timeout and reports it as retryable', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = http.createServer(() => undefined); // accepts, never answers
    silent.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const err = await mailError(
        sendEmail(email(), { ...cfg, resendBaseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }),
      );
      expect(err.retryable).toBe(true);
      expect(err.message).toMatch(/timed out/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});

describe('sendEmail to the local mailbox', () => {
  let dir: string;
  let cfg: MailConfig;

  beforeAll(async () => {
    dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'ispeks-mailbox-')), 'nested', 'mailbox');
    cfg = { from: FROM, mailboxDir: dir };
  });
  afterAll(async () => {
    await rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  });

  it('writes one parseable .eml per idempotency key', async () => {
    const first = await sendEmail(email(), cfg);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toBe(first.id);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z_[0-9a-f]{16}\.eml$/);

    const second = await sendEmail(email({ subject: 'changed' }), cfg);
    expect(second.id).toBe(first.id);
    expect(await readdir(dir)).toEqual(files);

    const raw = await readFile(path.join(dir, files[0]));
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe(email().subject);
    expect(parsed.to?.[0]?.address).toBe('pengadu@example.test');
    expect(parsed.html).toContain('<p>Terima kasih</p>');
    expect(parsed.text?.trim()).toBe('Terima kasih');
    expect(parsed.headers.find((h) => h.key === 'x-idempotency-key')?.value).toBe('complaint-submitted:123');
  });

  it('deduplicates concurrent sends with the same key', async () => {
    const key = 'concurrent:1';
    const results = await Promise.all([1, 2, 3].map(() => sendEmail(email({ idempotencyKey: key }), cfg)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect((await readdir(dir)).filter((f) => f === results[0].id)).toHaveLength(1);
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('lists the mailbox newest first with decoded headers', async () => {
    // Dated after the two messages above by its own clock, not by waiting for the real one to move.
    const later = mailboxTransport({ from: FROM, dir, now: () => new Date('2100-01-01T00:00:00.000Z') });
    const latest = await later.send(email({ idempotencyKey: 'latest', subject: 'Ujian terbaru — ünïcödé' }));

    const list = await listMailbox(dir);
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ file: latest.id, to: 'pengadu@example.test', subject: 'Ujian terbaru — ünïcödé' });
    expect(list[2].subject).toBe(email().subject);
    expect(list[0].date.toISOString()).toBe('2100-01-01T00:00:00.000Z');
    expect(list[1].date.getTime()).toBeGreaterThanOrEqual(list[2].date.getTime());
    expect(await listMailbox(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('reading the local mailbox back', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ispeks-mailbox-read-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Written by hand, the way other mailers write them: the subject in RFC 2047 encoded words,
  // folded over three lines, with the em dash's three bytes split between two words; the
  // recipient's name base64-encoded; the body base64.
  const foldedSubject = [
    'Subject: =?UTF-8?Q?Aduan_PKN-2026-000123_diterima_=E2=80?=',
    ' =?UTF-8?Q?=94_Complaint_received_=E2=80=94_Perbendaharaan_Negeri_Kel?=',
    ' =?UTF-8?B?YW50YW4gKMO8bsOvY8O2ZMOpKQ==?=',
  ].join('\r\n');
  const subject = 'Aduan PKN-2026-000123 diterima — Complaint received — Perbendaharaan Negeri Kelantan (ünïcödé)';
  const html = '<p>Aduan anda — diterima. Terima kasih, Cik Ünïcödé.</p>';

  it('decodes encoded-word headers and a base64 HTML body', async () => {
    const file = '2026-01-03T04-05-06.789Z_00000000000000a1.eml';
    const raw = [
      'From: Helpdesk iSPEKS <helpdesk@example.test>',
      `To: =?UTF-8?B?${Buffer.from('Siti Ämînah').toString('base64')}?= <siti@example.test>`,
      foldedSubject,
      'Date: Sat, 03 Jan 2026 04:05:06 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n'),
      '',
    ].join('\r\n');
    await writeFile(path.join(dir, file), raw);

    const [entry] = (await listMailbox(dir)).filter((m) => m.file === file);
    expect(entry).toEqual({ file, date: new Date('2026-01-03T04:05:06.789Z'), to: 'Siti Ämînah <siti@example.test>', subject });
    expect(await readMailboxMessage(dir, file)).toEqual({ subject, html });
  });

  it('decodes a quoted-printable text body with soft line breaks, shown escaped', async () => {
    const file = '2026-01-03T04-05-07.000Z_00000000000000a2.eml';
    const raw = [
      'From: Helpdesk iSPEKS <helpdesk@example.test>',
      'To: pengadu@example.test',
      foldedSubject,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Baris satu =E2=80=94 status: Dalam Tindakan, dikemas kini oleh pegawai yang d=',
      'iberi tugas =C3=BC',
      'Baris dua <b>tebal?</b>',
      '',
    ].join('\r\n');
    await writeFile(path.join(dir, file), raw);

    const message = await readMailboxMessage(dir, file);
    expect(message?.subject).toBe(subject);
    expect(message?.html).toBe(
      '<pre>Baris satu — status: Dalam Tindakan, dikemas kini oleh pegawai yang diberi tugas ü\nBaris dua &#60;b&#62;tebal?&#60;/b&#62;\n</pre>',
    );
  });

  it('reads back what the mailbox transport wrote: a long Malay subject and non-ASCII HTML', async () => {
    const long = `Aduan diterima — ${'Perbendaharaan Negeri Kelantan, '.repeat(4)}ünïcödé`;
    const body = '<p>Status: Dalam Tindakan — “dikemas kini”. Ünïcödé ✓</p>';
    const sent = await mailboxTransport({ from: FROM, dir }).send(email({ idempotencyKey: 'read-back', subject: long, html: body }));

    const raw = await readFile(path.join(dir, sent.id), 'utf8');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m); // really encoded, and folded over several lines:
    expect(raw.split(/\r\n\r\n/)[0]).toMatch(/\?=\r\n =\?UTF-8\?/);
    const [entry] = (await listMailbox(dir)).filter((m) => m.file === sent.id);
    expect(entry.subject).toBe(long);
    expect((await readMailboxMessage(dir, sent.id))?.html).toContain(body);
  });

  it('refuses names that are not plain .eml files of the mailbox', async () => {
    for (const name of ['../secrets.json', '..eml', 'a/b.eml', 'x.txt', 'missing.eml']) {
      expect(await readMailboxMessage(dir, name)).toBeNull();
    }
  });
});

describe('complaint-submitted template', () => {
  const data: ComplaintSubmittedEmail = {
    agencyName: 'Perbendaharaan Negeri Kelantan',
    agencyAddress: 'Aras 1, Blok 6\nKota Darulnaim\n15503 Kota Bharu, Kelantan',
    agencyPhone: '09-000 0000',
    agencyEmail: 'helpdesk@example.test',
    agencyWebsite: 'https://example.test',
    complaintNo: 'KEL-2026-000123',
    submittedAt: '05-01-2026 14:30',
    name: 'Siti <b>Aminah</b>',
    icMasked: '******-**-5678',
    ptj: 'Jabatan Contoh',
    phoneMasked: '01*-*** 4567',
    emailMasked: 's***@example.test',
    category: 'Akaun',
    title: '<script>alert(1)</script>',
    description: 'Baris satu\nBaris dua <script>alert(1)</script>',
    attachments: ['resit.pdf', 'gambar <x>.png'],
    complaintUrl: 'https://helpdesk.example.test/aduan/KEL-2026-000123?t=abc',
  };

  it('renders subject, masked details and escaped user text', async () => {
    const out = await renderComplaintSubmitted(data);

    expect(out.subject).toBe('Aduan KEL-2026-000123 diterima / Complaint received — Helpdesk iSPEKS');
    expect(out.html).not.toMatch(/<script/i);
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out.html).not.toContain('<b>Aminah</b>');
    expect(out.html).toContain('Baris satu<br/>Baris dua');
    expect(out.html).toContain('href="https://helpdesk.example.test/aduan/KEL-2026-000123?t=abc"');
    expect(out.html).toContain('Lihat aduan anda');
    expect(out.html).toContain('******-**-5678');
    expect(out.html).toContain('resit.pdf');
    expect(out.html.indexOf('Maklumat Pengadu')).toBeLessThan(out.html.indexOf('English.'));
    expect(out.text).toContain('KEL-2026-000123');
    expect(out.text).toContain('<script>alert(1)</script>'); // plain text shows it literally, as text

    for (const body of [out.html, out.text]) {
      expect(body).not.toMatch(/\d{6}-?\d{2}-?\d{4}/); // no full IC anywhere
    }
  });

  it('never prints a full IC even if one is passed by mistake, and drops non-http links', async () => {
    const out = await renderComplaintSubmitted({
      ...data,
      icMasked: '900101-03-5678',
      complaintUrl: 'javascript:alert(1)',
    });
    expect(out.html).not.toContain('900101');
    expect(out.html).toContain('******-**-5678');
    expect(out.html).not.toContain('javascript:');
  });
});
