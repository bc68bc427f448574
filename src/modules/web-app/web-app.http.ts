import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mapTiles } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { messagesOf, sendProblem } from '../../plugins/problem.ts';

/** Where `npm run build:web` puts the phone app (ignored by git). */
export const WEB_BUILD_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));
export const WEB_BUILD_COMMAND = 'npm run build:web';

/**
 * The phone app under `/app/`, from the same process as the API; `GET /` leads there. The
 * shell (`index.html`) and the service worker are never cached by the browser's HTTP cache, so
 * a new build reaches phones on their next visit; the hashed assets are immutable. Paths under
 * `/app/` that are not files are the app's own screens: they answer the shell. Files go out
 * precompressed (brotli or gzip, as the browser accepts). Without a build
 * the API still starts, says so once in the log, and `/app/` answers 503 saying how to build.
 */
export const webAppHttp = (deps: Deps, dir = WEB_BUILD_DIR): FastifyPluginAsyncZod => async (app) => {
  // What the app needs to know of the server's settings, before anyone signs in; nothing personal.
  const appConfig = mapTiles(deps.config);
  app.get('/app-config', {
    config: { access: { roles: 'anyone' } },
    schema: {
      tags: ['app'],
      summary: 'The app\'s settings: the map\'s tile URL template and attribution (all null without tiles: the app draws a schematic map)',
      response: { 200: z.object({ mapTileUrl: z.string().nullable(), mapAttribution: z.string().nullable(), mapAttributionUrl: z.string().nullable() }) },
    },
  }, async () => appConfig);

  app.get('/', { config: { access: { roles: 'anyone' } }, schema: { hide: true } }, async (_req, reply) => reply.redirect('/app/'));

  if (!existsSync(`${dir}index.html`)) {
    deps.log.error({ dir }, `the web app is not built: run \`${WEB_BUILD_COMMAND}\` (npm start does it for you); /app/ answers 503 until then`);
    const missing = { config: { access: { roles: 'anyone' as const } }, schema: { hide: true } };
    const answer = async (req: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, { status: 503, code: 'web_app_not_built', detail: messagesOf(req).m.webAppNotBuilt(WEB_BUILD_COMMAND) });
    app.get('/app', missing, answer);
    app.get('/app/*', missing, answer);
    return;
  }

  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/app/',
    wildcard: false,
    index: ['index.html'],
    // The build writes a brotli and a gzip copy of each text file (scripts/compress-web.ts): the
    // one the browser accepts is sent, the file itself to one that accepts neither.
    preCompressed: true,
    setHeaders: (res, path) => {
      const file = path.split(/[\\/]/).pop() ?? '';
      const fresh = file === 'index.html' || file === 'sw.js' || file === 'manifest.webmanifest' || file.startsWith('workbox-');
      res.setHeader('cache-control', fresh ? 'no-cache' : 'public, max-age=31536000, immutable');
      // The answer depends on the browser's Accept-Encoding (a brotli, gzip or plain copy).
      res.setHeader('vary', 'accept-encoding');
    },
  });
  // The app's screens are routes of the app, not files: every other GET under /app/ is the shell.
  app.get('/app/*', { config: { access: { roles: 'anyone' } }, schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'));
  app.get('/app', { config: { access: { roles: 'anyone' } }, schema: { hide: true } }, async (_req, reply) => reply.redirect('/app/'));
};
