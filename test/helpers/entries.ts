import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The entry points tests start as processes of their own (`src/server.ts`, `src/worker.ts` and the
 * npm scripts that open the database), by the name of their built file.
 */
export const ENTRIES: Record<string, string> = {
  'src/server.ts': 'server',
  'src/worker.ts': 'worker',
  'scripts/seed-demo.ts': 'seed-demo',
  'scripts/migrate.ts': 'migrate',
  'scripts/backup.ts': 'backup',
  'scripts/restore.ts': 'restore',
  'scripts/move-to-postgres.ts': 'move-to-postgres',
};

/** The route solver's thread, built beside the entry points (see `ownImportMetaUrl`). */
const SOLVER_THREAD = 'src/modules/route-plans/solver-thread.worker.ts';
const THREAD_STARTER = 'src/modules/route-plans/solver-thread.ts';
const THREAD_FROM_SOURCE = 'new URL(`data:text/javascript,${encodeURIComponent(boot)}`)';

/**
 * A source file as esbuild should bundle it: `import.meta.url` replaced by the file's own URL, so
 * that what it finds from there (migrations, the web build, the seed's data, pino-pretty) is
 * found as when run from source. The solver's thread, which from source registers tsx and loads
 * the solver's TypeScript in every new thread (about 0.3 s of CPU a plan), loads the built
 * solver beside the bundle instead.
 */
async function ownImportMetaUrl(path: string): Promise<string> {
  const contents = (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href));
  if (path !== join(ROOT, THREAD_STARTER)) return contents;
  if (!contents.includes(THREAD_FROM_SOURCE)) throw new Error(`${THREAD_STARTER} no longer starts its thread with ${THREAD_FROM_SOURCE}: update test/helpers/entries.ts`);
  return contents.replace(THREAD_FROM_SOURCE, "new URL('./solver-thread.worker.mjs', import.meta.url)");
}

/**
 * Where the built entry points of this test run are (set by `test/entries-setup.ts`); unset, a
 * process is started through tsx as `npm start` does.
 */
export const ENTRIES_DIR_ENV = 'KASSI_TEST_ENTRIES';

/**
 * Builds `ENTRIES` once into `outdir` (under the project, so that the packages, left external,
 * resolve from its node_modules) with esbuild, the transform tsx itself uses: each process then
 * starts in about half a second instead of paying tsx's transform of the whole app again (about
 * 2 s of CPU each, dozens of times a run). See `ownImportMetaUrl` for how each file is taken.
 */
export async function buildEntries(outdir: string): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { ...Object.fromEntries(Object.entries(ENTRIES).map(([src, name]) => [name, join(ROOT, src)])), 'solver-thread.worker': join(ROOT, SOLVER_THREAD) },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [{
      name: 'own-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, async (args) => ({ contents: await ownImportMetaUrl(args.path), loader: 'ts' }));
      },
    }],
  });
}
