import fs from 'node:fs';
import path from 'node:path';

// `npm start` builds when there is no production build or when a source file is newer than it,
// so a changed checkout never serves yesterday's code.
const SOURCES = ['app', 'components', 'lib', 'public', 'next.config.js', 'proxy.ts', 'instrumentation.ts', 'package-lock.json'];

export function productionBuildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const newer = (p: string): boolean => {
    if (!fs.existsSync(p)) return false;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs > built;
    return fs.readdirSync(p).some((name) => newer(path.join(p, name)));
  };
  return SOURCES.some((s) => newer(path.join(root, s)));
}
