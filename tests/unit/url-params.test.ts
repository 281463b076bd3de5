import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { firstParam, isUuid, scalarParams } from '@/lib/http/params';
import { undecodablePath } from '@/lib/runtime/front-proxy';
import { proxy } from '@/proxy';

// Issue #15 item 2 (never a 500 from bad input): the one reader of URL values, and the proxy's
// refusal of cross-origin posts to pages. tests/security/fuzz-every-route.test.ts proves the
// whole app; these pin each protection on its own.

describe('query parameters as Next.js hands them to a page', () => {
  it('a repeated key is its first value; an absent or odd one is undefined', () => {
    expect(firstParam(['a', 'b'])).toBe('a');
    expect(firstParam('a')).toBe('a');
    expect(firstParam(undefined)).toBeUndefined();
    expect(firstParam([])).toBeUndefined();
    expect(firstParam({ a: 1 })).toBeUndefined();
  });

  it('scalarParams keeps only the named keys, each a string, own keys only', () => {
    const sp = Object.assign(Object.create({ t: 'inherited' }), { t: ['x', 'y'], sesi: 'ok', other: 'no' });
    expect(scalarParams(sp, ['t', 'sesi', 'pautan'])).toEqual({ t: 'x', sesi: 'ok' });
    expect(scalarParams(Object.create({ t: 'inherited' }), ['t'])).toEqual({});
    expect(scalarParams(null, ['t'])).toEqual({});
  });
});

describe('paths Next.js cannot decode (front listener)', () => {
  it.each([['/aduan/%'], ['/aduan/%zz'], ['/api/konsol/lampiran/%E0%A4%A'], ['/aduan/%C0%AF'], ['/aduan/%FF%FE?x=1']])('%s is refused', (url) => {
    expect(undecodablePath(url)).toBe(true);
  });
  it('well-encoded paths pass, whatever their query', () => {
    expect(undecodablePath('/aduan/%E6%BC%A2?q=%zz')).toBe(false);
    expect(undecodablePath('/soalan-lazim/..%2f..%2fetc%00')).toBe(false);
  });
});

describe('uuid path segments', () => {
  it('takes only what PostgreSQL takes as a uuid', () => {
    expect(isUuid('0b6f1c1e-8d3a-4d6e-9a57-1f2e3d4c5b6a')).toBe(true);
    expect(isUuid('0B6F1C1E-8D3A-4D6E-9A57-1F2E3D4C5B6A')).toBe(true);
    // 36 characters of the right alphabet, not a uuid: the old check let these reach the query (22P02, a 500).
    expect(isUuid('-'.repeat(36))).toBe(false);
    expect(isUuid('abcdef01abcdef01abcdef01abcdef01abcd')).toBe(false);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid(['0b6f1c1e-8d3a-4d6e-9a57-1f2e3d4c5b6a'])).toBe(false);
  });
});

describe('proxy: posts to pages from another origin', () => {
  const post = (headers: Record<string, string>) =>
    proxy(new NextRequest('http://helpdesk.example/konsol', { method: 'POST', headers: { host: 'helpdesk.example', 'next-action': 'abc', 'content-type': 'text/plain;charset=UTF-8', ...headers }, body: '[]' }));

  it.each([['https://evil.example'], ['null'], ['not a url'], ['http://helpdesk.example.evil.example']])('Origin %s → 403, never reaching the action', async (origin) => {
    const res = await post({ origin });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('same origin, or no Origin at all, goes on to the page', async () => {
    expect((await post({ origin: 'http://helpdesk.example' })).status).toBe(200);
    expect((await post({})).status).toBe(200);
    expect((await post({ origin: 'https://proxy.example', 'x-forwarded-host': 'proxy.example' })).status).toBe(200);
  });

  it('page visits are not affected by an Origin', async () => {
    const res = await proxy(new NextRequest('http://helpdesk.example/', { headers: { host: 'helpdesk.example', origin: 'https://evil.example' } }));
    expect(res.status).toBe(200);
  });
});

describe('proxy: server-action arguments Next.js could not decode', () => {
  const action = (body: BodyInit, type?: string) =>
    proxy(new NextRequest('http://helpdesk.example/konsol', { method: 'POST', headers: { host: 'helpdesk.example', 'next-action': 'abc', ...(type && { 'content-type': type }) }, body }));
  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };

  it.each([['not json'], ['{"a":1}'], ['"x"'], ['["$K1"]'], ['["$@1"]'], ['[{"x":["$Q2"]}]']])('plain body %s → 400', async (body) => {
    expect((await action(body, 'text/plain;charset=UTF-8')).status).toBe(400);
  });

  it('multipart without its root, or naming a part it lacks → 400; garbage multipart → 400', async () => {
    expect((await action(form([['$ACTION_ID_abc', ''], ['name', 'x']]))).status).toBe(400);
    expect((await action(form([['0', '["$K2"]'], ['1_name', 'x']]))).status).toBe(400);
    expect((await action('--b\r\ngarbage\r\n--b', 'multipart/form-data; boundary=b')).status).toBe(400);
  });

  it('what the client runtime sends goes on: JSON arguments, and a form as `$K1` with its `1_` fields', async () => {
    expect((await action('[{"ok":false,"message":"$$x"},"$undefined","$D2026-11-30T00:00:00.000Z"]', 'text/plain;charset=UTF-8')).status).toBe(200);
    expect((await action(form([['0', '["$undefined","$K1"]'], ['1_name', 'x'], ['1_$ACTION_KEY', 'k']]))).status).toBe(200);
    expect((await action(form([['0', '["$K1"]'], ['1_name', 'x'], ['1_$ACTION_KEY', 'k']]))).status).toBe(200);
    // As Chromium sent the sign-in form (React 19.3: the form's fields prefixed `_1_`).
    expect((await action(form([['_1_$ACTION_REF_2', ''], ['_1_$ACTION_2:0', '{"id":"60e4","bound":"$@1"}'], ['_1_$ACTION_2:1', '[null]'], ['_1_$ACTION_KEY', 'k'], ['_1_email', 'a@b.c'], ['0', '[null,"$K1"]']]))).status).toBe(200);
  });
});
