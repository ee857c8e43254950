import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The browser tests start servers on fixed ports; keep files from stepping on each other.
    fileParallelism: true,
    reporters: ['default'],
  },
});
