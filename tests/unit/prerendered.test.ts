import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { INLINE_SCRIPT_HASHES, inlineScriptHashes, prerenderedAddress, prerenderedRoute, servedPrerendered, withInlineScriptHashes } from '@/lib/http/prerendered';

// The prerendered pages' addresses and their policy's hashes (lib/http/prerendered.ts).

const require = createRequire(import.meta.url);
const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('the prerendered pages', () => {
  it('serves / and /semakan from the copy in the visitor’s language; the copies are their own addresses; nothing else is', () => {
    expect(prerenderedRoute('/', 'ms')).toBe('/salinan/ms');
    expect(prerenderedRoute('/', 'en')).toBe('/salinan/en');
    expect(prerenderedRoute('/semakan', 'en')).toBe('/salinan/en/semakan');
    expect(prerenderedRoute('/salinan/en', 'ms')).toBe('/salinan/en');
    expect(prerenderedRoute('/salinan/ms/semakan', 'en')).toBe('/salinan/ms/semakan');
    for (const path of ['/semakan/pautan', '/semakan/', '/salinan/xx', '/salinan/ms/extra', '/aduan/PKN1', '/konsol', '/privasi']) {
      expect(prerenderedRoute(path, 'ms'), path).toBeNull();
      expect(servedPrerendered(path), path).toBe(false);
    }
    expect(servedPrerendered('/')).toBe(true);
    expect(servedPrerendered('/semakan')).toBe(true);
    // The language switch sends the visitor back only to such an address (no open redirect).
    // The switch's action may run at the copy's own path (Next.js hands actions between routes).
    for (const address of ['/', '/semakan']) expect(prerenderedAddress(address), address).toBe(address);
    expect(prerenderedAddress('/salinan/en')).toBe('/');
    expect(prerenderedAddress('/salinan/ms/semakan')).toBe('/semakan');
    for (const path of ['//evil.example', 'https://evil.example/', '/privasi', '/salinan/xx', '/semakan/pautan', '']) expect(prerenderedAddress(path), path).toBeNull();
  });

  it("next.config.js's rewrites serve the same copies as prerenderedRoute, by the same language rule", async () => {
    const config = require('../../next.config.js') as { rewrites: () => Promise<{ beforeFiles: { source: string; destination: string; has?: { value: string }[] }[] }> };
    const rules = (await config.rewrites()).beforeFiles;
    for (const source of ['/', '/semakan']) {
      const forSource = rules.filter((r) => r.source === source);
      expect(forSource.find((r) => r.has?.[0]?.value === 'en')?.destination, source).toBe(prerenderedRoute(source, 'en'));
      expect(forSource.find((r) => !r.has)?.destination, source).toBe(prerenderedRoute(source, 'ms'));
    }
    expect(rules).toHaveLength(4);
  });

  it('hashes each distinct inline script, byte for byte (UTF-8), and no script with a src', () => {
    const a = 'self.__next_f.push([1,"Aduan \\u003cbaru\\u003e — é"])';
    const html = `<script src="/_next/a.js" async=""></script><script nonce="x">${a}</script><SCRIPT>${a}</SCRIPT><script type="module">b()</script><script></script>`;
    expect(inlineScriptHashes(html)).toEqual([sha(a), sha('b()')]);
  });

  it('puts the hashes where the placeholder was, or nothing: an inline script then never runs', () => {
    const policy = `default-src 'self'; script-src 'self' ${INLINE_SCRIPT_HASHES}; object-src 'none'`;
    expect(withInlineScriptHashes(policy, '<script>go()</script>')).toBe(`default-src 'self'; script-src 'self' ${sha('go()')}; object-src 'none'`);
    expect(withInlineScriptHashes(policy, '<p>no scripts</p>')).toBe("default-src 'self'; script-src 'self'; object-src 'none'");
  });
});
