import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfigDirectory, type ConfigDirectory } from '../__fixtures__/config-directory.js';
import { toHostFactoryTemplate } from '../host-factory/to-host-factory-template.js';
import { createTemplateLoader } from '../loader/template-loader.js';
import { readTemplateSnapshot } from './index.js';

const directories: ConfigDirectory[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => directory.remove()));
});

const attributes = { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] };
const providerInstances = [{ name: 'aws-us-east-1', type: 'aws' }];

async function setup() {
  const directory = await createConfigDirectory({
    'templates.json': [{ templateId: 'web', maxNumber: 2, attributes, imageId: '${AMI}', instanceTags: 'team=hpc' }],
    'aws-us-east-1_templates.json': [{ templateId: 'web', maxNumber: 5 }, { templateId: 'bad', attributes }],
  });
  directories.push(directory);
  const snapshotPath = join(directory.path, 'snapshot.json');
  const env = { AMI: 'ami-1' };
  const loader = createTemplateLoader({ configDirectory: directory.path, providerInstances, env, snapshotPath });
  const read = (overrides: Partial<Parameters<typeof readTemplateSnapshot>[0]> = {}) =>
    readTemplateSnapshot({ snapshotPath, configDirectory: directory.path, providerInstances, env, ...overrides });
  return { directory, loader, snapshotPath, read, env };
}

describe('template snapshot', () => {
  it('answers with the Host Factory view of the valid templates of the last full load', async () => {
    const { loader, read } = await setup();
    expect(await read()).toBeUndefined();
    const catalog = await loader.load();
    expect(await read()).toEqual(catalog.validTemplates.map(toHostFactoryTemplate));
    expect(await read()).toEqual([
      { templateId: 'web', maxNumber: 5, attributes, imageId: 'ami-1', instanceTags: 'team=hpc' },
    ]);
  });

  it('is not used once a template file, the instances, the level or a referenced variable changed', async () => {
    const { directory, loader, read, env } = await setup();
    await loader.load();
    expect(await read({ providerInstances: [...providerInstances, { name: 'linode-main', type: 'linode' }] })).toBeUndefined();
    expect(await read({ validationLevel: 'STRICT' })).toBeUndefined();
    expect(await read({ env: { ...env, AMI: 'ami-2' } })).toBeUndefined();
    expect(await read({ env: { ...env, UNRELATED: 'x' } })).toBeDefined();

    await directory.write('awsprov_templates.json', [{ templateId: 'web', vmType: 't3.small' }]);
    expect(await read()).toBeUndefined();
    await loader.load();
    expect((await read())?.[0]).toMatchObject({ templateId: 'web', vmType: 't3.small' });
  });

  it('is not written while a template file does not parse, so the next process never sees a shorter list', async () => {
    const { directory, loader, read } = await setup();
    await loader.load();
    expect(await read()).toHaveLength(1);
    await directory.writeText('templates.json', '[{"templateId": "web",');
    const catalog = await loader.load();
    expect(catalog.files.some((file) => file.broken)).toBe(true);
    expect(await read()).toBeUndefined();
  });

  it('covers <HF_PROVIDER_NAME>prov_templates.json: a change there is seen, and the name is part of the scope', async () => {
    const directory = await createConfigDirectory({ 'awsinstprov_templates.json': [{ templateId: 'web', maxNumber: 2, attributes, imageId: 'ami-1' }] });
    directories.push(directory);
    const snapshotPath = join(directory.path, 'snapshot.json');
    const scope = { configDirectory: directory.path, providerInstances: [{ name: 'awsinst', type: 'aws' }], hostFactoryProviderName: 'awsinst', env: {} };
    const loader = createTemplateLoader({ ...scope, snapshotPath });
    expect((await loader.load()).validTemplates.map((template) => template.templateId)).toEqual(['web']);
    expect(await readTemplateSnapshot({ ...scope, snapshotPath })).toEqual([expect.objectContaining({ templateId: 'web', maxNumber: 2 })]);
    expect(await readTemplateSnapshot({ ...scope, hostFactoryProviderName: 'other', snapshotPath })).toBeUndefined();
    await directory.write('awsinstprov_templates.json', [{ templateId: 'web', maxNumber: 3, attributes, imageId: 'ami-1' }]);
    expect(await readTemplateSnapshot({ ...scope, snapshotPath })).toBeUndefined();
  });

  it('treats a damaged or foreign snapshot as absent', async () => {
    const { loader, read, snapshotPath } = await setup();
    await loader.load();
    const content = JSON.parse(await readFile(snapshotPath, 'utf8')) as Record<string, unknown>;
    await writeFile(snapshotPath, JSON.stringify({ ...content, version: 99 }));
    expect(await read()).toBeUndefined();
    await writeFile(snapshotPath, '{"version": 1, "templa');
    expect(await read()).toBeUndefined();
    expect(await read({ providerInstances: [{ name: '../etc', type: 'aws' }] })).toBeUndefined();
  });

  it('keeps the fast path free of zod and the domain package', async () => {
    const source = resolve(dirname(fileURLToPath(import.meta.url)), '..');
    const visited = new Set<string>();
    const external = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (visited.has(file)) return;
      visited.add(file);
      const text = await readFile(file, 'utf8');
      // Value imports only: `import type` and `export type` vanish at build time.
      for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
        const specifier = match[1]!;
        if (specifier.startsWith('.')) await visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
        else external.add(specifier);
      }
    };
    await visit(join(source, 'snapshot', 'index.ts'));
    expect([...external].sort()).toEqual(['node:crypto', 'node:fs/promises', 'node:path']);
  });
});
