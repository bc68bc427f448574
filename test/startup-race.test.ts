import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from './global-setup.ts';
import { createTestDatabase, dropTestDatabase, redisPrefix } from './helpers/app.ts';
import { eventually } from './helpers/eventually.ts';
import { freePort, spawnEntry, waitForHttp, type Spawned } from './helpers/process.ts';

/**
 * `docker compose up` starts the API and the worker at the same moment on an empty database:
 * both migrate and both try to create the bootstrap coordinator. Neither may die of it.
 */
describe('the API and the worker starting together on an empty PostgreSQL database', () => {
  const running: Spawned[] = [];
  const databases: string[] = [];
  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    for (const name of databases) await dropTestDatabase(name);
  });

  it('both come up every time, with exactly one bootstrap coordinator', async () => {
    for (let round = 1; round <= 3; round += 1) {
      const { name, url } = await createTestDatabase({ empty: true });
      databases.push(name);
      const port = await freePort();
      const env = {
        DATABASE_URL: url, REDIS_URL, REDIS_PREFIX: redisPrefix(), PORT: String(port), HOST: '127.0.0.1',
        BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'admin-password-1',
        // The production hash (about a second) between counting users and inserting the first
        // one keeps the race's window wide open, as on a real server.
        PASSWORD_HASHING: 'standard',
      };
      const api = spawnEntry('src/server.ts', env);
      const worker = spawnEntry('src/worker.ts', env);
      running.push(api, worker);

      await waitForHttp(`http://127.0.0.1:${port}/health/ready`, api);
      await eventually(async () => worker.child.exitCode !== null || worker.output().includes('kassi worker ready'), 60_000);
      expect(worker.child.exitCode, `round ${round}, worker: ${worker.output()}`).toBeNull();
      expect(api.child.exitCode, `round ${round}, api: ${api.output()}`).toBeNull();

      const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.org', password: 'admin-password-1' }),
      });
      expect(login.status).toBe(200);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from users`);
      await client.end();
      expect(rows[0].n).toBe(1);

      api.child.kill('SIGTERM');
      worker.child.kill('SIGTERM');
      expect((await api.exited).code).toBe(0);
      expect((await worker.exited).code).toBe(0);
    }
  }, 300_000);
});
