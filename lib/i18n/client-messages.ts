// The messages a page sends to the browser: only the namespaces client components read with
// useTranslations. Server components render every other string themselves, so the whole catalogue
// (~65 KB, a third to a half of each page's inline RSC payload, parsed again by the server's HTML
// pass) stays on the server. Each part of the site has its own provider (a nested one replaces,
// it does not add to, its parent's messages). tests/unit/client-messages.test.ts walks the imports of
// each part's pages and checks every useTranslations namespace there is listed for that part, and
// nothing listed goes unread.

type Messages = Record<string, unknown>;

/** Read by the error page, which can stand in for any page (every document's provider, components/layout/document.tsx). */
export const ROOT_CLIENT_NAMESPACES = ['errorPage'] as const;

/** Read by the public site's client components (the public frame's provider, components/layout/public-chrome.tsx). */
export const PUBLIC_CLIENT_NAMESPACES = [...ROOT_CLIENT_NAMESPACES, 'errors', 'form', 'privacy.notice', 'success', 'feedback', 'satisfaction', 'kbPublic', 'filePicker', 'lookup', 'status'] as const;

/** Read by the console's client components, its own and the shared ones it uses (app/konsol's provider). */
export const CONSOLE_CLIENT_NAMESPACES = [
  ...ROOT_CLIENT_NAMESPACES,
  'errors',
  'filePicker',
  'satisfaction',
  'console',
  'status',
  'login',
  'account',
  'accounts.forgot',
  'security',
  'agencySettings',
  'agencyMore',
  'automation',
  'privacy.access',
  'privacy.correct',
] as const;

/** The listed namespaces (a dotted one picks that branch only) out of a whole catalogue. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of namespaces) {
    const path = ns.split('.');
    let from: unknown = messages;
    for (const key of path) from = from && typeof from === 'object' ? (from as Messages)[key] : undefined;
    if (from === undefined) throw new Error(`no messages under ${ns}`);
    let to = out;
    for (const key of path.slice(0, -1)) to = (to[key] ??= {}) as Messages;
    to[path[path.length - 1]] = from;
  }
  return out;
}
