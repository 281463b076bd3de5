// npm run db:migrate: applies ./drizzle migrations and pg-boss's schema to DATABASE_URL.
import { runMigrations } from '../lib/db/migrate';
import { getSetting } from '../lib/env';
import { prepareJobs } from '../lib/jobs/boss';

let url: string;
try {
  url = getSetting('DATABASE_URL');
} catch {
  console.error('DATABASE_URL is not set to a connection URL (npm start migrates the embedded database by itself)');
  process.exit(1);
}
void (async () => {
  await runMigrations(url);
  await prepareJobs(url);
  console.log('migrations applied');
})();
