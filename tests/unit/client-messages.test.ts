import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_CLIENT_NAMESPACES, PUBLIC_CLIENT_NAMESPACES, ROOT_CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';

// The browser gets only some namespaces (lib/i18n/client-messages.ts): a client component reading
// one that its part of the site does not send would show a raw key. Each part's provider serves the
// files its pages import, directly or through other files, so every useTranslations('…') in those
// files is checked against that part's list, and every namespace a part sends must be read there.

const root = path.resolve(__dirname, '../..');
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The file an import names ('@/…' or relative), or null for a package. */
function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.join(path.dirname(from), spec) : null;
  if (base === null) return null;
  const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((f) => fs.existsSync(path.join(root, f)) && fs.statSync(path.join(root, f)).isFile());
  if (!found) throw new Error(`${from}: cannot resolve ${spec}`);
  return found;
}

/** Every file the given ones import, directly or not (themselves included). */
function reachable(files: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...files];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of read(file).matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const next = resolveImport(file, m[1]);
      if (next) todo.push(next);
    }
  }
  return seen;
}

const namespacesIn = (file: string) => [...read(file).matchAll(/\buseTranslations\(\s*(?:['"]([^'"]*)['"])?\s*\)/g)].map((m) => m[1] ?? '');
const sends = (list: readonly string[], ns: string) => list.some((sent) => ns === sent || ns.startsWith(`${sent}.`));

// The parts of the site, each with its provider's list: the console's and the public frame's
// (app/(public) and the prerendered form, app/(prerendered)) replace the document's provider for
// their pages; the document's serves the pages outside them (app/global-*.tsx).
const appTop = fs.readdirSync(path.join(root, 'app')).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join('app', f));
const parts = [
  { name: 'root', files: reachable(appTop), list: ROOT_CLIENT_NAMESPACES },
  { name: 'public', files: reachable(['(public)', '(prerendered)'].flatMap((group) => sources(path.join('app', group)))), list: PUBLIC_CLIENT_NAMESPACES },
  { name: 'console', files: reachable(sources(path.join('app', 'konsol'))), list: CONSOLE_CLIENT_NAMESPACES },
];

describe('messages sent to the browser', () => {
  it('finds the client components that read messages, each naming its namespace plainly', () => {
    const all = ['app', 'components', 'lib'].flatMap(sources);
    const named = all.flatMap(namespacesIn);
    expect(named.length).toBeGreaterThan(20);
    expect(all.reduce((n, file) => n + (read(file).match(/\buseTranslations\(/g)?.length ?? 0), 0)).toBe(named.length); // a namespace in a variable could not be checked
    // Every file that reads messages is served by some part (none is left out of the walk).
    expect(all.filter((f) => namespacesIn(f).length > 0 && !parts.some((p) => p.files.has(f)))).toEqual([]);
  });

  it('sends every namespace a file reads, to each part of the site whose pages import that file', () => {
    const missing = parts.flatMap(({ name, files, list }) =>
      [...files].flatMap((file) => namespacesIn(file).filter((ns) => !sends(list, ns)).map((ns) => `${name}: ${file}: useTranslations('${ns}')`)),
    );
    expect(missing).toEqual([]);
  });

  it('sends nothing a part does not read (beyond the root error page\'s, which every part keeps)', () => {
    const unread = parts.flatMap(({ name, files, list }) => {
      const readHere = [...files].flatMap(namespacesIn);
      return list.filter((sent) => !(ROOT_CLIENT_NAMESPACES as readonly string[]).includes(sent) && !readHere.some((ns) => sends([sent], ns) || sends([ns], sent))).map((sent) => `${name}: ${sent}`);
    });
    expect(unread).toEqual([]);
  });

  it('picks the namespaces (a dotted one only its branch) and leaves the rest on the server', () => {
    for (const catalogue of [ms, en] as Record<string, unknown>[]) {
      const sent = pickMessages(catalogue, CONSOLE_CLIENT_NAMESPACES);
      expect(Object.keys(sent)).not.toContain('reports');
      expect(Object.keys((sent.privacy ?? {}) as object).sort()).toEqual(['access', 'correct']);
      expect(sent.filePicker).toEqual(catalogue.filePicker);
      expect(Object.keys(sent)).not.toContain('form'); // the public form's strings stay with the public site
      expect(JSON.stringify(pickMessages(catalogue, PUBLIC_CLIENT_NAMESPACES)).length).toBeLessThan(JSON.stringify(catalogue).length / 3);
    }
    expect(() => pickMessages(ms, ['noSuchNamespace'])).toThrow(/noSuchNamespace/);
  });
});
