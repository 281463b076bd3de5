import { defineConfig, devices } from '@playwright/test';
import { freePortSync } from './tests/support/free-port';

// Browser tests drive Debian's Chromium (never a downloaded browser) against the app as
// `npm start` runs it, started by tests/e2e/global-setup.ts on E2E_PORT: the port given, which
// global setup refuses if it is taken, or else a free one chosen here. baseURL needs it now, at
// load; it is kept in E2E_PORT so global setup and the workers (which inherit the environment and
// load this file again) use the same port.
process.env.E2E_PORT ||= String(freePortSync());
const port = Number(process.env.E2E_PORT);

// Specs of admin-only pages (categories, holidays, lists, settings): desktop in CI.
const ADMIN_PAGE_SPECS = [/categories\.spec/, /category-list\.spec/, /holidays\.spec/, /ptj-admin\.spec/, /agency-settings\.spec/, /service-levels\.spec/, /display-name\.spec/];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined, viewport: { width: 1280, height: 900 } } },
    // HTTP-level and role/session specs need one viewport, not two. The admin pages' specs run on
    // the phone too only when E2E_ALL_VIEWPORTS=1 (before calling such a page done): officers work
    // the queue on phones, admins set the desk up at a desk, and CI's time is better spent elsewhere.
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], channel: undefined },
      testIgnore: [
        /api\.spec/, /authz-matrix\.spec/, /first-use-console-desktop\.spec/, /lookup-limits\.spec/, /session-expiry\.spec/, /strict-lookup\.spec/, /totp-qr\.spec/, /staff-accounts\.spec/,
        /kb-console\.spec/, /privacy-console\.spec/, /kb-authoring\.spec/, /reports\.spec/,
        ...(process.env.E2E_ALL_VIEWPORTS === '1' ? [] : ADMIN_PAGE_SPECS),
      ],
    },
  ],
});
