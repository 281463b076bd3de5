import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentUrl,
  hasComplaintAccess,
  signComplaintAccess,
  signGrant,
  verifyAttachmentUrl,
} from '@/lib/complaints/access';
import { readPublicAttachment } from '@/lib/complaints/attachment-files';
import { addInternalNote, addPublicReply } from '@/lib/complaints/officer-actions';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, complaints } from '@/lib/db/schema';
import { buildEmails } from '@/lib/notify/complaint-emails';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { pdfBytes, pngBytes, validFields } from '../support/fixtures';
import { fakeResend } from '../support/inspect';
import { dashedIc, drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';

// What the public side may see and receive: masked personal data, no internal notes or their
// files, signed and expiring access to pages and attachments.

withOutboxWorker();

const ip = ipSequence('10.63');
const uniq = () => randomUUID().slice(0, 8);
const MAIL_TEST_MS = 60_000;

const dashed = dashedIc;

const NOTE = 'CATATAN-DALAMAN: pengadu pernah membuat aduan palsu, semak dengan JPN';
const REPLY = 'Kod B0229120 telah ditambah ke dalam senarai. Sila cuba semula.';

type Setup = {
  number: string;
  id: string;
  ic: string;
  email: string;
  officer: { id: string; name: string; email: string };
  noteEventId: number;
  replyEventId: number;
  noteFile: { id: string; fileName: string };
  publicPng: { id: string; contentType: string; sizeBytes: number };
  publicPdf: { id: string };
};

async function setUp(): Promise<Setup> {
  const db = getDb();
  const ic = newIc();
  const email = `pengadu.rahsia.${uniq()}@example.gov.my`;
  const r = await submitComplaint(db, {
    fields: { ...validFields(), ic: dashed(ic), email, phone: '019-876 5432' },
    files: [
      { name: 'skrin.png', bytes: await pngBytes() },
      { name: 'surat.pdf', bytes: pdfBytes() },
    ],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(`could not file a complaint: ${JSON.stringify(r)}`);
  const [row] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.number, r.number));
  const u = uniq();
  const officer = await createStaffUser(db, {
    name: `Encik Pegawai ${u}`,
    email: `pegawai-${u}@pkn.test`,
    role: 'pegawai',
    password: 'kata-laluan-ujian-123',
  });
  const note = await addInternalNote(db, {
    userId: officer.id,
    number: r.number,
    body: NOTE,
    files: [{ name: 'siasatan-dalaman-sulit.pdf', bytes: pdfBytes() }],
  });
  const reply = await addPublicReply(db, { userId: officer.id, number: r.number, body: REPLY });
  const files = await db.select().from(attachments).where(eq(attachments.complaintId, row.id));
  const noteFile = files.find((f) => f.eventId === note.eventId)!;
  const publicPng = files.find((f) => f.contentType === 'image/png')!;
  const publicPdf = files.find((f) => f.contentType === 'application/pdf' && f.eventId !== note.eventId)!;
  return {
    number: r.number,
    id: row.id,
    ic,
    email,
    officer,
    noteEventId: note.eventId,
    replyEventId: reply.eventId,
    noteFile,
    publicPng,
    publicPdf,
  };
}

let s: Setup;
beforeAll(async () => {
  s = await setUp();
});

describe('the public view of a complaint', () => {
  it('shows only masked personal data', async () => {
    const view = await getPublicComplaint(getDb(), s.number);
    expect(view).not.toBeNull();
    const text = JSON.stringify(view);
    for (const secret of [s.ic, dashed(s.ic), s.ic.slice(0, 8), '0198765432', '019-876 5432', s.email]) {
      expect(text).not.toContain(secret);
    }
    expect(view!.complainant.ic).toBe(`******-**-${s.ic.slice(-4)}`);
    expect(view!.complainant.phone).toBe('019-***-**32');
    expect(view!.complainant.email).toBe(`${s.email.slice(0, 2)}***@example.gov.my`);
  });

  it("shows the public reply with the officer's name, and nothing of the internal note", async () => {
    const view = (await getPublicComplaint(getDb(), s.number))!;
    const reply = view.history.find((e) => e.type === 'public_reply');
    expect(reply).toMatchObject({ id: s.replyEventId, body: REPLY, authorName: s.officer.name, authorType: 'staff' });
    expect(view.history.map((e) => e.id)).not.toContain(s.noteEventId);
    expect(view.history.map((e) => e.type)).not.toContain('internal_note');
    const text = JSON.stringify(view);
    expect(text).not.toContain('CATATAN-DALAMAN');
    expect(text).not.toContain(s.noteFile.id);
    expect(text).not.toContain('siasatan-dalaman-sulit');
    // The submission's own files are there.
    expect(view.attachments.map((a) => a.id).sort()).toEqual([s.publicPng.id, s.publicPdf.id].sort());
  });

  it('serves public attachments and refuses internal ones and PDF thumbnails', async () => {
    expect(await readPublicAttachment(getDb(), s.noteFile.id, 'full')).toBeNull();
    expect(await readPublicAttachment(getDb(), s.noteFile.id, 'thumb')).toBeNull();

    const png = await readPublicAttachment(getDb(), s.publicPng.id, 'full');
    expect(png).not.toBeNull();
    expect(png!.contentType).toBe(s.publicPng.contentType);
    expect(png!.body.byteLength).toBe(s.publicPng.sizeBytes);
    expect(png!.inline).toBe(true);

    const thumb = await readPublicAttachment(getDb(), s.publicPng.id, 'thumb');
    expect(thumb?.contentType).toBe('image/png');

    const pdf = await readPublicAttachment(getDb(), s.publicPdf.id, 'full');
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.inline).toBe(false);
    expect(await readPublicAttachment(getDb(), s.publicPdf.id, 'thumb')).toBeNull();

    expect(await readPublicAttachment(getDb(), randomUUID(), 'full')).toBeNull();
    expect(await readPublicAttachment(getDb(), '../../etc/passwd', 'full')).toBeNull();
  });
});

