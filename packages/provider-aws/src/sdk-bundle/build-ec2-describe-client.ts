// Build-time only (run by tsup.config.ts and by the test beside it; never imported by the
// provider): esbuild and TypeScript are development dependencies of the repository.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import ts from 'typescript';
import { DESCRIBE_ONLY_EC2_OPERATIONS } from './ec2-describe-client-contents.js';

export { EC2_DESCRIBE_CLIENT_FILE } from './ec2-describe-client-contents.js';

/** The SDK's one module of all ~3,400 EC2 shape schemas (1.3 MB), of which a poll needs ~100. */
const SCHEMAS_MODULE = /client-ec2[\\/]dist-es[\\/]schemas[\\/]schemas_0\.js$/;

/**
 * Keeps, of a schemas module, the declarations `roots` reach (through every identifier their
 * initializers mention) and every statement that is not a declaration (imports, registrations).
 * esbuild cannot drop the unused schemas itself: their computed keys count as side effects.
 */
export function pruneSchemaModule(source: string, roots: readonly string[]): string {
  const file = ts.createSourceFile('schemas.js', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const declaredAt = new Map<string, number>();
  const mentions: Array<Set<string>> = [];
  const kept = new Set<number>();
  file.statements.forEach((statement, index) => {
    const names = new Set<string>();
    const collect = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) names.add(node.text);
      ts.forEachChild(node, collect);
    };
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) declaredAt.set(declaration.name.text, index);
        if (declaration.initializer) collect(declaration.initializer);
      }
    } else {
      collect(statement);
      kept.add(index);
    }
    mentions[index] = names;
  });
  const pending = [...roots, ...[...kept].flatMap((index) => [...(mentions[index] ?? [])])];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const index = declaredAt.get(name);
    if (index === undefined || kept.has(index)) continue;
    kept.add(index);
    pending.push(...(mentions[index] ?? []));
  }
  for (const root of roots) {
    if (!declaredAt.has(root)) throw new Error(`The EC2 schemas module no longer declares ${root}: the describe-only client cannot be built`);
  }
  return file.statements
    .filter((_, index) => kept.has(index))
    .map((statement) => statement.getFullText(file))
    .join('');
}

/**
 * Bundles `EC2Client` with the commands of DESCRIBE_ONLY_EC2_OPERATIONS into one CommonJS file
 * (the SDK's runtime, signing, credential chain and endpoint rules included, nothing external):
 * about a third of what `@aws-sdk/client-ec2` costs to load, which every status poll pays.
 */
export async function buildEc2DescribeClient(options: { packageDirectory: string; outfile: string }): Promise<void> {
  const exports = [
    `export { EC2Client } from '@aws-sdk/client-ec2/dist-es/EC2Client.js';`,
    ...DESCRIBE_ONLY_EC2_OPERATIONS.map((operation) => `export { ${operation}Command } from '@aws-sdk/client-ec2/dist-es/commands/${operation}Command.js';`),
  ];
  const roots = ['errorTypeRegistries', ...DESCRIBE_ONLY_EC2_OPERATIONS.map((operation) => `${operation}$`)];
  await build({
    stdin: { contents: exports.join('\n'), resolveDir: options.packageDirectory, loader: 'js', sourcefile: 'ec2-describe-client.js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The SDK imports Node.js built-ins with import() where it first needs them (the HTTP agent,
    // async_hooks): as require() instead, the file is plain CommonJS, which a caller may compile
    // itself (ohfp keeps it compiled between calls), where import() has no loader to call.
    supported: { 'dynamic-import': false },
    // The SDK's ES module builds, which esbuild can shake; its CommonJS builds are one file each.
    mainFields: ['module', 'main'],
    outfile: options.outfile,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'prune-ec2-schemas',
        setup(builder) {
          builder.onLoad({ filter: SCHEMAS_MODULE }, async ({ path }) => ({ contents: pruneSchemaModule(await readFile(path, 'utf8'), roots), loader: 'js' }));
        },
      },
    ],
  });
}
