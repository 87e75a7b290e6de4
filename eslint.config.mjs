import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// What the inner layers may never import: they must stay free of clouds, DI and transports.
const cloudSdks = ['@aws-sdk/*', '@smithy/*', '@linode/*', '@digitalocean/*', 'dots-wrapper', 'do-wrapper', 'digitalocean-js'];
const dependencyInjection = ['inversify', 'reflect-metadata', '@inversifyjs/*'];
const httpFrameworks = ['fastify', '@fastify/*', 'fastify-*', 'express', 'koa', 'hono', 'undici'];
const storageDrivers = ['better-sqlite3', 'pg', 'pg-*'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/out-tsc/**', '**/node_modules/**', '**/.nx/**', '**/coverage/**', 'tools/bench/fixtures/**', 'tools/tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          // Subpaths imported lazily beside their package's static main entry: provider-sdk's
          // ./testing (the in-memory double) and template-loader's ./snapshot (the CLI fast path).
          checkDynamicDependenciesExceptions: ['@ohf/provider-sdk', '@ohf/template-loader'],
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              // The spec owns the shared vocabulary (error codes, machine states, error markers);
              // it imports no cloud, DI, HTTP framework or storage driver either.
              onlyDependOnLibsWithTags: ['type:domain', 'type:spec'],
              bannedExternalImports: [...cloudSdks, ...dependencyInjection, ...httpFrameworks, ...storageDrivers],
            },
            {
              sourceTag: 'type:spec',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: [...cloudSdks, ...dependencyInjection, ...httpFrameworks, ...storageDrivers],
            },
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: ['type:domain', 'type:spec', 'type:application'],
              bannedExternalImports: [...cloudSdks, ...dependencyInjection, ...httpFrameworks, ...storageDrivers],
            },
            {
              sourceTag: 'type:infrastructure',
              onlyDependOnLibsWithTags: ['type:domain', 'type:spec', 'type:application'],
              bannedExternalImports: [...cloudSdks, ...dependencyInjection, ...httpFrameworks],
            },
            {
              sourceTag: 'type:runtime',
              onlyDependOnLibsWithTags: ['type:domain', 'type:spec', 'type:application', 'type:infrastructure', 'type:provider'],
              bannedExternalImports: [...cloudSdks, ...httpFrameworks],
            },
            {
              sourceTag: 'type:provider',
              onlyDependOnLibsWithTags: ['type:spec'],
              bannedExternalImports: [...dependencyInjection, ...httpFrameworks, ...storageDrivers],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:spec', 'type:application', 'type:infrastructure', 'type:runtime', 'type:provider'],
            },
            {
              // The web console imports no workspace library in the browser; its build scripts
              // and browser tests start the API app to read its OpenAPI document and drive it.
              sourceTag: 'type:web',
              onlyDependOnLibsWithTags: ['type:app'],
            },
            {
              sourceTag: 'type:tools',
              onlyDependOnLibsWithTags: ['type:domain', 'type:spec', 'type:application', 'type:infrastructure', 'type:runtime', 'type:provider'],
            },
          ],
        },
      ],
    },
  },
  {
    // Each provider imports only its own cloud's SDK.
    files: ['packages/provider-linode/**/*.ts', 'packages/provider-digitalocean/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: cloudSdks, message: 'A provider imports only its own cloud SDK; this one speaks HTTP through fetch.' }] }],
    },
  },
  {
    // Async mistakes (a promise nobody awaits, an async callback where a sync one is expected)
    // need types to be seen; every TypeScript file that belongs to a project is linted with them.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Build and test-runner configuration and the external-provider fixture belong to no tsconfig.
    files: ['**/*.config.ts', '*.shared.ts', 'tools/fixtures/**/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/*.config.ts', 'tools/**/*.mjs', 'tools/**/*.ts', '*.shared.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
