// One-off scaffold of the workspace projects (kept for reference; rerunning never overwrites files).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = process.cwd();
const projects = [
  { dir: 'packages/domain-core', name: '@ohf/domain-core', tags: ['scope:core', 'type:domain'], deps: [], peers: { zod: '^4.0.0' }, description: 'Template, Request and Machine aggregates, lifecycle state machines, domain events, the error hierarchy and repository ports of Open Host Factory.' },
  { dir: 'packages/provider-sdk', name: '@ohf/provider-sdk', tags: ['scope:sdk', 'type:spec'], deps: [], peers: { zod: '^4.0.0' }, description: 'The versioned compute provider contract (spec v1), typed errors, HTTP/retry/rate-limit/cache helpers, the provider registry and the conformance kit.' },
  { dir: 'packages/selection-engine', name: '@ohf/selection-engine', tags: ['scope:core', 'type:application'], deps: ['@ohf/domain-core'], peers: { zod: '^4.0.0' }, description: 'Provider instance selection: policies, criteria, health windows, circuit breakers, capacity block list, failover chains and explanations.' },
  { dir: 'packages/template-loader', name: '@ohf/template-loader', tags: ['scope:core', 'type:application'], deps: ['@ohf/domain-core', '@ohf/provider-sdk'], peers: { zod: '^4.0.0' }, description: 'Template files: Host Factory and snake_case formats, file hierarchy, field-level override with provenance, validation levels, mtime cache and migration.' },
  { dir: 'packages/application-cqrs', name: '@ohf/application-cqrs', tags: ['scope:core', 'type:application'], deps: ['@ohf/domain-core', '@ohf/provider-sdk', '@ohf/selection-engine', '@ohf/template-loader'], peers: { zod: '^4.0.0' }, description: 'Command, query and event buses with middleware, and every Open Host Factory use case as a handler.' },
  { dir: 'packages/persistence', name: '@ohf/persistence', tags: ['scope:core', 'type:infrastructure'], deps: ['@ohf/domain-core'], external: { 'better-sqlite3': '^12.2.0', pg: '^8.16.0' }, peers: { zod: '^4.0.0' }, description: 'Repository adapters for Open Host Factory: SQLite (embedded default), JSON file and PostgreSQL.' },
  { dir: 'packages/runtime', name: '@ohf/runtime', tags: ['scope:core', 'type:runtime'], deps: ['@ohf/domain-core', '@ohf/provider-sdk', '@ohf/application-cqrs', '@ohf/selection-engine', '@ohf/template-loader', '@ohf/persistence'], external: { inversify: '^7.5.0', 'reflect-metadata': '^0.2.2', yaml: '^2.8.0' }, peers: { zod: '^4.0.0' }, description: 'Configuration loading (file, HF_* environment overrides, defaults) and the inversify ContainerModules both Open Host Factory apps load.' },
  { dir: 'packages/provider-aws', name: '@ohf/provider-aws', tags: ['scope:provider', 'type:provider'], deps: ['@ohf/provider-sdk'], external: { '@aws-sdk/client-ec2': '^3.850.0', '@aws-sdk/client-auto-scaling': '^3.850.0', '@aws-sdk/client-cloudwatch': '^3.850.0', '@aws-sdk/client-sts': '^3.850.0', '@aws-sdk/client-ssm': '^3.850.0' }, peers: { zod: '^4.0.0' }, description: 'AWS compute provider for Open Host Factory: EC2 Fleet, Spot Fleet, Auto Scaling groups and RunInstances over the AWS SDK v3.' },
  { dir: 'packages/provider-linode', name: '@ohf/provider-linode', tags: ['scope:provider', 'type:provider'], deps: ['@ohf/provider-sdk'], peers: { zod: '^4.0.0' }, description: 'Linode (API v4) compute provider for Open Host Factory over fetch and zod.' },
  { dir: 'packages/provider-digitalocean', name: '@ohf/provider-digitalocean', tags: ['scope:provider', 'type:provider'], deps: ['@ohf/provider-sdk'], peers: { zod: '^4.0.0' }, description: 'DigitalOcean (API v2) compute provider for Open Host Factory over fetch and zod.' },
  { dir: 'apps/cli', name: '@ohf/cli', tags: ['scope:app', 'type:app'], deps: ['@ohf/runtime', '@ohf/domain-core', '@ohf/provider-sdk', '@ohf/application-cqrs', '@ohf/selection-engine', '@ohf/template-loader', '@ohf/persistence', '@ohf/provider-aws', '@ohf/provider-linode', '@ohf/provider-digitalocean'], external: { pino: '^9.7.0', inversify: '^7.5.0', 'reflect-metadata': '^0.2.2', zod: '^4.0.0' }, app: true, description: 'The ohfp command: the IBM Spectrum Symphony Host Factory provider contract and the Open Host Factory noun-verb commands.' },
  { dir: 'apps/api', name: '@ohf/api', tags: ['scope:app', 'type:app'], deps: ['@ohf/runtime', '@ohf/domain-core', '@ohf/provider-sdk', '@ohf/application-cqrs', '@ohf/selection-engine', '@ohf/template-loader', '@ohf/persistence', '@ohf/provider-aws', '@ohf/provider-linode', '@ohf/provider-digitalocean'], external: { fastify: '^5.4.0', '@fastify/swagger': '^9.5.0', '@fastify/swagger-ui': '^5.2.0', 'fastify-type-provider-zod': '^6.0.0', 'prom-client': '^15.1.3', pino: '^9.7.0', inversify: '^7.5.0', 'reflect-metadata': '^0.2.2', zod: '^4.0.0' }, app: true, description: 'The Open Host Factory REST API server.' },
];

