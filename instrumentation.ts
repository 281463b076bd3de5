// Runs once when the Next.js server starts: make the console safe for personal data, validate
// settings, then start the outbox worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // First: whatever Next.js or a library prints from here on never quotes a failed query (lib/log-safety.ts).
  const { installSafeConsole } = await import('@/lib/log-safety');
  installSafeConsole();
  const { getEnv } = await import('@/lib/env');
  if (getEnv().WORKER_DISABLED) return;
  const { startWorker } = await import('@/lib/jobs/worker');
  await startWorker();
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
