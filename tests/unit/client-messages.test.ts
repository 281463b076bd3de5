import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_CLIENT_NAMESPACES, PUBLIC_CLIENT_NAMESPACES, ROOT_CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';

// The browser gets only some namespaces (lib/i18n/client-messages.ts): a client component reading
// one that its part of the site does not send would show a raw key. Every useTranslations('…')
// in the source is checked against the provider that serves its file.

const root = path.resolve(__dirname, '../..');
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}

const uses = ['app', 'components', 'lib'].flatMap(sources).flatMap((file) => {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/\buseTranslations\(\s*(?:['"]([^'"]*)['"])?\s*\)/g)].map((m) => ({ file, ns: m[1] ?? '' }));
});

const servedBy = (file: string): readonly string[] =>
  file === path.join('app', 'error.tsx') ? ROOT_CLIENT_NAMESPACES : file.startsWith(path.join('app', 'konsol')) || file.startsWith(path.join('components', 'konsol')) ? CONSOLE_CLIENT_NAMESPACES : PUBLIC_CLIENT_NAMESPACES;

describe('messages sent to the browser', () => {
  it('finds the client components that read messages, each naming its namespace plainly', () => {
    expect(uses.length).toBeGreaterThan(20);
    const calls = ['app', 'components', 'lib'].flatMap(sources).reduce((n, file) => n + (fs.readFileSync(path.join(root, file), 'utf8').match(/\buseTranslations\(/g)?.length ?? 0), 0);
    expect(calls).toBe(uses.length); // a namespace in a variable could not be checked
  });

  it('sends every namespace a useTranslations reads, to the part of the site its file is in', () => {
    const missing = uses.filter(({ file, ns }) => !servedBy(file).some((sent) => ns === sent || ns.startsWith(`${sent}.`))).map(({ file, ns }) => `${file}: useTranslations('${ns}')`);
    expect(missing).toEqual([]);
  });

  it('picks the namespaces (a dotted one only its branch) and leaves the rest on the server', () => {
    for (const catalogue of [ms, en] as Record<string, unknown>[]) {
      const sent = pickMessages(catalogue, CONSOLE_CLIENT_NAMESPACES);
      expect(Object.keys(sent)).not.toContain('reports');
      expect(Object.keys((sent.privacy ?? {}) as object).sort()).toEqual(['access', 'correct', 'notice']);
      expect(sent.form).toEqual(catalogue.form);
      expect(JSON.stringify(pickMessages(catalogue, PUBLIC_CLIENT_NAMESPACES)).length).toBeLessThan(JSON.stringify(catalogue).length / 3);
    }
    expect(() => pickMessages(ms, ['noSuchNamespace'])).toThrow(/noSuchNamespace/);
  });
});
