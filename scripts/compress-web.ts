/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the built app
 * (dist/web), at the strongest settings, once at build time: the server then sends the copy a
 * browser accepts (`@fastify/static`'s `preCompressed`) without compressing on every request.
 * Unlike the API's answers, small files are compressed too (the work is done once): the shell
 * `index.html` is under 1 KB and every first load fetches it.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|webmanifest|svg|txt|map)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Compresses every text file of `dir` into `.br` and `.gz` beside it; returns how many files it compressed. */
export function compressWebBuild(dir: string): number {
  let n = 0;
  for (const path of files(dir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const bytes = readFileSync(path);
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }));
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    n += 1;
  }
  return n;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  compressWebBuild(fileURLToPath(new URL('../dist/web', import.meta.url)));
}
