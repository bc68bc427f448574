import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The suite's short chaos run: `scripts/chaos.ts --minutes 0.5` (two APIs and two workers on the script's own
 * PostgreSQL and Redis behind fault proxies, 20 clients, a nemesis) must end with every check
 * passed: mass balance, no oversold bag, no lost acknowledged write, queue and outbox drained.
 * The long run is `npm run chaos` (5 minutes by default; `-- --minutes N`).
 */
describe('chaos run (30 seconds)', () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      // The script tears down its own servers on SIGTERM.
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
  });

  it('keeps every promise while workers die, Redis and PostgreSQL restart and proxies blackhole', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos.ts', '--minutes', '0.5'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
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
