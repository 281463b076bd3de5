// npm run lighthouse [-- --json DIR] (issue #14, item 3): Lighthouse 12.2.3 on the public pages,
// against the production app as `npm start` serves it.
//
// A production build if missing or stale; the app started with a throwaway data folder (embedded
// PostgreSQL and S3, removed at the end); one complaint filed through the public API, so its page
// opens with the signed link the confirmation email carries; then Lighthouse with its default
// config (the mobile profile, simulated throttling) in Debian's Chromium (/usr/bin/chromium, never a
// downloaded browser) on `/`, `/semakan`, `/` in English (the language is a cookie, as the language
// switch sets it; no locale in URLs) and the complaint page: performance, accessibility, best
// practices and SEO. Prints the scores and, for each one below its budget, the audits that failed;
// writes the figures into docs/BENCHMARKS.md between its `lighthouse` markers. Exit code 1 when a
// page does not load; a score below its budget is reported, not an error.
// --json DIR also keeps each page's full Lighthouse result there (to read the failing elements).
// Lighthouse and chrome-launcher run in a plain Node child (scripts/lighthouse/run.mjs), not under tsx.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatMyDateTime } from '../lib/calendar/format';
import { productionBuildIsStale } from '../lib/runtime/build';
import { freePort } from '../lib/runtime/free-port';
import { startAppServer } from '../tests/support/app-server';
import { filingFields } from '../tests/support/bulk-filing';
import {
  budgetVerdicts,
  CATEGORIES,
  failingAudits,
  failingText,
  markedContent,
  meetsBudget,
  metricsTable,
  pointBudgetRow,
  replaceMarked,
  scoreTable,
  shownScore,
  type Lhr,
  type PageResult,
} from './lighthouse/report';

const CHROMIUM = '/usr/bin/chromium';
const DOC = 'docs/BENCHMARKS.md';
const say = (m: string) => console.log(`[lighthouse] ${m}`);
const jsonAt = process.argv.indexOf('--json');
const jsonDir = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;

type Page = { page: string; path: string; headers?: Record<string, string> };

