import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the built app (apps/web/dist, from `vite build`), served by the real server
 * process, driven in Debian's Chromium through playwright-core. See e2e/global-setup.ts.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers than that only queue for the CPU the browser needs too.
    maxWorkers: 2,
  },
});
