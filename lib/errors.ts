import type { ErrorCode } from '@/lib/i18n/errors';

// The one error model. A service refuses by throwing an AppError (or a subclass that adds detail):
// a code from the `errors` messages and the HTTP status it answers with. Route handlers and server
// actions turn whatever was thrown into an answer with one mapper (lib/http/errors.ts). This file
// has no runtime imports, so any module (status rules included) may throw these.

export type { ErrorCode };

/** A refusal whose code is safe to show, translated, to the person who caused it. */
export class AppError extends Error {
  readonly params: Record<string, string | number>;

  constructor(
    readonly code: ErrorCode,
    readonly status: number = 422,
    options: { params?: Record<string, string | number>; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.params = options.params ?? {};
  }
}

/** Input that failed validation: an error code per field (translated when answered). */
export class InvalidInputError extends AppError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super('invalid', 422);
    this.name = 'InvalidInputError';
  }
}

/**
 * Too many attempts: 429, how long to wait (the Retry-After header, the message's minutes) and how
 * else to reach the helpdesk meanwhile (the agency's phone and email, in the message).
 */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    helpdesk: { phone: string; email: string },
  ) {
    super('rate_limited', 429, { params: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)), ...helpdesk } });
    this.name = 'RateLimitedError';
  }
}
