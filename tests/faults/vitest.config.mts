import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.mts';

// `npm run test:faults` (issue #15 item 9): the fault tests start their own PostgreSQL, store, fake
// Resend and app processes, so no global setup. The include list is replaced, not merged.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['tests/faults/**/*.test.ts'], exclude: [], globalSetup: [], testTimeout: 300_000, hookTimeout: 300_000 },
});
