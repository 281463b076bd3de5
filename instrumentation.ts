// Runs once when the Next.js server starts: validate settings, then start the outbox worker
// (unless WORKER_DISABLED: `npm run start:web`, whose worker is `npm run start:worker`), and
// stop both gracefully on SIGTERM under scripts/start.ts (lib/runtime/next-shutdown.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('@/lib/env');
  let boss;
  if (!getEnv().WORKER_DISABLED) {
    const { startWorker } = await import('@/lib/jobs/worker');
    boss = await startWorker();
  }
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const { stopGracefullyOnSignal } = await import('@/lib/runtime/next-shutdown');
    stopGracefullyOnSignal(boss);
  }
}
