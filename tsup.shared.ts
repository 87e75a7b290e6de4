import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'tsup';

/**
 * The one build recipe every package uses: ESM, declarations, source maps, ES2022,
 * `__PACKAGE_VERSION__` defined from the package's own package.json.
 */
export function packageBuild(
  packageDirectory: string,
  overrides: Partial<Options> = {},
): Options {
  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    target: 'es2022',
    platform: 'node',
    // Declarations are built against the dependencies' built declarations (`dependsOn: ^build`),
    // not their sources through the `@ohf/source` condition: each package's declaration build
    // then compiles its own sources only (runtime's: 3.5 instead of 16.6 s, back to back).
    dts: { compilerOptions: { composite: false, emitDeclarationOnly: false, customConditions: [] } },
    sourcemap: true,
    clean: true,
    splitting: false,
    tsconfig: 'tsconfig.json',
    define: { __PACKAGE_VERSION__: JSON.stringify(manifest.version) },
    ...overrides,
  };
}