describe('signed access', () => {
  const params = (url: string) => {
    const u = new URL(url, 'http://x.invalid');
    return { id: u.pathname.split('/').pop()!, v: u.searchParams.get('v')!, e: u.searchParams.get('e'), s: u.searchParams.get('s') };
  };

  it('verifies attachment URLs and refuses tampered, transplanted and expired ones', () => {
    const id = randomUUID();
    const p = params(attachmentUrl(id));
    expect(p.id).toBe(id);
    expect(verifyAttachmentUrl(id, p.v, p.e, p.s)).toBe(true);

    const sig = p.s!;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect(verifyAttachmentUrl(id, p.v, p.e, flipped)).toBe(false);
    expect(verifyAttachmentUrl(randomUUID(), p.v, p.e, sig)).toBe(false);
    expect(verifyAttachmentUrl(id, 'thumb', p.e, sig)).toBe(false);
    expect(verifyAttachmentUrl(id, p.v, String(Number(p.e) + 3600), sig)).toBe(false);
    expect(verifyAttachmentUrl(id, p.v, p.e, null)).toBe(false);
    expect(verifyAttachmentUrl(id, p.v, null, sig)).toBe(false);

    const old = params(attachmentUrl(id, 'full', new Date(Date.now() - 11 * 60_000)));
    expect(verifyAttachmentUrl(id, old.v, old.e, old.s)).toBe(false);
  });

  it('opens a page with its own email link only', () => {
    const [a, b] = ['PKN260101080000111', 'PKN260101080000222'];
    const token = signComplaintAccess(a);
    expect(hasComplaintAccess(a, { token })).toBe(true);
    expect(hasComplaintAccess(b, { token })).toBe(false);
    expect(hasComplaintAccess(a, {})).toBe(false);
    expect(hasComplaintAccess(a, { token: `${token}x` })).toBe(false);
  });

  it('opens the granted complaints only, and nothing with an expired or tampered grant', () => {
    const [a, b, c] = ['PKN260101080000111', 'PKN260101080000222', 'PKN260101080000333'];
    const grant = signGrant([a, b]);
    expect(hasComplaintAccess(a, { grantCookie: grant })).toBe(true);
    expect(hasComplaintAccess(b, { grantCookie: grant })).toBe(true);
    expect(hasComplaintAccess(c, { grantCookie: grant })).toBe(false);

    const expired = signGrant([a, b], new Date(Date.now() - 31 * 60_000));
    expect(hasComplaintAccess(a, { grantCookie: expired })).toBe(false);
    expect(hasComplaintAccess(b, { grantCookie: expired })).toBe(false);

    // Adding a number to the signed list, or changing the signature, opens nothing.
    const widened = grant.replace(b, `${b},${c}`);
    expect(hasComplaintAccess(c, { grantCookie: widened })).toBe(false);
    expect(hasComplaintAccess(a, { grantCookie: widened })).toBe(false);
    const sigFlipped = `${grant.slice(0, -1)}${grant.endsWith('A') ? 'B' : 'A'}`;
    expect(hasComplaintAccess(a, { grantCookie: sigFlipped })).toBe(false);
    const later = grant.replace(/^\d+/, (n) => String(Number(n) + 86_400));
    expect(hasComplaintAccess(a, { grantCookie: later })).toBe(false);
    expect(hasComplaintAccess(a, { grantCookie: 'rubbish' })).toBe(false);
  });
});

