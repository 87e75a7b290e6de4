import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/**
 * Bundles the preload (this fake and its helpers; packages stay external, so the SDK modules it
 * mocks are the very ones the child process loads) into the repository's node_modules cache,
 * where the child resolves them. Returns the file to pass to `node --require`. CommonJS, so
 * that it `require`s the SDK packages as the provider does: an ESM import of each large
 * CommonJS bundle would have every child scan them for their format and exports first.
 */
export async function buildFakeAwsPreload(): Promise<string> {
  const { build } = await import('esbuild');
  const directory = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'ohf-fake-aws');
  mkdirSync(directory, { recursive: true });
  const output = join(directory, `preload-${process.pid}.cjs`);
  await build({
    entryPoints: [join(REPOSITORY_ROOT, 'packages', 'provider-aws', 'src', 'test-support', 'fake-aws-preload.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    packages: 'external',
    outfile: output,
    logLevel: 'error',
  });
  return output;
}
