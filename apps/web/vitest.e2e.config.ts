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
    // A poll usually waits for a server answer; on a busy two-core machine that can take longer
    // than vitest's default of one second, which is no answer at all for a user either.
    expect: { poll: { timeout: 10_000 } },
    // Two cores here: more workers than that only queue for the CPU the browser needs too.
    maxWorkers: 2,
  },
});
