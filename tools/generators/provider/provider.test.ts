import { readJson, type Tree } from '@nx/devkit';
// The package has no exports map, so ESM needs the file name.
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing.js';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import providerGenerator from './provider.js';

const run = promisify(execFile);
const workspaceRoot = resolve(import.meta.dirname, '../../..');
/** Lines of code the generated provider may spend on its own code: the SDK carries every shared rule. */
const OWN_CODE_LINE_BUDGET = 150;

/** The common shape every provider has (see the provider-sdk README). */
const GENERATED_SOURCE_FILES = (name: string): string[] => [
  `${name}-api.ts`,
  `${name}-errors.ts`,
  `${name}-provider.conformance.test.ts`,
  `${name}-provider.ts`,
  `${name}-settings.ts`,
  `${name}-state-map.ts`,
  'index.ts',
  `test-support/${name}-in-memory-api.ts`,
  'test-support/index.ts',
  'version.ts',
];

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** The outer vitest must not leak its settings into the nested run. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(npm_|VITEST|NODE_OPTIONS$|TINYPOOL|FORCE_COLOR$)/i.test(key));
  return { ...Object.fromEntries(inherited), NO_COLOR: '1' };
}

describe('provider generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('packages/provider-sdk/package.json', JSON.stringify({ name: '@ohf/provider-sdk', version: '1.4.2' }));
    tree.write('tsconfig.json', JSON.stringify({ files: [], references: [{ path: './packages/provider-sdk' }] }));
  });

  it('scaffolds a provider package in the common shape, with nothing else', async () => {
    await providerGenerator(tree, { name: 'acme' });
    const files = tree
      .listChanges()
      .map((change) => change.path)
      .filter((path) => path.startsWith('packages/provider-acme/src/'))
      .map((path) => path.slice('packages/provider-acme/src/'.length))
      .sort();
    expect(files).toEqual(GENERATED_SOURCE_FILES('acme'));
    for (const file of ['README.md', 'package.json', 'tsconfig.json', 'tsup.config.ts', 'vitest.config.ts']) {
      expect(tree.exists(`packages/provider-acme/${file}`), file).toBe(true);
    }
    const leftovers = tree
      .listChanges()
      .filter((change) => /__name__|\.template$/.test(change.path) || (change.content?.toString() ?? '').includes('<%'));
    expect(leftovers.map((change) => change.path)).toEqual([]);
  });

  it('writes a package.json like the other providers, depending on the SDK version in the workspace', async () => {
    await providerGenerator(tree, { name: 'acme-cloud' });
    const manifest = readJson(tree, 'packages/provider-acme-cloud/package.json');
    expect(manifest).toMatchObject({
      name: '@ohf/provider-acme-cloud',
      type: 'module',
      sideEffects: false,
      dependencies: { '@ohf/provider-sdk': '^1.4.2' },
      peerDependencies: { zod: '^4.0.0' },
      exports: {
        '.': { '@ohf/source': './src/index.ts', import: './dist/index.js' },
        './testing': { '@ohf/source': './src/test-support/index.ts', import: './dist/testing/index.js' },
      },
      nx: { tags: ['scope:provider', 'type:provider'] },
    });
    expect(readJson(tree, 'packages/provider-acme-cloud/tsconfig.json')).toMatchObject({
      extends: '../../tsconfig.base.json',
      references: [{ path: '../provider-sdk' }],
    });
  });

  it('names things from the provider name and wires the conformance kit', async () => {
    await providerGenerator(tree, { name: 'acme-cloud', displayName: 'ACME Compute' });
    const read = (file: string) => tree.read(`packages/provider-acme-cloud/src/${file}`, 'utf-8') ?? '';
    expect(read('acme-cloud-settings.ts')).toContain('export const AcmeCloudProviderSettingsSchema = z.object({');
    expect(read('acme-cloud-settings.ts')).toContain("ACME_CLOUD_TOKEN_ENVIRONMENT_VARIABLE = 'ACME_CLOUD_API_TOKEN'");
    expect(read('acme-cloud-state-map.ts')).toContain('export const ACME_CLOUD_STATE_MAP: InstanceStateMapV1<AcmeCloudServerStatus> = {');
    expect(read('acme-cloud-errors.ts')).toContain('export function normalizeAcmeCloudError(response: HttpErrorResponse): ProviderApiError {');
    const provider = read('acme-cloud-provider.ts');
    expect(provider).toContain("providerId: ACME_CLOUD_PROVIDER_ID,\n    displayName: 'ACME Compute',");
    expect(provider).toContain('export function createAcmeCloudProvider(settings: AcmeCloudProviderSettingsInput = {}, options: AcmeCloudProviderOptions = {}) {');
    expect(provider).toContain('export const acmeCloudProviderDefinition = defineAcmeCloudProvider().definition;');
    expect(read('acme-cloud-errors.ts')).toContain("export const ACME_CLOUD_PROVIDER_ID = 'acme-cloud';");
    const conformance = read('acme-cloud-provider.conformance.test.ts');
    expect(conformance).toContain("import { runProviderConformance } from '@ohf/provider-sdk/testing';");
    expect(conformance).toContain('harness: api.harness,');
    expect(tree.read('packages/provider-acme-cloud/README.md', 'utf-8')).toContain('# @ohf/provider-acme-cloud');
  });

  it('registers the project in the root tsconfig, keeping its layout, and adds a changeset', async () => {
    tree.write('tsconfig.json', '{\n  "files": [],\n  "references": [\n    { "path": "./packages/provider-sdk" },\n    { "path": "./tools" }\n  ]\n}\n');
    await providerGenerator(tree, { name: 'acme' });
    expect(tree.read('tsconfig.json', 'utf-8')).toBe(
      '{\n  "files": [],\n  "references": [\n    { "path": "./packages/provider-sdk" },\n    { "path": "./tools" },\n    { "path": "./packages/provider-acme" }\n  ]\n}\n',
    );
    await providerGenerator(tree, { name: 'other' });
    expect(readJson(tree, 'tsconfig.json').references).toHaveLength(4);
    expect(tree.read('.changeset/provider-acme-initial.md', 'utf-8')).toContain('"@ohf/provider-acme": minor');
  });

  it('derives a display name and honours another directory', async () => {
    await providerGenerator(tree, { name: 'blue-sky', directory: 'external/provider-blue-sky' });
    expect(readJson(tree, 'tsconfig.json').references).toContainEqual({ path: './external/provider-blue-sky' });
    expect(tree.read('external/provider-blue-sky/src/blue-sky-provider.ts', 'utf-8')).toContain("displayName: 'Blue Sky',");
    expect(readJson(tree, 'external/provider-blue-sky/tsconfig.json').references).toEqual([{ path: '../../packages/provider-sdk' }]);
  });

  it('refuses bad names, built-in names and existing packages', async () => {
    await expect(providerGenerator(tree, { name: 'Acme_Cloud' })).rejects.toThrow(/kebab-case/);
    await expect(providerGenerator(tree, { name: 'aws' })).rejects.toThrow(/built-in/);
    tree.write('packages/provider-acme/package.json', '{}');
    await expect(providerGenerator(tree, { name: 'acme' })).rejects.toThrow(/already exists/);
  });
});

