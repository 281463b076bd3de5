import pino from 'pino';

// Personal data never reaches the logs: these paths are censored wherever they appear.
export const redactPaths = [
  'ic', '*.ic', 'icNumber', '*.icNumber', 'phone', '*.phone', 'email', '*.email', 'to', '*.to',
  'name', '*.name', 'password', '*.password', 'req.headers.cookie', 'req.headers.authorization',
];

export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: redactPaths, censor: '[redacted]' },
  base: { app: 'helpdesk-ispeks' },
});
