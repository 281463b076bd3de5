import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.mts';

// Opt-in measurements, never part of the suite: `npx vitest run --config tests/bench/vitest.config.mts`.
// The include list is replaced, not merged (mergeConfig would add the whole suite's patterns).
export default defineConfig({ ...base, test: { ...base.test, include: ['tests/bench/**/*.test.ts'], testTimeout: 1_800_000, hookTimeout: 1_800_000 } });
