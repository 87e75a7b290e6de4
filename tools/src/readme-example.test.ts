import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const workspaceRoot = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(workspaceRoot, path), 'utf8');

describe('the provider-sdk README example', () => {
  const example = read('tools/fixtures/external-provider/src/tiny-provider.ts');
  const readme = read('packages/provider-sdk/README.md');

  it('is the external fixture provider, verbatim (so the README example is the tested one)', () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('is a complete provider in under 150 lines that imports only the SDK and zod', () => {
    expect(example.trimEnd().split('\n').length).toBeLessThan(150);
    const imported = [...example.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(new Set(imported)).toEqual(new Set(['@ohf/provider-sdk', 'zod']));
    expect(example).toContain('const tiny = defineComputeProvider(');
    expect(example).toContain('export const tinyProviderDefinition = tiny.definition;');
  });
});
