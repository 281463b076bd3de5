// Runs once when the Next.js server starts: make the console safe for personal data, validate
// settings, then start the outbox worker (unless WORKER_DISABLED: `npm run start:web`, whose worker
// is `npm run start:worker`), and stop both gracefully on SIGTERM under scripts/start.ts
// (lib/runtime/next-shutdown.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // First: whatever Next.js or a library prints from here on never quotes a failed query (lib/log-safety.ts).
  const { installSafeConsole } = await import('@/lib/log-safety');
  installSafeConsole();
  // Before the first render: finished renders must not keep each other alive (lib/runtime/abort-reasons.ts).
  const { releaseAbortReasonFrames } = await import('@/lib/runtime/abort-reasons');
  releaseAbortReasonFrames();
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

/** Every error Next.js catches in a page, action or route handler: one structured line, without its message or the query string. */
export async function onRequestError(err: unknown, request: { path: string; method: string }, context: { routeType: string }) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log, safeErrorSummary } = await import('@/lib/log');
  const digest = (err as { digest?: unknown }).digest;
  log.error(
    { err: safeErrorSummary(err), digest, method: request.method, path: request.path.split('?')[0], routeType: context.routeType },
    'request error',
  );
}
