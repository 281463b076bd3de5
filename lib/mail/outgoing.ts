// What every mail transport takes, and how sending fails. The recipient address is personal
// data: it never goes into logs or error messages.

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Same key ⇒ same email: retries never send twice (Resend honours it for 24 h). */
  idempotencyKey: string;
  /** Files sent with it (the monthly report pack's XLSX). */
  attachments?: EmailAttachment[];
};

export type EmailAttachment = { filename: string; content: Buffer; contentType: string };

export type MailTransport = { send(email: OutgoingEmail): Promise<{ id: string }> };

/** A failed send. `retryable` tells the outbox whether trying again can help. */
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