async function main() {
  const load0 = os.loadavg();
  if (productionBuildIsStale(process.cwd())) {
    say('no up-to-date production build: next build');
    const b = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('next build failed');
  }
  const port = await freePort();
  say(`starting the app (npm start's path) on localhost:${port}, throwaway data folder`);
  const app = await startAppServer({ port, env: { LOG_LEVEL: 'warn' } });
  const results: PageResult[] = [];
  const broken: string[] = [];
  try {
    // localhost, not 127.0.0.1: the app's own address (APP_URL), and a secure context to Chromium.
    const base = `http://localhost:${port}`;
    const number = await fileOne(base, app.env.AUTH_SECRET);
    const pages: Page[] = [
      { page: '/ (form)', path: '/' },
      { page: '/semakan', path: '/semakan' },
      { page: '/ (English)', path: '/', headers: { Cookie: 'NEXT_LOCALE=en' } },
      { page: '/aduan/[no]', path: number.link },
    ];

    // Every page answers 200 before Lighthouse is asked (it scores an error page too).
    for (const p of pages) {
      const res = await fetch(base + p.path, { headers: p.headers, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) broken.push(`${p.page}: HTTP ${res.status}`);
    }
    if (broken.length) throw new Error(`pages that do not load: ${broken.join('; ')}`);

    // Lighthouse itself runs in plain Node (scripts/lighthouse/run.mjs says why).
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-lighthouse-'));
    try {
      const input = path.join(work, 'input.json');
      const output = path.join(work, 'output.json');
      fs.writeFileSync(input, JSON.stringify({ chromium: CHROMIUM, categories: CATEGORIES, pages: pages.map((p) => ({ url: base + p.path, label: p.page, headers: p.headers })) }));
      const run = spawnSync(process.execPath, ['scripts/lighthouse/run.mjs', input, output], { stdio: 'inherit' });
      if (run.status !== 0 || !fs.existsSync(output)) throw new Error(`Lighthouse did not finish (exit code ${run.status})`);
      const lhrs = JSON.parse(fs.readFileSync(output, 'utf8')) as ((Lhr & { environment?: { benchmarkIndex?: number } }) | null)[];
      pages.forEach((p, i) => {
        const lhr = lhrs[i];
        if (!lhr || lhr.runtimeError) {
          broken.push(`${p.page}: ${lhr?.runtimeError ? `${lhr.runtimeError.code} ${lhr.runtimeError.message}` : 'no result'}`);
          return;
        }
        if (jsonDir) {
          fs.mkdirSync(jsonDir, { recursive: true });
          fs.writeFileSync(path.join(jsonDir, `${p.page.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'form'}.json`), JSON.stringify(lhr, null, 1));
        }
        results.push({ page: p.page, url: p.path, lhr });
        say(`${p.page}: ${CATEGORIES.map((c) => `${c} ${shownScore(lhr, c) ?? '—'}`).join(', ')} (benchmark index ${lhr.environment?.benchmarkIndex ?? '—'})`);
      });
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  } finally {
    await app.stop();
  }

  console.log(`\n${scoreTable(results)}\n\n${metricsTable(results)}\n`);
  for (const v of budgetVerdicts(results)) console.log(v.replace(/\*\*/g, ''));
  for (const { page, lhr } of results) {
    for (const c of CATEGORIES) {
      if (meetsBudget(c, shownScore(lhr, c)) !== false) continue;
      console.log(`\n${page}, ${c} ${shownScore(lhr, c)}: failing audits`);
      for (const a of failingAudits(lhr, c)) console.log(`  ${a.id}: ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`);
    }
  }
  if (broken.length) {
    for (const b of broken) say(`FAILED: ${b}`);
    process.exitCode = 1;
    return; // a partial run does not replace the figures in the docs
  }

  const section = docSection(results, load0);
  const doc = fs.readFileSync(DOC, 'utf8');
  fs.writeFileSync(DOC, pointBudgetRow(replaceMarked(doc, section)));
  if (markedContent(fs.readFileSync(DOC, 'utf8')) === null) throw new Error(`${DOC}: the Lighthouse section was not written`);
  say(`written ${DOC} (## Lighthouse)`);
}

/** Files one complaint as the public form does; its page's path with the signed link from the confirmation email. */
async function fileOne(base: string, authSecret: string): Promise<{ number: string; link: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(await filingFields(0, 'lighthouse@contoh.test', authSecret))) form.set(k, v);
  const res = await fetch(`${base}/api/v1/aduan`, { method: 'POST', body: form });
  const body = (await res.json().catch(() => ({}))) as { number?: string; url?: string };
  if (res.status !== 201 || !body.number || !body.url) throw new Error(`filing a complaint: HTTP ${res.status} ${JSON.stringify(body)}`);
  const url = new URL(body.url);
  return { number: body.number, link: url.pathname + url.search };
}

function chromiumVersion(): string {
  const out = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' });
  return /Chromium [\d.]+/.exec(out.stdout ?? '')?.[0] ?? 'Chromium (version unknown)';
}

function docSection(results: PageResult[], load0: number[]): string {
  const cpus = os.cpus();
  const la = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');
  const indexes = results.map((r) => (r.lhr as { environment?: { benchmarkIndex?: number } }).environment?.benchmarkIndex).filter((v): v is number => typeof v === 'number');
  return `Written by \`npm run lighthouse\` (scripts/lighthouse.ts) on ${formatMyDateTime(new Date())} (Malaysia time).

**How:** Lighthouse 12.2.3 with its default config: the mobile profile (a Moto G Power's screen, simulated
throttling: slow 4G and a 4× CPU slowdown), in ${chromiumVersion()} (Debian's, headless), one run per page.
The app is \`npm start\`'s production server on localhost with a fresh data folder; one complaint is filed
through \`/api/v1/aduan\` and its page opened with the signed link of its confirmation email. English is
the language cookie the switch sets (no locale in URLs).

**Machine:** ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()};
load average ${la(load0)} at the start and ${la(os.loadavg())} at the end (1 / 5 / 15 min)${indexes.length ? `; Lighthouse's benchmark index ${Math.min(...indexes)}–${Math.max(...indexes)}` : ''}.
Simulated throttling scales the CPU work Chromium really did, so on a busy machine the performance
scores come out lower than on a quiet one; accessibility and best practices do not depend on load.

${scoreTable(results)}

${metricsTable(results)}

${budgetVerdicts(results)
  .map((v) => `- ${v}`)
  .join('\n')}
${(() => {
  const failing = failingText(results);
  return failing ? `\nThe audits below full marks behind each score under its budget:\n\n${failing}\n` : '';
})()}`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
