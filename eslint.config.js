import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FEATURE_MESSAGE = 'a feature of the app must not import another feature; share it through web/src/lib, components or api';
const API_MESSAGE = 'a screen calls the API through its feature\'s api/ files (features/<role>/api/*.ts) and writes through lib/write.ts';
const ROLES = ['coordinator', 'donor', 'driver', 'point', 'volunteer', 'warehouse'];
/** The roles whose screens reach the API only through `features/<role>/api/`. */
const API_HELD = ['coordinator', 'donor', 'driver', 'point', 'volunteer', 'warehouse'];
/**
 * Only repos run queries. A query is written in a repo (a `<feature>.repo.ts` file) or in the
 * database code (`src/db/`); everything else calls the repo's named functions, passing the handle it holds
 * (`db`, or a transaction's `tx`, so a service still opens the transaction and decides what is
 * locked together). A value import from drizzle-orm (`sql`, `eq`, `and`, ...) or from the schema
 * (the tables) outside them is a query being built there; type imports (`import type`) stay allowed.
 * The operations in src/ops (backup, move to PostgreSQL) read the catalog and copy whole tables:
 * their queries live in repo files beside them (`src/ops/<name>.repo.ts`) like any other.
 * Outside this rule: src/db/ (the connection, migrations, paging), the tests (test/, *.test.ts),
 * which build fixtures and check rows directly, and scripts/ (seeds, benchmarks).
 */
const QUERY_MESSAGE = 'only repos run queries: move the query into a <feature>.repo.ts function (or src/db/) and call it; type imports (import type) are allowed';
const QUERY_IMPORTS = [{ group: ['drizzle-orm', 'drizzle-orm/*', '**/db/schema', '**/db/schema/*', '**/db/schema.ts'], allowTypeImports: true, message: QUERY_MESSAGE }];
const QUERY_METHODS = 'select|selectDistinct|selectDistinctOn|insert|update|delete|execute';
/** A query run on a database or transaction handle (`db.select(...)`, `tx.execute(...)`, `deps.database.db.insert(...)`). */
const QUERY_CALLS = [
  { selector: `CallExpression[callee.type='MemberExpression'][callee.property.name=/^(${QUERY_METHODS})$/][callee.object.name=/^(db|tx|ex|trx)$/]`, message: QUERY_MESSAGE },
  { selector: `CallExpression[callee.type='MemberExpression'][callee.property.name=/^(${QUERY_METHODS})$/][callee.object.property.name='db']`, message: QUERY_MESSAGE },
  { selector: `MemberExpression[object.name=/^(db|tx|ex|trx)$/][property.name='query']`, message: QUERY_MESSAGE },
];
const acrossFeatures = (role) => {
  const others = ROLES.filter((r) => r !== role);
  return [{ group: [...others.map((r) => `../${r}/*`), ...others.map((r) => `**/features/${r}/*`)], message: FEATURE_MESSAGE }];
};
const API_PATTERNS = [
  { group: ['**/lib/api.ts'], importNames: ['request', 'cachedGet', 'getAll', 'cachedGetAll'], message: API_MESSAGE },
  { group: ['**/lib/outbox.ts'], importNames: ['enqueue', 'flush', 'settled'], message: API_MESSAGE },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'migrations/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The functional core stays pure: no framework, database or queue imports.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['fastify*', '@fastify/*', 'drizzle-orm*', 'pg', '@electric-sql/*', 'bullmq', 'ioredis', 'node:fs', 'node:net', 'node:http'], message: 'the domain is pure: no framework, database or queue' },
          { group: ['**/http/*', '**/plugins/*', '**/modules/*', '**/db/*', '**/jobs/*'], message: 'the domain imports no layer above it' },
        ],
      }],
    },
  },
  {
    // Layers: services, repos, the database code and the jobs never reach up into the HTTP layer
    // (routes in *.http.ts, request plumbing in src/http/, the Fastify plugins in src/plugins/);
    // paging lives in src/db/; the caller (`Actor`) comes from src/modules/auth/actor.ts.
    files: ['src/modules/**/*.service.ts', 'src/modules/**/*.repo.ts', 'src/db/**/*.ts', 'src/jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/http/*', '**/plugins/*', '**/*.http.ts', './*.http.ts'], message: 'services, repos, db and jobs must not import the HTTP layer (src/http, src/plugins, *.http.ts)' }],
      }],
    },
  },
  {
    // Only repos run queries (see QUERY_MESSAGE above): no drizzle-orm or schema values, no query
    // calls on a database or transaction handle, outside src/db/ and the repos.
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/**/*.repo.ts', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: QUERY_IMPORTS }],
      'no-restricted-syntax': ['error', ...QUERY_CALLS],
    },
  },

  // Features of the app stand alone: what two roles share lives in web/src/lib, components or api.
  // A feature talks to the API only through its own `api/` folder (one file per call, typed from
  // the API's document), and writes only through lib/write.ts (one outbox, one Idempotency-Key per press).
  ...ROLES.flatMap((role) => [
    {
      files: [`web/src/features/${role}/**/*.{ts,tsx}`],
      ignores: API_HELD.includes(role) ? [`web/src/features/${role}/api/**`] : [],
      rules: {
        'no-restricted-imports': ['error', { patterns: [...acrossFeatures(role), ...(API_HELD.includes(role) ? API_PATTERNS : [])] }],
        ...(API_HELD.includes(role) ? { 'no-restricted-globals': ['error', { name: 'fetch', message: API_MESSAGE }] } : {}),
      },
    },
    {
      // A feature's API calls: the request plumbing (lib/api.ts) and the types; writes through lib/write.ts, not the outbox's own.
      files: [`web/src/features/${role}/api/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...acrossFeatures(role), API_PATTERNS[1]] }] },
    },
  ]),
);
