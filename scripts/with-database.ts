import type { Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { runOnHolder } from '../src/db/control-socket.ts';
import { DataDirLockedError, liveHolder, type LockRole } from '../src/db/data-dir-lock.ts';
import { runMigrations } from '../src/db/migrate.ts';

/**
 * Runs a one-shot command's work on the configured database. Embedded mode with a server
 * running (it holds DATA_DIR): the server runs the task it registered under `name`, since no
 * second process may open the folder. Otherwise this process opens the database itself
 * (holding DATA_DIR's lock in embedded mode), migrates it, runs `task` and closes it.
 * `by` is the PID of the server that ran it.
 */
export async function withDatabase<T>(config: Config, name: string, role: LockRole, task: (database: Database) => Promise<T>): Promise<{ result: T; by?: number }> {
  const dir = config.DATABASE_URL ? undefined : config.DATA_DIR;
  for (;;) {
    const holder = dir ? liveHolder(dir) : undefined;
    if (dir && holder?.role === 'api') return { result: await runOnHolder(dir, holder, name) as T, by: holder.pid };
    let database: Database;
    try {
      database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, lockRole: role });
    } catch (err) {
      // A server took DATA_DIR between the look and the open: hand the task to it.
      if (err instanceof DataDirLockedError && err.holder.role === 'api') continue;
      throw err;
    }
    try {
      await runMigrations(database);
      return { result: await task(database) };
    } finally {
      await database.close();
    }
  }
}
