import { readJson, type Tree } from '@nx/devkit';
// The package has no exports map, so ESM needs the file name.
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing.js';
import { beforeEach, describe, expect, it } from 'vitest';
import providerGenerator from './provider.js';

describe('provider generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('packages/provider-sdk/package.json', JSON.stringify({ name: '@ohf/provider-sdk', version: '1.4.2' }));
    tree.write('tsconfig.json', JSON.stringify({ files: [], references: [{ path: './packages/provider-sdk' }] }));
  });

  it('scaffolds a provider package with every part a provider needs', async () => {
    await providerGenerator(tree, { name: 'acme' });
    const files = tree.children('packages/provider-acme/src').sort();
    expect(files).toEqual([
      'acme-api.ts',
      'acme-error-normalizer.ts',
      'acme-http-backend.test.ts',
      'acme-http-backend.ts',
      'acme-in-memory-backend.ts',
      'acme-provider-definition.ts',
      'acme-provider.conformance.test.ts',
      'acme-provider.ts',
      'acme-settings.ts',
      'acme-state-map.ts',
      'index.ts',
      'version.ts',
    ]);
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
      exports: { '.': { '@ohf/source': './src/index.ts', import: './dist/index.js' } },
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
    expect(read('acme-cloud-error-normalizer.ts')).toContain('export function normalizeAcmeCloudError(response: HttpErrorResponse): ProviderApiError {');
    expect(read('acme-cloud-provider-definition.ts')).toContain("type: 'acme-cloud',\n  displayName: 'ACME Compute',");
    const conformance = read('acme-cloud-provider.conformance.test.ts');
    expect(conformance).toContain("import { runProviderConformance } from '@ohf/provider-sdk/testing';");
    expect(conformance).toContain('harness: backend.harness,');
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
    expect(tree.read('external/provider-blue-sky/src/blue-sky-provider-definition.ts', 'utf-8')).toContain("displayName: 'Blue Sky',");
    expect(readJson(tree, 'external/provider-blue-sky/tsconfig.json').references).toEqual([{ path: '../../packages/provider-sdk' }]);
  });

  it('refuses bad names, built-in names and existing packages', async () => {
    await expect(providerGenerator(tree, { name: 'Acme_Cloud' })).rejects.toThrow(/kebab-case/);
    await expect(providerGenerator(tree, { name: 'aws' })).rejects.toThrow(/built-in/);
    tree.write('packages/provider-acme/package.json', '{}');
    await expect(providerGenerator(tree, { name: 'acme' })).rejects.toThrow(/already exists/);
  });
});