const write = (file, text) => {
  const path = join(root, file);
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

for (const project of projects) {
  const dependencies = Object.fromEntries(project.deps.map((dep) => [dep, '^0.1.0']));
  Object.assign(dependencies, project.external ?? {});
  const manifest = {
    name: project.name,
    version: '0.1.0',
    description: project.description,
    license: 'Apache-2.0',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20.19' },
    exports: {
      '.': {
        types: { '@ohf/source': './src/index.ts', default: './dist/index.d.ts' },
        '@ohf/source': './src/index.ts',
        import: './dist/index.js',
        default: './dist/index.js',
      },
      './package.json': './package.json',
    },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', 'src', '!**/*.test.ts', '!**/__fixtures__', '!**/__snapshots__'],
    scripts: {
      build: 'tsup',
      typecheck: 'tsc -b',
      lint: 'eslint .',
      test: 'vitest run',
      'check-package': 'publint --strict && attw --pack . --profile esm-only',
    },
    dependencies,
    ...(project.peers ? { peerDependencies: project.peers } : {}),
    publishConfig: { access: 'public', provenance: true },
    nx: { tags: project.tags },
  };
  if (!project.peers) delete manifest.peerDependencies;
  write(`${project.dir}/package.json`, JSON.stringify(manifest, null, 2) + '\n');

  const references = project.deps.map((dep) => {
    const target = projects.find((candidate) => candidate.name === dep);
    return { path: relative(project.dir, target.dir) };
  });
  write(
    `${project.dir}/tsconfig.json`,
    JSON.stringify(
      {
        extends: relative(project.dir, 'tsconfig.base.json'),
        compilerOptions: { rootDir: 'src', outDir: 'out-tsc', tsBuildInfoFile: 'out-tsc/tsconfig.tsbuildinfo' },
        include: ['src/**/*.ts'],
        references,
      },
      null,
      2,
    ) + '\n',
  );
  write(
    `${project.dir}/tsup.config.ts`,
    `import { defineConfig } from 'tsup';\nimport { packageBuild } from '${relative(project.dir, 'tsup.shared.ts').replace(/\.ts$/, '.js')}';\n\nexport default defineConfig(packageBuild(import.meta.dirname));\n`,
  );
  write(
    `${project.dir}/vitest.config.ts`,
    `import { defineConfig, mergeConfig } from 'vitest/config';\nimport { sharedTestConfig } from '${relative(project.dir, 'vitest.shared.ts').replace(/\.ts$/, '.js')}';\n\nexport default mergeConfig(sharedTestConfig, defineConfig({}));\n`,
  );
  write(
    `${project.dir}/src/version.ts`,
    `declare const __PACKAGE_VERSION__: string | undefined;\n\n/** The published version of this package (replaced at build time). */\nexport const VERSION: string =\n  typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-source';\n`,
  );
}
console.log('scaffolded', projects.length, 'projects');
