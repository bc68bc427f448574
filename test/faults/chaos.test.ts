import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTRIES_DIR_ENV } from '../helpers/entries.ts';
import { testHashing } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The suite's short chaos run: `scripts/chaos.ts --minutes 0.25 --outage-seconds 1.5` (two APIs
 * and two workers on the script's own PostgreSQL and Redis behind fault proxies, 20 clients, a
 * nemesis that injects each kind of fault once: a worker killed, Redis and PostgreSQL restarted,
 * each proxy blackholed) must end with every check passed: every kind of fault injected, mass
 * balance, no oversold bag, no lost acknowledged write, queue and outbox drained. The long run is
 * `npm run chaos` (5 minutes by default; `-- --minutes N`), every kind of fault many times.
 */
describe('chaos run (15 seconds, each kind of fault once)', () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      // The script tears down its own servers on SIGTERM.
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
  });

  it('keeps every promise while workers die, Redis and PostgreSQL restart and proxies blackhole', async () => {
    // The script starts the test run's built entry points (test/entries-setup.ts) when told where
    // they are, and its APIs hash passwords at the test run's cost (test/helpers/process.ts).
    const built = process.env[ENTRIES_DIR_ENV] ? { [ENTRIES_DIR_ENV]: process.env[ENTRIES_DIR_ENV] } : {};
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos.ts', '--minutes', '0.25', '--outage-seconds', '1.5'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...testHashing(), ...built }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => child!.once('exit', (c) => r(c)));
    const summary = out.slice(out.indexOf('=== chaos counts ==='));
    console.info(summary);
    expect(out).toContain('ALL CHECKS PASSED');
    expect(code, out.slice(-4000)).toBe(0);
  }, 300_000);
});
