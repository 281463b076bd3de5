import { createHash, randomUUID } from 'node:crypto';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleReturnPath } from '@/lib/auth/return-path';
import { startAppServer } from '../support/app-server';
import { pngBytes } from '../support/fixtures';
import { freePortSync } from '../support/free-port';
import { activeMarkup } from '../support/html-safety';

// Threats that need the real server (`npm start`: the front listener, proxy.ts, Next.js, Auth.js):
// headers (CSP with nonces, HSTS, frame-ancestors, nosniff, Referrer-Policy), cookie flags,
// cross-origin writes (CSRF) on every state-changing route and server action, the
// `x-middleware-subrequest` bypass (CVE-2025-29927), `callbackUrl` / `dari` open redirects,
// stored XSS on the public and console pages, complaint pages by guessed number, and staff
// sign-in guessed with a rotating X-Forwarded-For. One app server for the whole file.

const EVIL = 'https://evil.example';
let app: Awaited<ReturnType<typeof startAppServer>>;
let db: postgres.Sql;
let base: string;
const ADMIN = { email: 'admin@localhost', password: 'e2e-admin-password-1' };

beforeAll(async () => {
  const port = freePortSync();
  // Served as in production: APP_URL is HTTPS (the client still talks plain HTTP to the listener).
  app = await startAppServer({ port, env: { APP_URL: `https://localhost:${port}` } });
  base = `http://localhost:${port}`;
  db = postgres(app.env.DATABASE_URL, { max: 2, onnotice: () => {} });
}, 300_000);

afterAll(async () => {
  await db?.end();
  await app?.stop();
});

async function captcha(): Promise<string> {
  const challenge = await (await fetch(`${base}/api/captcha`)).json();
  const solution = await solveChallenge({ challenge, deriveKey });
  const { codeChallenge: _unused, ...rest } = challenge as { codeChallenge?: unknown };
  return btoa(JSON.stringify({ challenge: rest, solution }));
}

const form = (fields: Record<string, string | Blob>, files: [string, Blob, string][] = []) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [k, blob, name] of files) f.append(k, blob, name);
  return f;
};

/** A real session: the administrator signed in through Auth.js (no password change or TOTP enrolment pending). */
async function staffCookie(): Promise<string> {
  await db`update users set must_change_password = false, totp_required = false where email = ${ADMIN.email}`;
  const session = cookieNamed(await authSignIn(), 'authjs.session-token');
  if (!session) throw new Error('the administrator could not sign in');
  return session.split(';')[0]!;
}

/** Signs in through Auth.js's credentials callback, as a browser form would. */
async function authSignIn(opts: { password?: string; callbackUrl?: string; headers?: Record<string, string>; email?: string } = {}) {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: opts.headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = new URLSearchParams({ email: opts.email ?? ADMIN.email, password: opts.password ?? ADMIN.password, csrfToken, callbackUrl: opts.callbackUrl ?? `${base}/konsol` });
  return fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: jar, ...opts.headers },
  });
}

const cookieNamed = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.split('=')[0]!.endsWith(name));

let filed: { number: string; url: string } | undefined;
const XSS = {
  title: `<script>alert('xss-title')</script> Tajuk`,
  description: `Huraian <img src=x onerror=alert('xss-desc')> <a href="javascript:alert('xss-link')">pautan</a> cukup panjang untuk borang.`,
  ptj: `"><svg onload=alert('xss-ptj')> PTJ`,
  name: `Siti O'Brien Binti Tarudin`,
  file: `"><img src=x onerror=alert('xss-file')>.png`,
  reply: `Jawapan <script>alert('xss-reply')</script> <b onmouseover=alert('xss-b')>tebal</b>`,
};

