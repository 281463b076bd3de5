import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { Resend } from 'resend';

// The one way the app sends email. With a Resend API key it goes through the Resend SDK;
// without one it lands as an .eml file in a local mailbox directory, so development and
// tests never need an account. The recipient address is personal data: it never goes into
// logs or error messages from here.

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Same key ⇒ same email: retries never send twice (Resend honours it for 24 h). */
  idempotencyKey: string;
};

export type MailConfig = {
  from: string;
  resendApiKey?: string;
  resendBaseUrl?: string;
  mailboxDir: string;
  /** Resend request timeout; defaults to 15 s. */
  timeoutMs?: number;
};

export class MailError extends Error {
  readonly retryable: boolean;
  readonly status?: number;

  constructor(message: string, opts: { retryable: boolean; status?: number; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'MailError';
    this.retryable = opts.retryable;
    this.status = opts.status;
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;

export async function sendEmail(email: OutgoingEmail, cfg: MailConfig): Promise<{ id: string }> {
  // Resend rejects keys outside 1–256 characters; apply the same rule locally so both modes agree.
  if (email.idempotencyKey.length < 1 || email.idempotencyKey.length > 256) {
    throw new MailError('Idempotency key must be 1–256 characters', { retryable: false });
  }
  return cfg.resendApiKey ? sendViaResend(email, cfg, cfg.resendApiKey) : sendToMailbox(email, cfg);
}

// ---------------------------------------------------------------------------------------------
// Resend

async function sendViaResend(email: OutgoingEmail, cfg: MailConfig, apiKey: string): Promise<{ id: string }> {
  // The SDK joins `${baseUrl}${path}` verbatim, so a trailing slash would yield `//emails`.
  const baseUrl = cfg.resendBaseUrl?.replace(/\/+$/, '');
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The SDK has no timeout option but forwards `signal` to fetch.
  const signal = AbortSignal.timeout(timeoutMs);

  let result: Awaited<ReturnType<typeof resend.emails.send>>;
  try {
    result = await resend.emails.send(
      { from: cfg.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
      { idempotencyKey: email.idempotencyKey, signal },
    );
  } catch (err) {
    // The SDK reports failures as `{ error }`; a throw means something below it broke.
    throw new MailError('Resend request failed', { retryable: true, cause: err });
  }

  if (result.error) {
    // The SDK swallows aborts and network failures as `{ statusCode: null }`; tell a timeout apart.
    if (signal.aborted) {
      throw new MailError(`Resend request timed out after ${timeoutMs} ms`, { retryable: true });
    }
    throw toMailError(result.error, email.to);
  }
  if (!result.data?.id) {
    throw new MailError('Resend answered without an email id', { retryable: true });
  }
  return { id: result.data.id };
}

/** Maps the SDK's error object (the API's JSON error body, or the SDK's own) to MailError. */
function toMailError(error: unknown, recipient: string): MailError {
  const e = (error && typeof error === 'object' ? error : {}) as Record<string, unknown>;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const name = typeof e.name === 'string' ? e.name : 'unknown_error';
  const message = scrub(typeof e.message === 'string' ? e.message : '', recipient);

  const retryable =
    status === undefined || // network failure or unreadable answer: the request may not have arrived
    status === 429 ||
    status >= 500 ||
    name === 'concurrent_idempotent_requests'; // 409 while the first attempt is still running
  return new MailError(`Resend error ${status ?? '(no status)'} ${name}: ${message}`.trim(), { retryable, status });
}

/** Resend may quote the address back in validation messages; keep it out of errors and logs. */
function scrub(text: string, recipient: string): string {
  if (!recipient) return text;
  const escaped = recipient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), '[recipient]');
}

// ---------------------------------------------------------------------------------------------
// Local mailbox

const inFlight = new Map<string, Promise<{ id: string }>>();

function keyHash(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
}

async function sendToMailbox(email: OutgoingEmail, cfg: MailConfig): Promise<{ id: string }> {
  const hash = keyHash(email.idempotencyKey);
  // Two concurrent sends with one key in this process must not both see "no file yet".
  const slot = `${path.resolve(cfg.mailboxDir)}\0${hash}`;
  const pending = inFlight.get(slot);
  if (pending) return pending;

  const work = writeToMailbox(email, cfg, hash).finally(() => inFlight.delete(slot));
  inFlight.set(slot, work);
  return work;
}

async function writeToMailbox(email: OutgoingEmail, cfg: MailConfig, hash: string): Promise<{ id: string }> {
  try {
    await mkdir(cfg.mailboxDir, { recursive: true });

    const suffix = `_${hash}.eml`;
    const existing = (await readdir(cfg.mailboxDir)).find((f) => f.endsWith(suffix));
    if (existing) return { id: existing };

    const now = new Date();
    const file = `${now.toISOString().replace(/:/g, '-')}${suffix}`;
    const raw = await new MailComposer({
      from: cfg.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      date: now,
      headers: { 'X-Idempotency-Key': email.idempotencyKey },
    })
      .compile()
      .build();

    // Temp name without `.eml` so listMailbox never sees a half-written message.
    const tmp = path.join(cfg.mailboxDir, `.${hash}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, raw, { flag: 'wx' });
      await rename(tmp, path.join(cfg.mailboxDir, file));
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    return { id: file };
  } catch (err) {
    if (err instanceof MailError) throw err;
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
      const headers = parseHeaders(await readHead(full));
      const date =
        dateFromFileName(file) ?? validDate(headers.get('date')) ?? (await stat(full)).mtime;
      return {
        file,
        date,
        to: decodeEncodedWords(headers.get('to') ?? ''),
        subject: decodeEncodedWords(headers.get('subject') ?? ''),
      };
    }),
  );
  return entries.sort((a, b) => b.date.getTime() - a.date.getTime() || b.file.localeCompare(a.file));
}

const HEAD_BYTES = 16 * 1024;

/** The header block: everything before the first empty line (within the first 16 KB). */
async function readHead(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const end = text.search(/\r?\n\r?\n/);
    return end === -1 ? text : text.slice(0, end);
  } finally {
    await fh.close();
  }
}

/** Unfolds continuation lines; first occurrence of each (lower-cased) header wins. */
function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
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

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), which nodemailer uses
 * for non-ASCII subjects such as the em dash. Adjacent words are joined before decoding, since
 * a multi-byte character may be split between them.
 */
function decodeEncodedWords(value: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  let out = '';
  let last = 0;
  let run: { charset: string; bytes: Buffer[] } | undefined;
  const flush = () => {
    if (run) out += decodeBytes(Buffer.concat(run.bytes), run.charset);
    run = undefined;
  };

  for (const m of joined.matchAll(ENCODED_WORD)) {
    const index = m.index ?? 0;
    if (index > last) {
      flush();
      out += joined.slice(last, index);
    }
    const charset = m[1].split('*')[0].toLowerCase(); // drop RFC 2231 language tag
    const bytes = m[2].toUpperCase() === 'B' ? Buffer.from(m[3], 'base64') : decodeQ(m[3]);
    if (run && run.charset !== charset) flush();
    run ??= { charset, bytes: [] };
    run.bytes.push(bytes);
    last = index + m[0].length;
  }
  flush();
  return out + joined.slice(last);
}

function decodeQ(data: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const ch = data[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8'); // unknown charset label
  }
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
  const { default: PostalMime } = await import('postal-mime');
  const parsed = await PostalMime.parse(raw);
  const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return { subject: parsed.subject ?? '', html: parsed.html ?? `<pre>${escape(parsed.text ?? '')}</pre>` };
}
