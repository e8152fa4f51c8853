import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Each test file in its own process: the native WebGPU instance is per process.
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
