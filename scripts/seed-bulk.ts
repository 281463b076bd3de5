// npm run seed:bulk -- --complaints 1000000 [--seed 42] [--force] [--fixtures path] [--allow-remote]
//
// Fills the database the app uses with a realistic data set for the benchmark (lib/db/bulk-seed.ts):
// DATABASE_URL when set, otherwise the embedded PostgreSQL in ./data that `npm start` uses (started
// here, migrated and seeded as `npm start` would, and stopped again). It prints the target first,
// refuses a database that already holds complaints unless --force (alias --reset), and refuses a
// database on another host unless --allow-remote. The fixtures file (known IC numbers and complaint
// numbers, the common and rare words, the officers and their password) is written and its path printed.
import fs from 'node:fs';
import path from 'node:path';
import { getSetting } from '../lib/env';

const say = (m: string) => console.log(`[seed:bulk] ${m}`);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function usage(problem: string): never {
  console.error(`[seed:bulk] ${problem}\nusage: npm run seed:bulk -- --complaints <N> [--seed <n>] [--force] [--fixtures <file>] [--allow-remote]`);
  process.exit(2);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

async function main() {
  const raw = arg('complaints') ?? '10000';
  const complaints = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(complaints) || complaints < 1 || complaints > 20_000_000) usage(`--complaints must be a whole number from 1 to 20,000,000 (got ${raw})`);
  const seedArg = arg('seed');
  const seed = seedArg === undefined ? undefined : Number(seedArg);
  if (seed !== undefined && !Number.isInteger(seed)) usage(`--seed must be a whole number (got ${seedArg})`);
  const force = flag('force') || flag('reset');

  const stops: (() => Promise<void>)[] = [];
  try {
    const dataDir = path.resolve(getSetting('DATA_DIR'));
    process.env.DATA_DIR = dataDir;
    if (!process.env.DATABASE_URL) {
      // As `npm start` does: the embedded PostgreSQL in ./data, with the secrets kept there.
      const { ownerOnlyFromNowOn } = await import('../lib/runtime/private-files');
      const { loadOrCreateLocalSecrets } = await import('../lib/runtime/secrets');
      ownerOnlyFromNowOn();
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      fs.chmodSync(dataDir, 0o700);
      const secrets = loadOrCreateLocalSecrets(dataDir);
      process.env.AUTH_SECRET ??= secrets.AUTH_SECRET;
      process.env.PII_KEY ??= secrets.PII_KEY;
      say('DATABASE_URL not set: starting the embedded PostgreSQL (data in ./data/postgres)');
      const { startEmbeddedPostgres } = await import('../lib/runtime/embedded');
      const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), password: secrets.POSTGRES_PASSWORD, persistent: true, database: 'helpdesk', log: say });
      stops.push(pg.stop);
      process.env.DATABASE_URL = pg.url;
      // Only the database is used here; the store's keys are what `npm start` gives its embedded one.
      process.env.S3_ACCESS_KEY_ID ??= 'S3RVER';
      process.env.S3_SECRET_ACCESS_KEY ??= 'S3RVER';
    }
    const url = new URL(getSetting('DATABASE_URL'));
    say(`target: ${url.hostname}:${url.port || 5432}${url.pathname} (${complaints.toLocaleString('en')} complaints${force ? ', replacing what is there' : ''})`);
    if (!LOOPBACK.has(url.hostname) && !flag('allow-remote')) {
      usage(`${url.hostname} is not this machine: a bulk seed belongs on a bench database; pass --allow-remote if this one is`);
    }

    const { getEnv } = await import('../lib/env');
    const env = getEnv();
    const { prepareDatabase } = await import('../lib/runtime/prepare');
    await prepareDatabase(env, say);

    const { seedBulk } = await import('../lib/db/bulk-seed');
    const fixtures = await seedBulk({ databaseUrl: env.DATABASE_URL, complaints, seed, force, fixturesPath: arg('fixtures'), piiKey: env.PII_KEY, log: say });
    say(`done: ${fixtures.complaints} complaints, ${fixtures.events} events in ${(fixtures.timings.total / 1000).toFixed(1)} s`);
    say(`fixtures written to ${fixtures.path}`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}

main().catch((e) => {
  console.error(`[seed:bulk] failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