describe('stored XSS on every public and console page', () => {
  it('payloads in every field, a file name and a reply are shown as text on the public complaint page, the queue and the console complaint page', async () => {
    const res = await fetch(`${base}/api/v1/aduan`, {
      method: 'POST',
      headers: { origin: base },
      body: form(
        {
          submissionKey: randomUUID(),
          name: XSS.name,
          ic: '900101-03-5123',
          ptj: XSS.ptj,
          phone: '012-345 6789',
          email: 'xss@example.gov.my',
          category: 'kod-barang-akaun',
          title: XSS.title,
          description: XSS.description,
          declaration: 'on',
          altcha: await captcha(),
        },
        [['attachments', new Blob([Buffer.from(await pngBytes())], { type: 'image/png' }), XSS.file]],
      ),
    });
    expect(res.status).toBe(201);
    filed = (await res.json()) as { number: string; url: string };
    expect(filed.number).toBeTruthy();
    // An officer's public reply with a payload (the history is append-only: a plain insert).
    const [c] = await db`select id from complaints where number = ${filed!.number}`;
    await db`insert into complaint_events (complaint_id, type, body, author_type, author_name, internal)
             values (${c.id}, 'public_reply', ${XSS.reply}, 'staff', ${`Pegawai <img src=x onerror=alert('xss-officer')>`}, false)`;

    const cookie = await staffCookie();
    const pages = [
      [new URL(filed!.url, base).pathname + new URL(filed!.url, base).search, ''],
      [`/konsol?q=${encodeURIComponent(`<script>alert('xss-q')</script>`)}`, cookie],
      [`/konsol/aduan/${filed!.number}`, cookie],
      [`/semakan?q=${encodeURIComponent(`"><script>alert('xss-q')</script>`)}`, ''],
    ] as const;
    for (const [path, cookieHeader] of pages) {
      const page = await fetch(`${base}${path}`, { headers: cookieHeader ? { cookie: cookieHeader } : {}, redirect: 'manual' });
      expect(page.status, `${path} → ${page.headers.get('location')}`).toBe(200);
      const html = await page.text();
      expect(activeMarkup(html, { scriptsHolding: 'xss-' }), path).toEqual([]);
      expect(html, path).not.toMatch(/<(img|svg|b)\b[^>]*\son\w+=/i);
      if (!path.startsWith('/semakan') && !path.startsWith('/konsol?')) expect(html, path).toContain('alert(&#x27;xss-title&#x27;)'); // shown, escaped
    }
  });
});

describe('enumeration of complaint pages by number', () => {
  it('a guessed /aduan/[number] answers the same for an issued number and an unissued one', async () => {
    const number = filed!.number;
    const other = `${number.slice(0, -4)}${String((Number(number.slice(-4)) + 5000) % 10_000).padStart(4, '0')}`;
    // What a reader sees and what the page links to, without React's data scripts (nonces, ids).
    const strip = (h: string) => h.replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/nonce="[^"]*"/g, '').replace(/PKN\d+/g, 'N');
    const a = await fetch(`${base}/aduan/${number}`);
    const b = await fetch(`${base}/aduan/${other}`);
    expect(a.status).toBe(b.status);
    expect(strip(await a.text())).toBe(strip(await b.text()));
  });
});

