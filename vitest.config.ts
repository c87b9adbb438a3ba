import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // OCR tests are slow on 2 cores; each file keeps one worker pool.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
