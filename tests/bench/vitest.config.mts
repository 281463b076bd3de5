import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.mts';

// Opt-in measurements, never part of the suite: `npx vitest run --config tests/bench/vitest.config.mts`.
export default mergeConfig(base, defineConfig({ test: { include: ['tests/bench/**/*.test.ts'], testTimeout: 1_800_000, hookTimeout: 1_800_000 } }));
