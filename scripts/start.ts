// npm start / npm run dev: fills in the embedded defaults for whatever is not configured
// (Postgres, S3-compatible store, local mailbox, secrets), migrates and seeds, builds when needed,
// then runs Next.js. Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runMigrations } from '../lib/db/migrate';
import { getSetting } from '../lib/env';
import { prepareJobs } from '../lib/jobs/boss';
import { productionBuildIsStale } from '../lib/runtime/build';
import { freePort, startEmbeddedPostgres, startEmbeddedS3 } from '../lib/runtime/embedded';
import { startFrontProxy } from '../lib/runtime/front-proxy';
import { makePrivate, ownerOnlyFromNowOn } from '../lib/runtime/private-files';
import { loadOrCreateLocalSecrets } from '../lib/runtime/secrets';

const dev = process.argv.includes('--dev');
const say = (m: string) => console.log(`[helpdesk] ${m}`);
const stops: (() => Promise<void>)[] = [];

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  (process.env as Record<string, string>).NODE_ENV ??= dev ? 'development' : 'production';
  const dataDir = path.resolve(getSetting('DATA_DIR'));
  process.env.DATA_DIR = dataDir;
  // Everything created under ./data from here on (and by Next.js, which inherits this) is owner-only;
  // the mailbox made by an earlier version is fixed now (lib/runtime/private-files.ts).
  ownerOnlyFromNowOn();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700); // as root, the embedded PostgreSQL adds traverse-only (o+x) below
  makePrivate(path.join(dataDir, 'mail'));

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

  await runMigrations(env.DATABASE_URL);
  await prepareJobs(env.DATABASE_URL, env.JOB_RETRY_DELAY_SECONDS);
  const { getDb, closeDb } = await import('../lib/db');
  const { seed } = await import('../lib/db/seed');
  const { ensureBucket } = await import('../lib/storage');
  await ensureBucket();
  const seeded = await seed(getDb(), { name: env.ADMIN_NAME, email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  if (seeded.generatedAdminPassword) {
    say(`first admin created: ${env.ADMIN_EMAIL} / ${seeded.generatedAdminPassword}`);
    say('this password is shown once; the console asks for a new one at the first sign-in');
  }
  // Complaints filed before service levels existed get their due times once.
  const { recomputeDueTimes } = await import('../lib/sla/recompute');
  const filled = await recomputeDueTimes(getDb(), 'missing');
  if (filled > 0) say(`service clock: due times set for ${filled} earlier complaints`);
  await closeDb();

  // Where the embedded services listen this time (ports are chosen at start), for local tools and
  // the browser tests; mode 600 beside secrets.json. Removed on exit.
  const runtimeFile = path.join(dataDir, 'runtime.json');
  fs.writeFileSync(runtimeFile, JSON.stringify({ DATABASE_URL: env.DATABASE_URL, S3_ENDPOINT: env.S3_ENDPOINT }, null, 2), { mode: 0o600 });
  stops.push(async () => fs.rmSync(runtimeFile, { force: true }));

  const nextBin = path.join(process.cwd(), 'node_modules/next/dist/bin/next');
  if (!dev && productionBuildIsStale(process.cwd())) {
    say('no up-to-date production build: running next build (about a minute)');
    const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: process.env });
    if (build.status !== 0) throw new Error('next build failed');
  }

  // Links in emails name the public port, not Next's internal one.
  process.env.APP_URL ||= `http://localhost:${env.PORT}`;
  // Production: Next.js listens on loopback only, behind our front listener (lib/runtime/front-proxy.ts).
  const nextPort = dev ? env.PORT : await freePort();
  const nextArgs = dev ? ['dev', '-p', String(nextPort)] : ['start', '-p', String(nextPort), '-H', '127.0.0.1'];
  const child = spawn(process.execPath, [nextBin, ...nextArgs], { stdio: 'inherit', env: process.env });
  if (!dev) {
    const front = await startFrontProxy({ port: env.PORT, targetPort: nextPort });
    stops.unshift(() => new Promise((r) => front.close(() => r())));
  }
  say(`serving on http://localhost:${env.PORT}`);
  child.on('exit', (code) => void shutdown(code ?? 0));
  const stopChild = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    else void shutdown(0);
  };
  process.on('SIGINT', stopChild);
  process.on('SIGTERM', stopChild);
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
