import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeResend } from './fake-resend';
import { assertPortFree } from './free-port';

/**
 * Starts the app exactly as `npm start` does (embedded Postgres and S3 in a throwaway data folder),
 * with email going through the real Resend SDK to the fake Resend server. Used by the browser
 * tests and the benchmarks. Refuses a port already in use before starting anything.
 */
export async function startAppServer(opts: { port: number; env?: Record<string, string>; dataDir?: string }) {
  await assertPortFree(opts.port);
  const resend = await startFakeResend();
  // A given data folder (the bench's) is kept after stop(); a throwaway one is removed.
  const keep = opts.dataDir !== undefined;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-app-'));
  fs.mkdirSync(dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'server.log'), { force: true }); // a kept folder's earlier run
  fs.chmodSync(dataDir, 0o755);
  const logFile = path.join(dataDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  // As npm start runs it: one Node.js process with tsx's loader (the tsx command would add a second one).
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      PORT: String(opts.port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      S3_ENDPOINT: '',
      APP_URL: '',
      RESEND_API_KEY: 're_test_x',
      RESEND_BASE_URL: resend.url,
      ALTCHA_COST: '2000',
      JOB_RETRY_DELAY_SECONDS: '1',
      SUBMIT_RATE_LIMIT: '200',
      ADMIN_PASSWORD: 'e2e-admin-password-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...opts.env,
    },
    stdio: ['ignore', out, out],
    detached: true, // its own process group, so stop() ends Next.js, Postgres and S3 together
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // could not be spawned at all
  }).then(() => {
    exited = true;
  });

  async function stop() {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      /* already gone */
    }
    // scripts/start.ts stops Postgres and S3, then exits; what is still running after that is killed.
    await Promise.race([exit, new Promise((r) => setTimeout(r, 3000))]);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* stopped cleanly */
    }
    await resend.close();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // Ours, not an app that took the port meanwhile: scripts/start.ts says "serving on" only once its
  // own listener holds the port, and /api/health then answers through it.
  const serving = `serving on http://localhost:${opts.port}`;
  const deadline = Date.now() + 240_000;
  while (!(fs.readFileSync(logFile, 'utf8').includes(serving) && (await healthy(opts.port)))) {
    if (exited || Date.now() > deadline) {
      const log = fs.readFileSync(logFile, 'utf8').slice(-4000);
      await stop();
      throw new Error(`the app did not start on port ${opts.port}; log:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }

  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
  const runtime = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.json'), 'utf8'));
  // The settings a test process needs to use the app's own services directly.
  const env = {
    DATABASE_URL: runtime.DATABASE_URL,
    S3_ENDPOINT: runtime.S3_ENDPOINT,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
    AUTH_SECRET: secrets.AUTH_SECRET,
    PII_KEY: secrets.PII_KEY,
    RESEND_API_KEY: 're_test_x',
    RESEND_BASE_URL: resend.url,
    APP_URL: `http://localhost:${opts.port}`,
    PORT: String(opts.port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    FAKE_RESEND_URL: resend.url,
  };

  // The launcher's pid, which is also its process group's id (detached): what `npm run soak` measures.
  return { env, logFile, stop, pid: child.pid! };
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10_000) })).ok;
  } catch {
    return false; // not up yet
  }
}
