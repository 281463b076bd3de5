// First-load JavaScript of the public pages, from the production build's own manifests (used by
// `npm run check:bundle` and `npm run bench`). For each page: the framework's root files
// (.next/build-manifest.json rootMainFiles) plus every script its client-reference manifest
// names for the layouts, error boundaries and templates on the page's path and the page itself
// (.next/server/app/…/page_client-reference-manifest.js; the 404/403 and global-error pages' scripts
// are fetched only when one is shown, so they are not counted), each counted once, compressed with
// gzip at zlib's default level (what `next start` sends). The legacy polyfills (nomodule, not loaded
// by current browsers) are left out.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

const PAGES = [
  { page: '/ (the form)', entry: '/(prerendered)/salinan/[locale]/page' },
  { page: '/semakan', entry: '/(prerendered)/salinan/[locale]/semakan/page' },
  { page: '/aduan/[no]', entry: '/(public)/aduan/[no]/page' },
];

type Manifest = { entryJSFiles?: Record<string, string[]> };
export type FirstLoad = { page: string; gzip: number; brotli: number; raw: number; files: number };

function clientManifest(next: string, entry: string): Manifest {
  const file = path.join(next, 'server', 'app', `${entry}_client-reference-manifest.js`);
  if (!fs.existsSync(file)) throw new Error(`${file} not found: run npm run build first`);
  const sandbox: { self: Record<string, unknown>; globalThis?: unknown } = { self: {} };
  sandbox.globalThis = sandbox.self;
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox);
  const all = (sandbox.self.__RSC_MANIFEST ?? {}) as Record<string, Manifest>;
  const found = all[entry];
  if (!found) throw new Error(`no manifest entry ${entry} in ${file}`);
  return found;
}

function sizes(next: string, files: string[]): Omit<FirstLoad, 'page'> {
  const js = files.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(next, f)));
  return {
    gzip: js.reduce((n, b) => n + zlib.gzipSync(b).length, 0),
    brotli: js.reduce((n, b) => n + zlib.brotliCompressSync(b).length, 0),
    raw: js.reduce((n, b) => n + b.length, 0),
    files: js.length,
  };
}

const rootMainFiles = (next: string) => (JSON.parse(fs.readFileSync(path.join(next, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] }).rootMainFiles;

/** Each public page's first-load JavaScript in the build at `next` (.next). */
export function firstLoadJs(next = path.join(process.cwd(), '.next')): FirstLoad[] {
  return PAGES.map(({ page, entry }) => {
    const files = new Set<string>(rootMainFiles(next));
    const dir = entry.replace(/\/page$/, '');
    for (const [key, list] of Object.entries(clientManifest(next, entry).entryJSFiles ?? {})) {
      const m = /^\[project\]\/app(.*)\/(layout|error|template|loading|page)$/.exec(key);
      if (!m || !(dir === m[1] || dir.startsWith(`${m[1]}/`)) || (m[2] === 'page' && m[1] !== dir)) continue;
      for (const f of list) files.add(f);
    }
    return { page, ...sizes(next, [...files]) };
  });
}

/** The framework's share of every page: Next.js's and React's root files, loaded before any page code. */
export function frameworkJs(next = path.join(process.cwd(), '.next')): Omit<FirstLoad, 'page'> {
  return sizes(next, rootMainFiles(next));
}
