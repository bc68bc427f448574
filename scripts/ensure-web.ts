/**
 * Builds the phone app (web/ → dist/web) when the build is missing or older than its sources;
 * otherwise returns at once. `npm start`, `npm test` and `.ci/run` call it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressWebBuild } from './compress-web.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/web/index.html');

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

export function webBuildIsFresh(): boolean {
  // A build from before the app was sent precompressed counts as missing.
  if (!existsSync(built) || !existsSync(`${built}.br`)) return false;
  const sources = Math.max(newest(join(root, 'web/src')), newest(join(root, 'web/public')), newest(join(root, 'web/index.html')), newest(join(root, 'web/vite.config.ts')));
  return statSync(built).mtimeMs >= sources;
}

/**
 * Runs the Vite CLI in production mode (a child process: `vite.build()` in-process would make a
 * development bundle), then writes the compressed copies the server sends (scripts/compress-web.ts).
 */
export function ensureWebBuild(): void {
  if (webBuildIsFresh()) return;
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'web/vite.config.ts'), '--logLevel', 'warn'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error('building the web app failed (npm run build:web)');
  compressWebBuild(join(root, 'dist/web'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureWebBuild();
