import { Resend } from 'resend';
import { MailError, type MailTransport, type OutgoingEmail } from './outgoing';

// Sending through the Resend SDK, with the idempotency key, a timeout, and every failure sorted
// into "try again later" (429, 5xx, network errors, timeouts) or "permanent" (other 4xx).

export type ResendConfig = {
  from: string;
  apiKey: string;
  baseUrl?: string;
  /** Request timeout; defaults to 15 s. */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 15_000;

export function resendTransport(cfg: ResendConfig): MailTransport {
  // The SDK joins `${baseUrl}${path}` verbatim, so a trailing slash would yield `//emails`.
  const baseUrl = cfg.baseUrl?.replace(/\/+$/, '');
  const resend = new Resend(cfg.apiKey, baseUrl ? { baseUrl } : undefined);
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return { send: (email) => send(resend, cfg.from, timeoutMs, email) };
}

async function send(resend: Resend, from: string, timeoutMs: number, email: OutgoingEmail): Promise<{ id: string }> {
  // The SDK has no timeout option but forwards `signal` to fetch.
  const signal = AbortSignal.timeout(timeoutMs);

  let result: Awaited<ReturnType<typeof resend.emails.send>>;
  try {
    result = await resend.emails.send(
      {
        from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        ...(email.attachments?.length
          ? { attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.content.toString('base64'), contentType: a.contentType })) }
          : {}),
      },
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
