import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { INLINE_SCRIPT_HASHES, inlineScriptHashes, isPrerenderedAddress, prerenderedRoute, servedPrerendered, withInlineScriptHashes } from '@/lib/http/prerendered';

// The prerendered form's addresses and its policy's hashes (lib/http/prerendered.ts).

const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('the prerendered form', () => {
  it('is served at / from the copy in the visitor’s language; its copies are their own addresses; nothing else is', () => {
    expect(prerenderedRoute('/', 'ms')).toBe('/borang/ms');
    expect(prerenderedRoute('/', 'en')).toBe('/borang/en');
    expect(prerenderedRoute('/borang/en', 'ms')).toBe('/borang/en');
    for (const path of ['/semakan', '/borang/xx', '/borang/ms/extra', '/aduan/PKN1', '/konsol']) {
      expect(prerenderedRoute(path, 'ms'), path).toBeNull();
      expect(servedPrerendered(path), path).toBe(false);
    }
    expect(servedPrerendered('/')).toBe(true);
    // The language switch sends the visitor back only to such an address (no open redirect).
    expect(isPrerenderedAddress('/')).toBe(true);
    for (const address of ['//evil.example', 'https://evil.example/', '/semakan', '']) expect(isPrerenderedAddress(address), address).toBe(false);
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
