import { applyMigrations, withMigrationLock } from '../db/migrate';
import type { Env } from '../env';
import { prepareJobs } from '../jobs/boss';

/**
 * What a database needs before any instance serves it: the migrations, pg-boss's schema, queues and
 * schedules, the seed (categories, PTJ, settings, the first admin) and due times for complaints
 * filed before service levels. All of it under the migration advisory lock, so `npm start` and any
 * number of `npm run db:migrate` at once do it once; every step is idempotent besides.
 */
export async function prepareDatabase(env: Env, say: (m: string) => void): Promise<void> {
  await withMigrationLock(env.DATABASE_URL, async () => {
    await applyMigrations(env.DATABASE_URL);
    await prepareJobs(env.DATABASE_URL, env.JOB_RETRY_DELAY_SECONDS);
    const { getDb, closeDb } = await import('../db');
    const { seed } = await import('../db/seed');
    try {
      const seeded = await seed(getDb(), { name: env.ADMIN_NAME, email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
      if (seeded.generatedAdminPassword) {
        say(`first admin created: ${env.ADMIN_EMAIL} / ${seeded.generatedAdminPassword}`);
        say('this password is shown once; the console asks for a new one at the first sign-in');
      }
      // Complaints filed before service levels existed get their due times once.
      const { recomputeDueTimes } = await import('../sla/recompute');
      const filled = await recomputeDueTimes(getDb(), 'missing');
      if (filled > 0) say(`service clock: due times set for ${filled} earlier complaints`);
      // The reports' stored working minutes of complaints without them (after the migration that
      // added them) or computed with another calendar (lib/reports/stored-durations.ts).
      const { fillStoredDurations } = await import('../reports/fill-durations');
      const durations = await fillStoredDurations(getDb());
      if (durations > 0) say(`reports: working minutes stored for ${durations} complaints`);
    } finally {
      await closeDb();
    }
  });
}
