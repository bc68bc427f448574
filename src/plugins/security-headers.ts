import type { FastifyInstance, RouteOptions } from 'fastify';
import helmet from '@fastify/helmet';
import { inlineScriptSources, inlineStyleSources } from '../http/html.ts';

/**
 * The content security policy of every answer. No inline script or style anywhere: the app and
 * every printable page load scripts and stylesheets only from files of this origin, and a
 * printable page's own `<style>` and its print button's `<script>` are allowed by their hashes
 * alone (`inlineStyle`, `inlineScript`). Styles the app
 * sets from script (a route's colour) go through the CSSOM, which the policy does not govern.
 * No `upgrade-insecure-requests`: a phone opening the app over
 * plain http on the LAN would fetch its scripts over https and get a blank page (browsers exempt
 * only localhost); TLS belongs to the proxy in front.
 */
const directives = (tileOrigin: string | null) => ({
  'script-src': ["'self'", () => inlineScriptSources().join(' ')],
  'style-src': ["'self'", () => inlineStyleSources().join(' ')],
  // Images from this origin and data: URLs (helmet's default), and the map's tiles from their
  // server's origin only when MAP_TILE_URL names one.
  'img-src': ["'self'", 'data:', ...(tileOrigin ? [tileOrigin] : [])],
  'upgrade-insecure-requests': null,
});

/** The API browser (Swagger UI at /docs) starts itself with an inline script: only its pages may run one. */
const DOCS = /^\/docs(\/|$)/;

/**
 * Helmet's headers on every answer, registered before any other `onRequest` hook so that the
 * access policy's 401 and 403, the 404 of an unknown path and what is refused before a route
 * runs carry them too.
 */
export async function registerSecurityHeaders(app: FastifyInstance, tileOrigin: string | null) {
  const DIRECTIVES = directives(tileOrigin);
  const DOCS_DIRECTIVES = { ...DIRECTIVES, 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"] };
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!DOCS.test(route.url)) return;
    route.config = { ...(route.config ?? {}), helmet: { contentSecurityPolicy: { directives: DOCS_DIRECTIVES } } } as RouteOptions['config'];
  });
  await app.register(helmet, { contentSecurityPolicy: { directives: DIRECTIVES } });
}
