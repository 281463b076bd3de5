import { z } from 'zod';

// Every setting the app reads, validated once. Documented in README.md and .env.example;
// tests/unit/env-settings.test.ts fails when code reads a setting that is not in this schema or
// not in both documents. Code reads settings through getEnv(), or through getSetting() where it
// runs before the whole set can be valid (the logger, proxy.ts, scripts). Only scripts/start.ts
// also touches process.env directly: it fills in the embedded defaults before validation.

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

// `NAME=` in an env file means "use the default", not "an empty value".
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const hexKey = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes); generate one with `openssl rand -hex 32`');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Reverse proxies of ours in front of the app that append to X-Forwarded-For (nginx, a load balancer).
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  APP_URL: optional,
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z.string().url(),
  // Deadlines (docs/SECURITY.md): the longest one SQL statement, one store call may take.
  // The embedded PostgreSQL's settings over those chosen for the machine (lib/runtime/postgres-tuning.ts),
  // e.g. `shared_buffers=1GB,work_mem=8MB`. Ignored with DATABASE_URL.
  EMBEDDED_POSTGRES_SETTINGS: optional,
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  // Two pools (lib/db/index.ts): the public one (complainants, the worker) and the console's, whose
  // statements have a shorter deadline, so slow console work can never hold up a complainant.
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DB_CONSOLE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  DB_CONSOLE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  // Word searches in the console at once, per process (lib/console/queue/search-turns.ts); the others wait their turn.
  CONSOLE_SEARCH_SLOTS: z.coerce.number().int().min(1).max(64).default(1),
  STORAGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),

  S3_ENDPOINT: optional,
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().min(3).default('helpdesk-ispeks'),
  S3_ACCESS_KEY_ID: z.string().min(1),
  S3_SECRET_ACCESS_KEY: z.string().min(1),
  S3_FORCE_PATH_STYLE: bool,

  RESEND_API_KEY: optional,
  RESEND_BASE_URL: optional,
  // The longest one Resend call may take; past it the outbox retries (the idempotency key keeps it one email).
  RESEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  MAIL_FROM: z.string().default('Helpdesk iSPEKS <helpdesk@localhost>'),

  // WhatsApp Cloud API template messages; off unless the token and the phone number id are set.
  WHATSAPP_TOKEN: optional,
  WHATSAPP_PHONE_NUMBER_ID: optional,
  WHATSAPP_API_URL: z.preprocess(blankAsUnset, z.string().url().default('https://graph.facebook.com/v21.0')),
  WHATSAPP_TEMPLATE: z.preprocess(blankAsUnset, z.string().default('aduan_dikemaskini')),
  WHATSAPP_TEMPLATE_LANG: z.preprocess(blankAsUnset, z.string().default('ms')),

  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
  PII_KEY: hexKey,

  CAPTCHA_PROVIDER: z.enum(['altcha', 'turnstile', 'recaptcha']).default('altcha'),
  ALTCHA_COST: z.coerce.number().int().min(1).default(20_000),
  TURNSTILE_SITE_KEY: optional,
  TURNSTILE_SECRET_KEY: optional,
  RECAPTCHA_SITE_KEY: optional,
  RECAPTCHA_SECRET_KEY: optional,
  CAPTCHA_VERIFY_URL: optional,

  // Public endpoints, per client address (an IPv6 client by its /64) and hour. The budgets are spent
  // only once the CAPTCHA has passed; the request ceiling counts every request (lib/ratelimit/public.ts).
  PUBLIC_REQUEST_LIMIT: z.coerce.number().int().min(1).default(600),
  SUBMIT_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  LOOKUP_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  FEEDBACK_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  // Complaints per IC number per day, from any address.
  SUBMIT_IC_LIMIT: z.coerce.number().int().min(1).default(20),
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(5),
  // A delivery still running after this long (its worker died: SIGKILL, a crash, a lost machine) is
  // failed and retried; pg-boss's maintenance looks every quarter of it, at most every 2 minutes.
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  // The outbox worker runs inside the web server unless switched off here (e.g. a web-only replica).
  WORKER_DISABLED: bool,
  // Prometheus scrapes /api/metrics with `Authorization: Bearer <token>`; unset, /api/metrics is not found.
  METRICS_TOKEN: z.preprocess(blankAsUnset, z.string().min(16, 'must be at least 16 characters').optional()),

  // The first admin's display name (what the public reads on their replies); they can rename themselves.
  ADMIN_NAME: z.preprocess(blankAsUnset, z.string().trim().min(3).max(80).default('Pentadbir Sistem')),
  ADMIN_EMAIL: z.string().email().default('admin@localhost'),
  ADMIN_PASSWORD: optional,

  // `npm run bench` only: seconds of load per measured case.
  BENCH_SECONDS: z.coerce.number().int().min(1).default(10),
});