describe('emails to the complainant', () => {
  it(
    "sends the officer's reply once, with the officer's name and no internal note; a note sends nothing",
    async () => {
      const db = getDb();
      // A fresh complaint, so the beforeAll one's emails do not interfere.
      const ic = newIc();
      const email = `pengadu.emel.${uniq()}@example.gov.my`;
      const r = await submitComplaint(db, {
        fields: { ...validFields(), ic: dashed(ic), email },
        files: [],
        captchaToken: await solvedAltcha(),
        ip: ip(),
      });
      if (!r.ok) throw new Error(JSON.stringify(r));
      const mine = async () => (await fakeResend().emails()).emails.filter((e) => e.to.includes(email));
      await drainOutbox();
      const before = (await mine()).length;
      expect(before).toBe(1); // the submission copy
      await addInternalNote(db, { userId: s.officer.id, number: r.number, body: NOTE });
      await drainOutbox();
      expect((await mine()).length).toBe(before);

      const reply = await addPublicReply(db, { userId: s.officer.id, number: r.number, body: REPLY });
      const key = `officer-reply/${reply.eventId}`;
      await drainOutbox();
      const all = await mine();
      const replies = all.filter((e) => e.idempotencyKey === key);
      expect(replies).toHaveLength(1);
      const [sent] = replies;
      // Submission copy + the reply: the note added nothing.
      expect(all).toHaveLength(before + 1);
      expect(sent.to).toEqual([email]);
      expect(sent.subject).toContain(r.number);
      for (const body of [sent.html ?? '', sent.text ?? '']) {
        expect(body).toContain(s.officer.name);
        expect(body).toContain('B0229120');
        expect(body).not.toContain('CATATAN-DALAMAN');
        expect(body).not.toContain(ic);
        expect(body).not.toContain(dashed(ic));
      }
      const allText = JSON.stringify(await fakeResend().emails());
      expect(allText).not.toContain('CATATAN-DALAMAN');
    },
    MAIL_TEST_MS,
  );

  it("BUG: the submission copy built after an internal note lists the note's file name", async () => {
    // The submission copy is built at delivery time; when delivery is delayed (Resend down, retries)
    // an officer may already have added an internal note with a file.
    const [submitted] = await buildEmails(getDb(), { kind: 'complaint-submitted', complaintId: s.id });
    expect(submitted).toBeDefined();
    for (const body of [submitted.html, submitted.text]) {
      expect(body).toContain('skrin.png');
      expect(body).not.toContain('siasatan-dalaman-sulit');
    }
  });

  it('never lists an internal note file in the reply email', async () => {
    const [reply] = await buildEmails(getDb(), { kind: 'officer-reply', eventId: s.replyEventId, status: 'dalam_tindakan' });
    expect(reply.to).toBe(s.email);
    for (const body of [reply.html, reply.text]) expect(body).not.toContain('siasatan-dalaman-sulit');
    // And a job naming the internal note itself produces nothing.
    expect(await buildEmails(getDb(), { kind: 'officer-reply', eventId: s.noteEventId, status: 'dalam_tindakan' })).toEqual([]);
    expect(await buildEmails(getDb(), { kind: 'feedback-received', eventId: s.noteEventId, closed: false, reopened: false })).toEqual([]);
  });
});

// Sanity check that the setup really made an internal attachment (so the refusals above mean something).
describe('setup', () => {
  it('stored the note file as an internal attachment', async () => {
    const [row] = await getDb()
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, s.noteFile.id), eq(attachments.internal, true)));
    expect(row?.eventId).toBe(s.noteEventId);
  });
});
