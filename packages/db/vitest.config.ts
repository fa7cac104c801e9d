import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Starting PGlite (WASM initdb) takes seconds, more when test files start it in parallel.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'db', include: ['src/**/*.test.ts'], exclude: ['src/**/*.sequential.test.ts'] },
      },
      {
        // Timing measurements: alone, after the rest, so other test files' CPU load does not
        // show up as event-loop lag on this two-core machine.
        extends: true,
        test: {
          name: 'db-sequential',
          include: ['src/**/*.sequential.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
