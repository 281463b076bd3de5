// Which failures mean "the database cannot answer now" (a 503: try again shortly) rather than a
// defect (a 500): a statement past its deadline (DB_STATEMENT_TIMEOUT_MS), the server shutting
// down or refusing connections, a connection that could not be made or was lost.

const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '53300', '53400']);
const UNAVAILABLE_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'SEARCH_TURN_TIMEOUT', // a console word search whose turn did not come in time (lib/console/queue/search-turns.ts)
]);

/** True when `e` or any error in its cause chain says the database is unavailable or too slow. */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let err = e as { code?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 5; err = err.cause as typeof err, depth++) {
    const code = typeof err.code === 'string' ? err.code : undefined;
    if (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}
