import { defineConfig } from 'vitest/config';
import LongestFirst from './test/sequencer.ts';

/** Browser tests: the app's end-to-end tests and the printable pages in Chromium. */
const BROWSER = ['test/web/**/*.e2e.test.ts', 'test/**/*.browser.test.ts'];
/** Servers killed, restarted and cut off; process-level failures. */
const FAULTS = ['test/faults/**/*.test.ts'];

/**
 * The suite in lanes, each runnable alone (`npm run test:unit`, `vitest run --project api`…);
 * `npm test` runs them all. Only the unit lane needs no PostgreSQL, Redis or Chromium.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // Each worker imports the app once for all its files instead of once per file (the app's
    // module graph took about 2 s per file to import); every test builds its own app, database
    // and Redis prefix, and no test changes module state, so nothing leaks between files.
    isolate: false,
    // Cheap argon2 in tests only (src/modules/users/password.ts); production refuses it.
    env: { PASSWORD_HASHING: 'test' },
    // Long lanes first, the short files last (test/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'web/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['test/**/*.test.ts'], exclude: [...BROWSER, ...FAULTS], globalSetup: ['test/global-setup.ts', 'test/entries-setup.ts'] } },
      // expect.poll's one second is short for a page on a loaded machine: it waits as long as a step may.
      { extends: true, test: { name: 'browser', include: BROWSER, globalSetup: ['test/global-setup.ts', 'test/browser-setup.ts'], expect: { poll: { timeout: 10_000 } } } },
      { extends: true, test: { name: 'faults', include: FAULTS, globalSetup: ['test/global-setup.ts', 'test/entries-setup.ts'] } },
    ],
  },
});
