import { parseDocument } from 'htmlparser2';

// Reads HTML the way a browser would (htmlparser2, installed with html-to-text for the emails) and
// lists what could run: script elements (all of them, or those holding a marker on pages that
// carry Next.js's own), event-handler attributes, javascript: URLs, and <iframe>/<object>/<embed>.

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[]; data?: string };

const text = (n: Node): string => (n.data ?? '') + (n.children ?? []).map(text).join('');

/** Every way `html` could run script, as readable findings (empty when safe). */
export function activeMarkup(html: string, opts: { scriptsHolding?: string } = {}): string[] {
  const found: string[] = [];
  const walk = (n: Node) => {
    if (n.type === 'script' || n.name === 'script') {
      const body = text(n);
      const holds = !opts.scriptsHolding || body.includes(opts.scriptsHolding) || Object.values(n.attribs ?? {}).some((v) => v.includes(opts.scriptsHolding!));
      // React's own data scripts (nonce'd) may carry the text typed, as a JSON string with every `<`
      // written \u003c: harmless. A script holding it without the nonce, or with raw markup, is not.
      const framework = opts.scriptsHolding && n.attribs?.nonce && !/<[a-z/!]/i.test(body);
      if (holds && !framework) found.push(`<script>${body.slice(0, 80)}`);
    }
    if (n.name && ['iframe', 'object', 'embed', 'svg'].includes(n.name) && JSON.stringify(n.attribs ?? {}).match(/xss|alert/i)) found.push(`<${n.name}>`);
    for (const [k, v] of Object.entries(n.attribs ?? {})) {
      if (/^on/i.test(k)) found.push(`${n.name} ${k}=${v.slice(0, 60)}`);
      if (/^\s*(javascript|vbscript|data:text\/html)/i.test(v) && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(k.toLowerCase())) {
        found.push(`${n.name} ${k}=${v.slice(0, 60)}`);
      }
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(parseDocument(html) as unknown as Node);
  return found;
}

/** The document's text as a reader sees it (entities decoded). */
export function visibleText(html: string): string {
  return text(parseDocument(html, { decodeEntities: true }) as unknown as Node);
}
