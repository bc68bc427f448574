import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FEATURE_MESSAGE = 'a feature of the app must not import another feature; share it through web/src/lib, components or api';
const API_MESSAGE = 'a screen calls the API through its feature\'s api/ files (features/<role>/api/*.ts) and writes through lib/write.ts';
const ROLES = ['coordinator', 'donor', 'driver', 'point', 'volunteer', 'warehouse'];
/** The roles whose screens reach the API only through `features/<role>/api/`. */
const API_HELD = ['coordinator', 'donor', 'driver', 'point', 'volunteer', 'warehouse'];
/** Screens whose calls have not moved to their feature's api/ files yet (the plan's queue page, the reports, the fleet's lists). */
const NOT_YET_HELD = ['web/src/features/coordinator/plan.tsx', 'web/src/features/coordinator/reports.tsx', 'web/src/features/coordinator/fleet.tsx'];
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

  // Features of the app stand alone: what two roles share lives in web/src/lib, components or api.
  // A feature talks to the API only through its own `api/` folder (one file per call, typed from
  // the API's document), and writes only through lib/write.ts (one outbox, one Idempotency-Key per press).
  ...ROLES.flatMap((role) => [
    {
      files: [`web/src/features/${role}/**/*.{ts,tsx}`],
      ignores: API_HELD.includes(role) ? [`web/src/features/${role}/api/**`, ...NOT_YET_HELD] : [],
      rules: {
        'no-restricted-imports': ['error', { patterns: [...acrossFeatures(role), ...(API_HELD.includes(role) ? API_PATTERNS : [])] }],
        ...(API_HELD.includes(role) ? { 'no-restricted-globals': ['error', { name: 'fetch', message: API_MESSAGE }] } : {}),
      },
    },
    ...(NOT_YET_HELD.some((f) => f.startsWith(`web/src/features/${role}/`))
      ? [{ files: NOT_YET_HELD.filter((f) => f.startsWith(`web/src/features/${role}/`)), rules: { 'no-restricted-imports': ['error', { patterns: acrossFeatures(role) }] } }]
      : []),
    {
      // A feature's API calls: the request plumbing (lib/api.ts) and the types; writes through lib/write.ts, not the outbox's own.
      files: [`web/src/features/${role}/api/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...acrossFeatures(role), API_PATTERNS[1]] }] },
    },
  ]),
);
