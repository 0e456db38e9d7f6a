import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time even on two cores: the tests mostly wait on git, registry and
    // Prometheus processes, and Vitest's default (cores - 1) ran them one at a time: CI took
    // 12 min 48 s on 1b1bbd7, 8 min 20 s with two (with other work on the machine).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
