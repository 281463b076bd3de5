import { AsyncLocalStorage } from 'node:async_hooks';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';

// Which request (or job) a log line belongs to. The front listener (lib/runtime/front-proxy.ts)
// gives every request an `x-request-id` (overwriting any a client sent, unless a trusted proxy of
// ours set it) and answers it back; inside Next.js the id is read from the request being served,
// and outside it (the worker) from `withLogContext`. Ids only: never a person's data.

type LogContext = { requestId?: string; jobId?: string };

// One store per process even when this module is bundled more than once.
const g = globalThis as unknown as { __helpdeskLogContext?: AsyncLocalStorage<LogContext> };
const own = (g.__helpdeskLogContext ??= new AsyncLocalStorage<LogContext>());

const SAFE_ID = /^[A-Za-z0-9._:-]{8,80}$/;

/** Runs `fn` with ids every log line inside it carries (the worker: one job). */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return own.run(ctx, fn);
}

/** The current request's id, when there is one. */
export function currentRequestId(): string | undefined {
  const mine = own.getStore()?.requestId;
  if (mine) return mine;
  try {
    const store = workUnitAsyncStorage.getStore() as { headers?: { get?: (n: string) => string | null } } | undefined;
    const id = typeof store?.headers?.get === 'function' ? store.headers.get('x-request-id') : null;
    return id && SAFE_ID.test(id) ? id : undefined;
  } catch {
    return undefined; // a prerender has no request
  }
}

/** pino's mixin: the ids of the current request or job on every line. */
export function logContextFields(): LogContext {
  const requestId = currentRequestId();
  const jobId = own.getStore()?.jobId;
  return { ...(requestId && { requestId }), ...(jobId && { jobId }) };
}
