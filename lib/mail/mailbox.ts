import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import PostalMime, { type Address } from 'postal-mime';
import { MailError, type MailTransport, type OutgoingEmail } from './outgoing';

// The local mailbox: without a Resend key every email lands here as an .eml file, so development
// and tests never need an account, and admins read them in the console (/konsol/peti-mel).
// Writing is idempotent by key; reading decodes with postal-mime (encoded words, folding,
// quoted-printable and base64 bodies).

export type MailboxConfig = {
  from: string;
  dir: string;
  /** The clock that dates and names each file; tests pass their own to order messages. */
  now?: () => Date;
};

export function mailboxTransport(cfg: MailboxConfig): MailTransport {
  return { send: (email) => sendToMailbox(email, cfg) };
}

const inFlight = new Map<string, Promise<{ id: string }>>();

function keyHash(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
}

async function sendToMailbox(email: OutgoingEmail, cfg: MailboxConfig): Promise<{ id: string }> {
  const hash = keyHash(email.idempotencyKey);
  // Two concurrent sends with one key in this process must not both see "no file yet".
  const slot = `${path.resolve(cfg.dir)}\0${hash}`;
  const pending = inFlight.get(slot);
  if (pending) return pending;

  const work = writeToMailbox(email, cfg, hash).finally(() => inFlight.delete(slot));
  inFlight.set(slot, work);
  return work;
}

async function writeToMailbox(email: OutgoingEmail, cfg: MailboxConfig, hash: string): Promise<{ id: string }> {
  try {
    // Messages carry complaint access links: owner-only folder and files (lib/runtime/private-files.ts).
    await mkdir(cfg.dir, { recursive: true, mode: 0o700 });

    const suffix = `_${hash}.eml`;
    const existing = (await readdir(cfg.dir)).find((f) => f.endsWith(suffix));
    if (existing) return { id: existing };

    const now = cfg.now?.() ?? new Date();
    const file = `${now.toISOString().replace(/:/g, '-')}${suffix}`;
    const raw = await new MailComposer({
      from: cfg.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      date: now,
      headers: { 'X-Idempotency-Key': email.idempotencyKey },
    })
      .compile()
      .build();

    // Temp name without `.eml` so listMailbox never sees a half-written message.
    const tmp = path.join(cfg.dir, `.${hash}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, raw, { flag: 'wx', mode: 0o600 });
      await rename(tmp, path.join(cfg.dir, file));
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    return { id: file };
  } catch (err) {
    throw new MailError('Could not write to the local mailbox', { retryable: true, cause: err });
  }
}

export type MailboxEntry = { file: string; date: Date; to: string; subject: string };

/** Messages in the local mailbox, newest first. Reads only each file's header block. */
export async function listMailbox(mailboxDir: string): Promise<MailboxEntry[]> {
  let files: string[];
  try {
    files = (await readdir(mailboxDir)).filter((f) => f.endsWith('.eml') && !f.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }

  const entries = await Promise.all(
    files.map(async (file): Promise<MailboxEntry> => {
      const full = path.join(mailboxDir, file);
      const headers = await PostalMime.parse(await readHead(full));
      const date = dateFromFileName(file) ?? validDate(headers.date) ?? (await stat(full)).mtime;
      return { file, date, to: formatAddresses(headers.to), subject: headers.subject ?? '' };
    }),
  );
  return entries.sort((a, b) => b.date.getTime() - a.date.getTime() || b.file.localeCompare(a.file));
}

/** One stored message's HTML (or its text, escaped), for the console's mailbox viewer. */
export async function readMailboxMessage(mailboxDir: string, file: string): Promise<{ subject: string; html: string } | null> {
  // Only plain names of files we wrote: no paths, no other extensions.
  if (!/^[\w.-]+\.eml$/.test(file) || file.includes('..')) return null;
  let raw: Buffer;
  try {
    raw = await readFile(path.join(mailboxDir, file));
  } catch {
    return null;
  }
  const parsed = await PostalMime.parse(raw);
  const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return { subject: parsed.subject ?? '', html: parsed.html ?? `<pre>${escape(parsed.text ?? '')}</pre>` };
}

const HEAD_BYTES = 16 * 1024;
const HEADER_END = Buffer.from('\n\n');
const HEADER_END_CRLF = Buffer.from('\r\n\r\n');

/** The header block: every byte before the first empty line (within the first 16 KB). */
async function readHead(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    const head = buf.subarray(0, bytesRead);
    const ends = [head.indexOf(HEADER_END_CRLF), head.indexOf(HEADER_END)].filter((i) => i !== -1);
    return ends.length ? head.subarray(0, Math.min(...ends)) : head;
  } finally {
    await fh.close();
  }
}

function formatAddresses(addresses: Address[] | undefined): string {
  return (addresses ?? [])
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((a) => (a.name ? `${a.name} <${a.address}>` : a.address))
    .join(', ');
}

function validDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** `2026-01-02T03-04-05.678Z_<hash>.eml` → the millisecond timestamp it was written with. */
function dateFromFileName(file: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2}(?:\.\d+)?)Z_/.exec(file);
  return m ? validDate(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`) : undefined;
}
