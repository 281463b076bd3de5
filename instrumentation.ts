// Runs once when the Next.js server starts: validate settings, then start the outbox worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('@/lib/env');
  if (getEnv().WORKER_DISABLED) return;
  const { startWorker } = await import('@/lib/jobs/worker');
  await startWorker();
}
