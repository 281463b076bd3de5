// Where the console sends an officer after signing in: the page the proxy sent them away from
// (`?dari=`), never another site. Open redirects (absolute URLs, `//host`, back-slashes, encoded
// forms of any of them) fall back to the queue. tests/security/web-attacks.test.ts tries them.

const CONSOLE_PATH = /^\/konsol(\/[A-Za-z0-9._~%\-/]*)?$/;

/** A console path of ours to return to, or `/konsol`. Never the sign-in page itself. */
export function consoleReturnPath(value: unknown): string {
  const path = typeof value === 'string' ? value : '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return '/konsol'; // malformed escapes
  }
  // Only our own console paths: no scheme, no `//host`, no back-slashes, no `..`, as typed or decoded.
  const safe = CONSOLE_PATH.test(path) && ![path, decoded].some((p) => p.includes('//') || p.includes('\\') || p.includes('..'));
  return safe && !path.startsWith('/konsol/log-masuk') ? path : '/konsol';
}
