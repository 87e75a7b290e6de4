// Plain ESM JavaScript (type-checked through JSDoc): Nx loads generators with require(), and
// this workspace has no TypeScript loader for it (no ts-node or @swc-node/register).
import { generateFiles, joinPathFragments, names, offsetFromRoot, updateJson } from '@nx/devkit';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SDK_DIRECTORY = 'packages/provider-sdk';
const FALLBACK_SDK_VERSION = '0.1.0';

/**
 * @typedef {object} ProviderGeneratorOptions
 * @property {string} name Provider type in kebab-case, e.g. 'acme'.
 * @property {string} [displayName] Human name of the cloud; default: the name in title case.
 * @property {string} [directory] Default: packages/provider-<name>.
 */

/**
 * Scaffolds `packages/provider-<name>` in the shape every provider has: `<name>-provider.ts`
 * (an adapter on `defineComputeProvider` and `create<Name>Provider(settings, options)`),
 * `<name>-api.ts`, `<name>-settings.ts`, `<name>-state-map.ts`, `<name>-errors.ts`,
 * `test-support/` (an in-memory API with the conformance harness, exported as `./testing`),
 * README and a conformance test that passes as generated.
 *
 * @param {import('@nx/devkit').Tree} tree
 * @param {ProviderGeneratorOptions} options
 */
export default async function providerGenerator(tree, options) {
  const name = options.name?.trim() ?? '';
  if (!NAME_PATTERN.test(name)) {
    throw new Error(`Provider name "${name}" must be kebab-case (letters, digits, single dashes), e.g. "acme" or "acme-cloud".`);
  }
  if (['sdk', 'aws', 'linode', 'digitalocean', 'memory'].includes(name)) {
    throw new Error(`Provider name "${name}" is taken by a built-in provider or the SDK.`);
  }
  const directory = options.directory ?? `packages/provider-${name}`;
  if (tree.exists(directory) && tree.children(directory).length > 0) {
    throw new Error(`${directory} already exists; choose another name or remove it first.`);
  }

  const nameForms = names(name);
  const displayName = options.displayName?.trim() || nameForms.className.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  generateFiles(tree, join(dirname(fileURLToPath(import.meta.url)), 'files'), directory, {
    name,
    className: nameForms.className,
    propertyName: nameForms.propertyName,
    constantName: nameForms.constantName,
    displayName,
    sdkVersion: readSdkVersion(tree),
    offsetFromRoot: offsetFromRoot(directory),
    sdkPathFromProject: relative(directory, SDK_DIRECTORY).split('\\').join('/'),
  });

  if (tree.exists('tsconfig.json')) addRootReference(tree, `./${directory}`);

  tree.write(
    joinPathFragments('.changeset', `provider-${name}-initial.md`),
    `---\n"@ohf/provider-${name}": minor\n---\n\nThe ${displayName} compute provider (spec v1), passing the @ohf/provider-sdk conformance kit.\n`,
  );
}

/**
 * Adds the project to the root tsconfig's references, keeping the file's one-line-per-entry
 * layout when it has one (rewriting the whole file otherwise).
 *
 * @param {import('@nx/devkit').Tree} tree
 * @param {string} path
 */
function addRootReference(tree, path) {
  const text = tree.read('tsconfig.json', 'utf-8') ?? '';
  /** @type {{ references?: Array<{ path: string }> }} */
  const json = JSON.parse(text);
  if ((json.references ?? []).some((reference) => reference.path === path)) return;
  const lastEntry = /(\n([ \t]*)\{ "path": "[^"]*" \})(\s*\n[ \t]*\])/;
  if (lastEntry.test(text)) {
    tree.write('tsconfig.json', text.replace(lastEntry, (_match, entry, indent, end) => `${entry},\n${indent}{ "path": "${path}" }${end}`));
    return;
  }
  updateJson(tree, 'tsconfig.json', (/** @type {typeof json} */ current) => ({
    ...current,
    references: [...(current.references ?? []), { path }],
  }));
}

/** @param {import('@nx/devkit').Tree} tree */
function readSdkVersion(tree) {
  const manifestPath = joinPathFragments(SDK_DIRECTORY, 'package.json');
  if (!tree.exists(manifestPath)) return FALLBACK_SDK_VERSION;
  const manifest = JSON.parse(tree.read(manifestPath, 'utf-8') ?? '{}');
  return typeof manifest.version === 'string' ? manifest.version : FALLBACK_SDK_VERSION;
}
