import { defineConfig } from 'vitest/config';

// Unit tests live next to the code they test (`*.test.ts`); Playwright specs in e2e/ run separately.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'datasets/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: model tests are CPU-heavy, so files run in at most two forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
