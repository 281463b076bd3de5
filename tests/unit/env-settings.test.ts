import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingNames } from '@/lib/env';

// Every setting the code reads is declared in lib/env.ts and documented in .env.example and the
// README's settings table: a new `process.env.X` (or a schema key nobody documented) fails here.

const root = path.resolve(__dirname, '../..');
const SCANNED_DIRS = ['lib', 'app', 'components', 'scripts'];
const SCANNED_FILES = ['instrumentation.ts', 'proxy.ts', 'next.config.js', 'drizzle.config.ts'];
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

/** Next.js's and Node's own variables: set by them, not settings of this app. */
const PLATFORM = new Set(['NODE_ENV', 'NEXT_RUNTIME', 'NEXT_TELEMETRY_DISABLED', 'NEXT_MANUAL_SIG_HANDLE']);

type Read = { name: string; where: string };

/** `process.env.NAME` and `process.env['NAME']`; a computed name is reported as `[computed]`. */
function envReads(source: string, file: string): Read[] {
  const reads: Read[] = [];
  source.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/process\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:(['"`])([^'"`]+)\2|([^\]]*))\s*\])/g)) {
      reads.push({ name: m[1] ?? m[3] ?? '[computed]', where: `${file}:${i + 1}` });
    }
  });
  return reads;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return SOURCE.test(entry.name) ? [rel] : [];
  });
}

const reads = [...SCANNED_DIRS.flatMap(sourceFiles), ...SCANNED_FILES].flatMap((file) =>
  envReads(readFileSync(path.join(root, file), 'utf8'), file),
);

/** Uncommented `NAME=` lines. */
const envExample = new Set(
  readFileSync(path.join(root, '.env.example'), 'utf8')
    .split('\n')
    .flatMap((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []),
);

/** Backquoted names in the first column of the table under "## Settings". */
const readmeTable = (() => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Settings'), readme.indexOf('\n## ', readme.indexOf('\n## Settings') + 1));
  const names = new Set<string>();
  for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
    for (const m of row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1]);
  }
  return names;
})();

const declared = new Set<string>(settingNames);

describe('settings', () => {
  it('finds reads by name, quoted name and computed name', () => {
    expect(envReads("a(process.env.FOO_BAR); b(process.env['BAZ']); c(process.env[key]);", 'x.ts').map((r) => r.name)).toEqual([
      'FOO_BAR',
      'BAZ',
      '[computed]',
    ]);
    // The scan really reads the tree: scripts/start.ts fills in DATABASE_URL before validation.
    expect(reads.map((r) => r.name)).toContain('DATABASE_URL');
  });

  it('reads only settings declared in lib/env.ts (or the platform’s own variables)', () => {
    const undeclared = reads.filter((r) => !declared.has(r.name) && !PLATFORM.has(r.name));
    expect(undeclared.map((r) => `${r.name} at ${r.where}`)).toEqual([]);
  });

  it('documents every declared setting in .env.example and in the README settings table', () => {
    const documented = [...declared].filter((name) => !PLATFORM.has(name));
    expect(documented.filter((name) => !envExample.has(name)).map((n) => `${n} missing from .env.example`)).toEqual([]);
    expect(documented.filter((name) => !readmeTable.has(name)).map((n) => `${n} missing from README.md`)).toEqual([]);
  });

  it('documents nothing that is not a setting', () => {
    expect([...envExample].filter((name) => !declared.has(name))).toEqual([]);
    expect([...readmeTable].filter((name) => !declared.has(name))).toEqual([]);
  });
});
