// Lighthouse on a list of pages in one Chromium, for scripts/lighthouse.ts. Plain Node on purpose,
// not tsx: tsx's transform gives functions a `__name` helper, and Lighthouse sends some of its own
// functions into the page as source text, where that helper does not exist ("__name is not defined").
// node scripts/lighthouse/run.mjs <input.json> <output.json>
// input: { chromium, categories, pages: [{ url, label?, headers? }] }; output: one Lighthouse result (or null) per page.
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [input, output] = process.argv.slice(2);
const { chromium, categories, pages } = JSON.parse(fs.readFileSync(input, 'utf8'));
const chrome = await chromeLauncher.launch({ chromePath: chromium, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'], logLevel: 'error' });
const results = [];
try {
  for (const page of pages) {
    const run = await lighthouse(page.url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: categories,
      ...(page.headers && { extraHeaders: page.headers }),
    });
    results.push(run?.lhr ?? null);
    console.log(`[lighthouse] ${page.label ?? new URL(page.url).pathname}: done`);
  }
} finally {
  await chrome.kill();
}
fs.writeFileSync(output, JSON.stringify(results));
