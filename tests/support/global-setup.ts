import './keep-exit-code';
import { runMigrations } from '../../lib/db/migrate';
import { prepareJobs } from '../../lib/jobs/boss';
import { startTestServices } from './services';

// Starts the real services once for the whole vitest run; workers inherit the settings.
export default async function setup() {
  const services = await startTestServices();
  Object.assign(process.env, services.env);
  await runMigrations(services.env.DATABASE_URL);
  // No service-level schedules: tests run those jobs with their own clock (tests/integration/sla-automation.test.ts).
  await prepareJobs(services.env.DATABASE_URL, 1, { schedules: false });
  const { getDb, closeDb } = await import('../../lib/db');
  const { seed } = await import('../../lib/db/seed');
  await seed(getDb(), { email: 'admin@test.local', password: 'test-admin-password-1' });
  await closeDb();
  return () => services.stop();
}