describe('a generated provider, written into the workspace', () => {
  const name = `generated${process.pid}`;
  const directory = `tools/tmp/provider-${name}`;
  const projectRoot = join(workspaceRoot, directory);
  afterAll(() => rmSync(projectRoot, { recursive: true, force: true }));

  it(`stays under ${OWN_CODE_LINE_BUDGET} lines of its own code, typechecks, lints clean and passes the conformance kit`, { timeout: 300_000 }, async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('packages/provider-sdk/package.json', readFileSync(join(workspaceRoot, 'packages/provider-sdk/package.json'), 'utf8'));
    await providerGenerator(tree, { name, directory });
    for (const change of tree.listChanges()) {
      if (change.type === 'DELETE' || !change.path.startsWith(`${directory}/`) || change.content === null) continue;
      mkdirSync(dirname(join(workspaceRoot, change.path)), { recursive: true });
      writeFileSync(join(workspaceRoot, change.path), change.content);
    }

    const sources = filesUnder(join(projectRoot, 'src'));
    expect(sources).toEqual(GENERATED_SOURCE_FILES(name));
    // Its own code: what ships and runs in production (tests and the test doubles in test-support/
    // aside), counted as lines of code: blank lines and comments are free.
    const ownCode = sources.filter((file) => !file.endsWith('.test.ts') && !file.startsWith('test-support/'));
    const linesOfCode = (file: string) =>
      readFileSync(join(projectRoot, 'src', file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*($|\/\/|\/\*|\*)/.test(line)).length;
    expect(ownCode.reduce((total, file) => total + linesOfCode(file), 0)).toBeLessThan(OWN_CODE_LINE_BUDGET);

    const environment = cleanEnvironment();
    const bin = (tool: string) => join(workspaceRoot, 'node_modules/.bin', tool);
    await run(bin('tsc'), ['-b', projectRoot], { cwd: workspaceRoot, env: environment }).catch((error: { stdout?: string }) => {
      throw new Error(`the generated provider does not typecheck:\n${error.stdout ?? String(error)}`);
    });
    // tools/tmp is ignored by the workspace lint; a generated package in packages/ is not.
    await run(bin('eslint'), ['--no-ignore', join(projectRoot, 'src')], { cwd: workspaceRoot, env: environment }).catch((error: { stdout?: string }) => {
      throw new Error(`the generated provider does not lint clean:\n${error.stdout ?? String(error)}`);
    });
    const kit = await run(bin('vitest'), ['run', '--root', projectRoot], { cwd: workspaceRoot, env: environment }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`the generated provider fails the conformance kit:\n${error.stdout ?? ''}${error.stderr ?? String(error)}`);
      },
    );
    expect(kit.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(kit.stdout).not.toMatch(/failed|skipped/);
  });
});
