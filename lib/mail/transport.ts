import path from 'node:path';
import { getEnv, type Env } from '@/lib/env';
import { mailboxTransport } from './mailbox';
import { MailError, type MailTransport, type OutgoingEmail } from './outgoing';
import { resendTransport } from './resend';

// The one way the app sends email: `sendEmail`. The transport is chosen once, from the settings:
// with a Resend API key every email goes through Resend (lib/mail/resend.ts); without one it lands
// in the local mailbox (lib/mail/mailbox.ts).

// Callers (the outbox worker, the email builders) import these from here, the entry point.
export { MailError, type OutgoingEmail };

export type MailConfig = {
  from: string;
  resendApiKey?: string;
  resendBaseUrl?: string;
  mailboxDir: string;
  /** Resend request timeout; defaults to 15 s. */
  timeoutMs?: number;
};

const HEADER_BREAK = /[\r\n\0\u2028\u2029]/;

/** The transport a configuration chooses; both check the idempotency key the same way. */
export function mailTransport(cfg: MailConfig): MailTransport {
  const transport = cfg.resendApiKey
    ? resendTransport({ from: cfg.from, apiKey: cfg.resendApiKey, baseUrl: cfg.resendBaseUrl, timeoutMs: cfg.timeoutMs })
    : mailboxTransport({ from: cfg.from, dir: cfg.mailboxDir });
  return {
    send(email) {
      // Resend rejects keys outside 1–256 characters; apply the same rule locally so both modes agree.
      if (email.idempotencyKey.length < 1 || email.idempotencyKey.length > 256) {
        return Promise.reject(new MailError('Idempotency key must be 1–256 characters', { retryable: false }));
      }
      // Header injection: a line break (or NUL) in a value that becomes a header would let its
      // text add headers (Bcc:) or a body of its own. Never sent, whichever transport.
      const headerValues = [cfg.from, email.to, email.subject, ...(email.attachments ?? []).map((a) => a.filename)];
      if (headerValues.some((v) => HEADER_BREAK.test(v))) {
        return Promise.reject(new MailError('A header value holds a line break', { retryable: false }));
      }
      return transport.send(email);
    },
  };
}

function mailConfig(env: Env): MailConfig {
  return {
    from: env.MAIL_FROM,
    resendApiKey: env.RESEND_API_KEY,
    resendBaseUrl: env.RESEND_BASE_URL,
    timeoutMs: env.RESEND_TIMEOUT_MS,
    mailboxDir: path.join(env.DATA_DIR, 'mail'),
  };
}

let fromSettings: MailTransport | undefined;

/** Sends one email with the transport the settings choose. Throws MailError; `retryable` says whether to try again. */
export function sendEmail(email: OutgoingEmail): Promise<{ id: string }> {
  fromSettings ??= mailTransport(mailConfig(getEnv()));
  return fromSettings.send(email);
}

/** Where the local mailbox keeps its messages, or null when email goes through Resend (nothing is kept). */
export function localMailboxDir(env: Env = getEnv()): string | null {
  const cfg = mailConfig(env);
  return cfg.resendApiKey ? null : cfg.mailboxDir;
}
