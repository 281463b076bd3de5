// npm run db:migrate: applies ./drizzle migrations and pg-boss's schema to DATABASE_URL.
import { runMigrations } from '../lib/db/migrate';
import { prepareJobs } from '../lib/jobs/boss';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (npm start migrates the embedded database by itself)');
  process.exit(1);
}
void (async () => {
  await runMigrations(url);
  await prepareJobs(url);
  console.log('migrations applied');
})();
