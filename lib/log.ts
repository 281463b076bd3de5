import pino from 'pino';
import { getSetting } from '@/lib/env';
import { logContextFields } from '@/lib/log-context';

// Personal data never reaches the logs: these paths are censored wherever they appear.
export const redactPaths = [
  'ic', '*.ic', 'icNumber', '*.icNumber', 'phone', '*.phone', 'email', '*.email', 'to', '*.to',
  'name', '*.name', 'password', '*.password', 'req.headers.cookie', 'req.headers.authorization',
];

export const log = pino({
  level: getSetting('LOG_LEVEL'),
  redact: { paths: redactPaths, censor: '[redacted]' },
  base: { app: 'helpdesk-ispeks' },
  // The request (or job) id on every line (lib/log-context.ts).
  mixin: logContextFields,
});

/**
 * What of an unexpected error may be logged: its name and database codes, never its message,
 * because a failed query's message carries the query's parameters (names, emails, text).
 */
export function safeErrorSummary(e: unknown): { type: string; code?: string; constraint?: string } {
  const err = e as { name?: string; code?: string; cause?: { code?: string; constraint_name?: string } };
  // `type`, not `name`: `*.name` is a redacted path (a person's name), and the error's name must stay visible.
  return { type: err?.name ?? typeof e, code: err?.cause?.code ?? err?.code, constraint: err?.cause?.constraint_name };
}
