// Nothing personal in logs, ever (docs/SECURITY.md). A failed query's error carries the query's
// parameters: drizzle's DrizzleQueryError puts them in its message ("Failed query: … params: …"),
// postgres.js's PostgresError may carry them in `detail` ("Key (email)=(…)") or, for a bad value,
// in its message. Our own logging prints only safeErrorSummary (lib/log.ts); this module covers
// what others print: Next.js prints an uncaught error of a page, action or route handler to the
// console, Auth.js prints its own errors, any library may. installSafeConsole() (instrumentation.ts)
// makes every console method replace such an error, wherever it appears, by its name, its
// database codes and its stack frames: never its message, query, parameters or detail.

type ErrorLike = { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; cause?: unknown };

const QUERY_TEXT = /Failed query:|\bparams: |\bKey \([^)]*\)=\(/;

function isErrorLike(v: unknown): v is ErrorLike {
  return v instanceof Error || (typeof v === 'object' && v !== null && 'message' in v && 'stack' in v);
}

/** A database error: drizzle's query error, postgres.js's server error, or any error quoting a query. */
function isDatabaseError(e: ErrorLike): boolean {
  const ctor = (e as { constructor?: { name?: string } }).constructor?.name;
  return (
    ctor === 'DrizzleQueryError' ||
    e.name === 'PostgresError' ||
    ctor === 'PostgresError' ||
    'parameters' in (e as object) ||
    ('query' in (e as object) && 'params' in (e as object)) ||
    (typeof e.message === 'string' && QUERY_TEXT.test(e.message))
  );
}

/** True when `e` or an error in its cause chain is a database error. */
export function carriesDatabaseError(e: unknown): boolean {
  let err: unknown = e;
  for (let depth = 0; depth < 8 && isErrorLike(err); depth++, err = err.cause) {
    if (isDatabaseError(err)) return true;
  }
  return false;
}

/** Name, SQLSTATE and stack frames of an error whose message must not be printed. */
export function safeErrorText(e: unknown): string {
  const names: string[] = [];
  let err: unknown = e;
  for (let depth = 0; depth < 8 && isErrorLike(err); depth++, err = err.cause) {
    const ctor = (err as { constructor?: { name?: string } }).constructor?.name;
    const name = ctor && ctor !== 'Error' && ctor !== 'Object' ? ctor : String(err.name ?? 'Error');
    names.push(typeof err.code === 'string' ? `${name} (${err.code})` : name);
  }
  const frames = typeof (e as ErrorLike).stack === 'string' ? ((e as ErrorLike).stack as string).split('\n').filter((l) => /^\s+at /.test(l)) : [];
  const digest = (e as { digest?: unknown }).digest;
  return [`${names.join(' ← ')}: [database error; query and values not logged]${typeof digest === 'string' ? ` digest=${digest}` : ''}`, ...frames].join('\n');
}

/** A printed string that quotes a failed query (e.g. a stack Auth.js prints as text) loses the quote, up to the stack frames. */
export function scrubText(text: string): string {
  if (!QUERY_TEXT.test(text)) return text;
  const out: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    if (/^\s+at /.test(line)) {
      skipping = false;
      out.push(line);
    } else if (QUERY_TEXT.test(line)) {
      skipping = true;
      out.push(`${line.slice(0, line.search(QUERY_TEXT))}[database error; query and values not logged]`);
    } else if (!skipping) out.push(line);
  }
  return out.join('\n');
}

export function safeConsoleArg(arg: unknown): unknown {
  if (typeof arg === 'string') return scrubText(arg);
  if (isErrorLike(arg) && carriesDatabaseError(arg)) return safeErrorText(arg);
  return arg;
}

const METHODS = ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const;
const g = globalThis as unknown as { __safeConsole?: boolean };

/** Replaces database errors (and quoted queries) in everything printed through `console`. Idempotent. */
export function installSafeConsole(target: Console = console): void {
  if (target === console && g.__safeConsole) return;
  for (const m of METHODS) {
    const original = target[m].bind(target);
    target[m] = (...args: unknown[]) => original(...args.map(safeConsoleArg));
  }
  if (target === console) g.__safeConsole = true;
}
