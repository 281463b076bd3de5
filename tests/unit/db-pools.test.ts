import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Which pool (docs/ARCHITECTURE.md § Conventions): code under app/konsol and app/api/konsol takes
// its database from getConsoleDb(); everything else from getDb(). lib/ functions take the db as an
// argument, so the caller's place decides. A file on the wrong side fails here.

const root = path.resolve(__dirname, '../..');
const SOURCE = /\.(ts|tsx)$/;
const CONSOLE = [path.join('app', 'konsol'), path.join('app', 'api', 'konsol')];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return SOURCE.test(entry.name) ? [rel] : [];
  });
}

const files = ['app', 'lib', 'components', 'scripts'].flatMap(sourceFiles).map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));
const isConsole = (file: string) => CONSOLE.some((dir) => file.startsWith(dir + path.sep));

describe('which pool', () => {
  it('console pages, actions and routes use getConsoleDb(), never getDb()', () => {
    const wrong = files.filter((f) => isConsole(f.file) && /\bgetDb\s*\(/.test(f.text)).map((f) => f.file);
    expect(wrong).toEqual([]);
    // the rule is live: the queue page is among them
    expect(files.some((f) => f.file.endsWith(path.join('konsol', '(signed-in)', 'page.tsx')) && /\bgetConsoleDb\s*\(/.test(f.text))).toBe(true);
  });

  it('nothing outside the console uses getConsoleDb()', () => {
    const wrong = files
      .filter((f) => !isConsole(f.file) && f.file !== path.join('lib', 'db', 'index.ts') && /\bgetConsoleDb\s*\(/.test(f.text))
      .map((f) => f.file);
    expect(wrong).toEqual([]);
  });
});
