// Runs once when the Next.js server starts: validate settings, then start the outbox worker
// (unless WORKER_DISABLED: `npm run start:web`, whose worker is `npm run start:worker`).
// Under scripts/start.ts (NEXT_MANUAL_SIG_HANDLE), SIGTERM arrives once the front listener has
// drained: running jobs finish, the pools close, and the server exits 0.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('@/lib/env');
  const env = getEnv();
  let boss: { stop(o: { graceful: boolean; wait: boolean; timeout: number }): Promise<void> } | undefined;
  if (!env.WORKER_DISABLED) {
    const { startWorker } = await import('@/lib/jobs/worker');
    boss = await startWorker();
  }
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const stop = async () => {
      await boss?.stop({ graceful: true, wait: true, timeout: 25_000 }).catch(() => {});
      const { closeDb } = await import('@/lib/db');
      await closeDb().catch(() => {});
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
  }
}
