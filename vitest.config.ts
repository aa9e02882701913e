import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: false,
    include: [
      'src/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    // Two cores here: run files in parallel but keep the pool small so
    // end-to-end tests that start servers do not starve each other.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-line-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
