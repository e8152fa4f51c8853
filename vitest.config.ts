import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // GPU tests share one Dawn instance per worker; forks keep native state isolated per file.
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
