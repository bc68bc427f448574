import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FEATURE_MESSAGE = 'a feature of the app must not import another feature; share it through web/src/lib, components or api';

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
        patterns: ['fastify*', '@fastify/*', 'drizzle-orm*', 'pg', '@electric-sql/*', 'bullmq', 'ioredis', 'node:fs', 'node:net', 'node:http'],
      }],
    },
  },
  {
    // Layers: services, repos, the database code and the jobs never reach up into the HTTP layer
    // (routes in *.http.ts, request plumbing in src/http/); paging lives in src/db/.
    files: ['src/modules/**/*.service.ts', 'src/modules/**/*.repo.ts', 'src/db/**/*.ts', 'src/jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/http/*', '**/*.http.ts', './*.http.ts'], message: 'services, repos, db and jobs must not import the HTTP layer' }],
      }],
    },
  },

  // Features of the app stand alone: what two roles share lives in web/src/lib, components or api.
  {
    files: ['web/src/features/coordinator/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../driver/*', '../point/*', '../volunteer/*', '../warehouse/*', '**/features/driver/*', '**/features/point/*', '**/features/volunteer/*', '**/features/warehouse/*'], message: FEATURE_MESSAGE }] }] },
  },
  {
    files: ['web/src/features/driver/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../coordinator/*', '../point/*', '../volunteer/*', '../warehouse/*', '**/features/coordinator/*', '**/features/point/*', '**/features/volunteer/*', '**/features/warehouse/*'], message: FEATURE_MESSAGE }] }] },
  },
  {
    files: ['web/src/features/point/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../coordinator/*', '../driver/*', '../volunteer/*', '../warehouse/*', '**/features/coordinator/*', '**/features/driver/*', '**/features/volunteer/*', '**/features/warehouse/*'], message: FEATURE_MESSAGE }] }] },
  },
  {
    files: ['web/src/features/volunteer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../coordinator/*', '../driver/*', '../point/*', '../warehouse/*', '**/features/coordinator/*', '**/features/driver/*', '**/features/point/*', '**/features/warehouse/*'], message: FEATURE_MESSAGE }] }] },
  },
  {
    files: ['web/src/features/warehouse/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../coordinator/*', '../driver/*', '../point/*', '../volunteer/*', '**/features/coordinator/*', '**/features/driver/*', '**/features/point/*', '**/features/volunteer/*'], message: FEATURE_MESSAGE }] }] },
  },
);