describe('security headers', () => {
  it('pages carry a CSP with a fresh nonce per request and no unsafe-inline script, frame-ancestors none, HSTS, nosniff, no-referrer', async () => {
    const seen = new Set<string>();
    for (const path of ['/privasi', '/konsol/log-masuk', '/statistik', '/privasi', '/soalan-lazim']) {
      const res = await fetch(`${base}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
      const nonce = /'nonce-([^']+)'/.exec(script)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(script).not.toContain("'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const html = await res.text();
      // Every script element of the page carries that nonce.
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attrs of scripts) expect(attrs, path).toContain(`nonce="${nonce}"`);
      seen.add(nonce!);
      expectCommonHeaders(res, path);
    }
    expect(seen.size).toBe(5);
  });

  it('the prerendered pages have no nonce: each inline script is allowed by its hash, and nothing else inline runs', async () => {
    for (const [path, cookie] of [['/', 'NEXT_LOCALE=ms'], ['/', 'NEXT_LOCALE=en'], ['/semakan', 'NEXT_LOCALE=ms']]) {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const csp = res.headers.get('content-security-policy') ?? '';
      const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
      const html = await res.text();
      expect(script).not.toMatch(/'nonce-|'unsafe-inline'|'strict-dynamic'|'inline-script-hashes'/);
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\ssrc=/.test(m[1]!) && m[2]);
      expect(inline.length, cookie).toBeGreaterThan(2);
      for (const [, , body] of inline) expect(script, cookie).toContain(`'sha256-${createHash('sha256').update(body!).digest('base64')}'`);
      expect(script.split(' ').filter((s) => s.startsWith("'sha256-")).length).toBe(new Set(inline.map((m) => m[2])).size);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expectCommonHeaders(res, path!);
    }
  });

  it('API answers (JSON, refusals, redirects) carry a policy too: nothing runs in them and nothing frames them', async () => {
    for (const [path, init] of [
      ['/api/health', {}],
      ['/api/captcha', {}],
      ['/api/v1/semakan', { method: 'POST', body: form({ q: '' }), headers: { origin: base } }],
      ['/api/konsol/audit', {}],
      [`/api/lampiran/${randomUUID()}`, {}],
    ] as [string, RequestInit][]) {
      const res = await fetch(`${base}${path}`, { ...init, redirect: 'manual' });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/default-src 'none'/);
      expect(csp, path).not.toContain('unsafe-inline');
      expectCommonHeaders(res, path);
    }
  });
});

function expectCommonHeaders(res: Response, path: string) {
  expect(res.headers.get('strict-transport-security') ?? '', path).toMatch(/max-age=(\d{8,}|[3-9]\d{7})/);
  expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
  expect(res.headers.get('x-frame-options'), path).toBe('DENY');
  expect(res.headers.get('x-powered-by'), path).toBeNull();
}

describe('cookie flags', () => {
  it('the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax (APP_URL is HTTPS)', async () => {
    const res = await authSignIn();
    const session = cookieNamed(res, 'authjs.session-token');
    expect(session).toMatch(/^__Secure-authjs\.session-token=/);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);
  });

  it('the language cookie (a server action) and the lookup grant are HttpOnly, Secure and SameSite=Lax', async () => {
    const home = await (await fetch(`${base}/`)).text();
    const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(home)?.[1];
    expect(actionField).toBeTruthy();
    const res = await fetch(`${base}/`, { method: 'POST', body: form({ [actionField!]: '', locale: 'en' }), headers: { origin: base }, redirect: 'manual' });
    const locale = res.headers.getSetCookie().find((c) => /^NEXT_LOCALE=|^locale=|^bahasa=/i.test(c)) ?? res.headers.getSetCookie()[0];
    expect(locale).toMatch(/=en;/);
    expect(locale).toMatch(/;\s*HttpOnly/i);
    expect(locale).toMatch(/;\s*Secure/i);
    expect(locale).toMatch(/;\s*SameSite=Lax/i);

    const lookup = await fetch(`${base}/api/v1/semakan`, { method: 'POST', body: form({ q: filed!.number, altcha: await captcha() }), headers: { origin: base } });
    expect(lookup.status).toBe(200);
    const grant = cookieNamed(lookup, 'aduan_akses');
    expect(grant).toMatch(/;\s*HttpOnly/i);
    expect(grant).toMatch(/;\s*Secure/i);
    expect(grant).toMatch(/;\s*SameSite=(Lax|Strict)/i);
  });
});

describe('CSRF: a cross-origin write is refused on every state-changing route and server action', () => {
  const writes = () => [
    '/api/v1/aduan',
    `/api/v1/aduan/${filed?.number ?? 'PKN000'}/maklumbalas`,
    '/api/v1/semakan',
    '/api/v1/soalan-lazim/terbantu',
    `/api/konsol/aduan/${filed?.number ?? 'PKN000'}/kehadiran`,
    '/semakan/tamat',
    '/semakan/pautan/buka',
    '/api/auth/callback/credentials',
    '/api/auth/signout',
    '/', // the language switch (a server action)
    '/konsol/log-masuk', // the sign-in action
    '/konsol/tetapan', // an admin's server actions
  ];

  it('from another origin, from `Origin: null` and from a cross-site fetch without Origin: 403 before the app sees it', async () => {
    const cookie = await staffCookie();
    const variants: Record<string, string>[] = [{ origin: EVIL }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { origin: `${base}.evil.example` }];
    for (const path of writes()) {
      for (const headers of variants) {
        const res = await fetch(`${base}${path}`, { method: 'POST', body: form({ x: '1' }), headers: { ...headers, cookie, 'next-action': 'deadbeef' }, redirect: 'manual' });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect((await res.json()).error.code).toBe('cross_origin');
      }
    }
  });

  it('the same write from this origin is not refused as cross-origin', async () => {
    for (const path of writes()) {
      const res = await fetch(`${base}${path}`, { method: 'POST', body: form({ x: '1' }), headers: { origin: base, 'sec-fetch-site': 'same-origin' }, redirect: 'manual' });
      const text = await res.text();
      expect(text, path).not.toContain('cross_origin');
    }
  });
});

describe('x-middleware-subrequest against the console (CVE-2025-29927)', () => {
  it('the header does not skip proxy.ts nor the pages\' own guard', async () => {
    const values = ['middleware', 'middleware:middleware:middleware:middleware:middleware', 'proxy:proxy:proxy:proxy:proxy', 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware'];
    for (const value of values) {
      for (const path of ['/konsol', `/konsol/aduan/${filed!.number}`, '/konsol/tetapan']) {
        const res = await fetch(`${base}${path}`, { headers: { 'x-middleware-subrequest': value }, redirect: 'manual' });
        expect(res.status, `${path} ${value}`).toBe(307);
        expect(res.headers.get('location') ?? '', path).toContain('/konsol/log-masuk');
        expect(res.headers.get('content-security-policy') ?? '', path).not.toBe('');
      }
      for (const path of ['/api/konsol/audit', '/api/konsol/laporan/eksport']) {
        const res = await fetch(`${base}${path}`, { headers: { 'x-middleware-subrequest': value }, redirect: 'manual' });
        expect([401, 403, 404], `${path} ${value}`).toContain(res.status);
      }
    }
  });
});

describe('open redirects after staff sign-in', () => {
  const attempts = [
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    'https:evil.example',
    'javascript:alert(1)',
    `${base}@evil.example/`,
    'http://localhost:1@evil.example',
  ];

  it('callbackUrl (Auth.js): absolute, protocol-relative, backslash and encoded forms all stay on this site', async () => {
    for (const callbackUrl of attempts) {
      const res = await authSignIn({ callbackUrl });
      const location = res.headers.get('location') ?? '';
      expect(location, callbackUrl).not.toBe('');
      expect(new URL(location, base).host, `${callbackUrl} → ${location}`).toBe(new URL(base).host);
    }
  });

  it('`dari` (the console sign-in form): only a console path of ours, in any form, else the queue', () => {
    for (const dari of [...attempts, '/konsol//evil.example', '/konsol/..%2F..%2Fevil', '/konsol/%2F%2Fevil.example', '/konsol/%5C%5Cevil.example', '/konsol/log-masuk', '/konsol%2F..']) {
      const target = consoleReturnPath(dari);
      expect(new URL(target, base).host, dari).toBe(new URL(base).host);
      expect(target === '/konsol' || /^\/konsol\/[a-z]/.test(target), `${dari} → ${target}`).toBe(true);
      expect(decodeURIComponent(target), dari).not.toMatch(/\/\/|\\|\.\./);
    }
    expect(consoleReturnPath('/konsol/aduan/PKN261130000001')).toBe('/konsol/aduan/PKN261130000001');
  });
});

describe('staff sign-in guessed with a rotating X-Forwarded-For', () => {
  it('the address limit keys on the peer the front listener adds, so forged addresses do not buy more guesses', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await authSignIn({ email: `tekaan${i}@pkn.test`, password: `salah-${i}`, headers: { 'x-forwarded-for': `10.156.9.${i + 1}` } });
      codes.push(new URL(res.headers.get('location') ?? '/', base).searchParams.get('code') ?? '?');
    }
    expect(codes.slice(0, 30).every((c) => c === 'invalid')).toBe(true);
    expect(codes[30]).toBe('locked');
    // Even the right password, from yet another forged address, is refused now.
    const right = await authSignIn({ headers: { 'x-forwarded-for': '10.156.9.250' } });
    expect(cookieNamed(right, 'authjs.session-token')).toBeUndefined();
    expect(new URL(right.headers.get('location') ?? '/', base).searchParams.get('code')).toBe('locked');
  });
});