export type Env = z.infer<typeof schema>;

/** The name of every setting (what .env.example and the README document). */
export const settingNames = Object.keys(schema.shape) as (keyof Env)[];

let cached: Env | undefined;

/** Parses the environment once; throws a readable list of every bad setting. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid settings:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.CAPTCHA_PROVIDER === 'turnstile' && !(env.TURNSTILE_SITE_KEY && env.TURNSTILE_SECRET_KEY)) {
    throw new Error('Invalid settings:\n  CAPTCHA_PROVIDER=turnstile needs TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY');
  }
  if (env.CAPTCHA_PROVIDER === 'recaptcha' && !(env.RECAPTCHA_SITE_KEY && env.RECAPTCHA_SECRET_KEY)) {
    throw new Error('Invalid settings:\n  CAPTCHA_PROVIDER=recaptcha needs RECAPTCHA_SITE_KEY and RECAPTCHA_SECRET_KEY');
  }
  if (env.NODE_ENV === 'production') {
    const weak = (['AUTH_SECRET', 'PII_KEY'] as const).filter((name) => weakSecret(env[name]));
    if (weak.length > 0) {
      throw new Error(
        `Invalid settings:\n${weak.map((name) => `  ${name}: looks seeded or guessable (an example, a repeated pattern or few distinct characters); generate one with \`openssl rand -hex 32\``).join('\n')}`,
      );
    }
  }
  if (Boolean(env.WHATSAPP_TOKEN) !== Boolean(env.WHATSAPP_PHONE_NUMBER_ID)) {
    throw new Error('Invalid settings:\n  WhatsApp needs both WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID (or neither)');
  }
  if (source === process.env) cached = env;
  return env;
}

// Words that mark a value copied from documentation or a tutorial rather than generated.
const SEEDED_WORDS = ['changeme', 'change-me', 'change_me', 'example', 'secret', 'password', 'placeholder', 'replace', 'your-', 'your_', 'xxxxxxxx', 'development', 'helpdesk'];

/**
 * A secret that is not random: a seeded or example value, a repeated pattern (`aaaa…`, `0123…` over
 * and over) or one with few distinct characters. Refused in production (docs/SECURITY.md).
 */
export function weakSecret(value: string): boolean {
  const v = value.trim();
  const lower = v.toLowerCase();
  if (SEEDED_WORDS.some((w) => lower.includes(w))) return true;
  if (new Set(lower).size < 10) return true;
  for (let period = 1; period <= v.length / 2; period++) {
    if (v.slice(0, period).repeat(Math.ceil(v.length / period)).slice(0, v.length) === v) return true;
  }
  return false;
}

/**
 * One setting, checked by its own rule, for code that runs before the whole set is valid or
 * without it: the logger (created at import), proxy.ts, and scripts that need only this one.
 */
export function getSetting<K extends keyof Env>(name: K, source: NodeJS.ProcessEnv = process.env): Env[K] {
  const parsed = schema.shape[name].safeParse(source[name]);
  if (!parsed.success) throw new Error(`Invalid settings:\n  ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data as Env[K];
}

export function appUrl(env: Env = getEnv()): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
}
