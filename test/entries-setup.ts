import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEntries, ENTRIES_DIR_ENV } from './helpers/entries.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Once per run of a lane that starts the app as processes (api, faults): its entry points built
 * into one folder that `spawnEntry` (test/helpers/process.ts) starts with plain node. The test
 * workers are started after this, so they inherit the variable naming the folder.
 */
export default async function setup() {
  const dir = join(ROOT, 'node_modules', '.cache', 'kassi-test', `entries-${process.pid}-${Date.now().toString(36)}`);
  await buildEntries(dir);
  process.env[ENTRIES_DIR_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
