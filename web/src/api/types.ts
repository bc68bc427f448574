/**
 * The API's request and answer types, read from the generated OpenAPI types (openapi.d.ts,
 * `npm run api:types`), so the app cannot drift from the server: a field the server renames
 * or drops fails `npm run typecheck`.
 *
 *   type Route = ApiItem<'/drivers/me/routes'>;          // one item of a list answer
 *   type Site = ApiAnswer<'/sites/{id}'>;                 // the 200 of a GET
 *   type NewSite = ApiRequest<'/sites'>;                  // the JSON body of a POST
 */
import type { components, paths } from './openapi.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of the success answer (200, else 201, else 202) of `M P`. */
export type ApiAnswer<P extends keyof paths, M extends Method = 'get'> = Operation<P, M> extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : R extends { 202: infer A } ? Json<A> : never
  : never;

/** One item of a list answer (`{ items: [...] }`) of `GET P`. */
export type ApiItem<P extends keyof paths> = ApiAnswer<P> extends { items: (infer I)[] } ? I : never;

/** The JSON request body of `M P` (POST unless told). */
export type ApiRequest<P extends keyof paths, M extends Method = 'post'> = Operation<P, M> extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;

/** A refusal as the API sends it (problem+json, RFC 9457): `code` stable, `detail` in the asked language, `errors` per field. */
export type ApiProblem = components['schemas']['Problem'];
