import { defineConfig } from 'vitest/config';

// Three projects, split by what they need: unit (pure, fast), integration (real servers on
// loopback started by the tests) and e2e (`opsdeck serve` + Debian Chromium).
export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.test-artifacts/vitest.json' }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // A bound for failures, not a timing assertion: property tests run thousands of cases,
          // and CI runs the three projects at once on two cores.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
