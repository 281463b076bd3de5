// npm run db:migrate: applies ./drizzle migrations, pg-boss's schema and the seed to DATABASE_URL,
// and creates the bucket when missing.
// Safe from several instances at once (a Postgres advisory lock: lib/db/migrate.ts); run it before
// starting web instances of a new version (they refuse a schema older than their code).
import { getSetting } from '../lib/env';

const say = (m: string) => console.log(`[helpdesk] ${m}`);
try {
  getSetting('DATABASE_URL');
} catch {
  console.error('DATABASE_URL is not set to a connection URL (npm start migrates the embedded database by itself)');
  process.exit(1);
}
void (async () => {
  try {
    const { getEnv } = await import('../lib/env');
    const env = getEnv();
    const { prepareDatabase } = await import('../lib/runtime/prepare');
    await prepareDatabase(env, say);
    const { ensureBucket } = await import('../lib/storage');
    await ensureBucket();
    say('migrations applied');
  } catch (e) {
    console.error(`[helpdesk] migration failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
})();
