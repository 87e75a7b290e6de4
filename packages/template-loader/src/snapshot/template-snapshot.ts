import { createHash } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { nodeTemplateFileSystem, statKey, type TemplateFileSystem } from '../file-system/template-file-system.js';
import type { Environment } from '../format/expand-environment.js';
import { hierarchyFiles, unsafeHierarchyName, type ProviderInstanceReference, type TemplateFileReference } from '../hierarchy/template-files.js';
import type { HostFactoryTemplate } from '../host-factory/to-host-factory-template.js';
import { DEFAULT_VALIDATION_LEVEL, type ValidationLevel } from '../validation/validation-level.js';

// This module is the CLI's fast path: it must not import zod or @ohf/domain-core (their import
// alone costs more than reading the snapshot), so the snapshot is checked by hand. It is our
// own cache file: anything unexpected is a miss, never an error.

export const TEMPLATE_SNAPSHOT_VERSION = 2;

/** What the valid templates were resolved from; all of it must match for the snapshot to be used. */
interface TemplateSnapshotContent {
  readonly version: typeof TEMPLATE_SNAPSHOT_VERSION;
  readonly configDirectory: string;
  readonly providerInstances: readonly (readonly [string, string])[];
  /** `HF_PROVIDER_NAME` the hierarchy was computed with (null when none). */
  readonly hostFactoryProviderName: string | null;
  readonly validationLevel: ValidationLevel;
  /** statKey of each hierarchy file (or "missing"), in hierarchy order. */
  readonly files: readonly string[];
  /** `${…}` variables the files refer to, and a hash of their values (values themselves may be secrets). */
  readonly variables: readonly string[];
  readonly environmentHash: string;
  readonly templates: readonly HostFactoryTemplate[];
}

export interface TemplateSnapshotScope {
  readonly configDirectory: string;
  readonly providerInstances: readonly Pick<ProviderInstanceReference, 'name' | 'type'>[];
  /** `HF_PROVIDER_NAME`, as given to the loader: it adds `<name>prov_templates.json` to the hierarchy. */
  readonly hostFactoryProviderName?: string | undefined;
  /** Default LENIENT. */
  readonly validationLevel?: ValidationLevel;
  /** Default `process.env`. */
  readonly env?: Environment;
  readonly fileSystem?: TemplateFileSystem;
}

export interface ReadTemplateSnapshotOptions extends TemplateSnapshotScope {
  /** The file the loader's `snapshotPath` option writes. */
  readonly snapshotPath: string;
}

export function environmentHash(variables: readonly string[], environment: Environment): string {
  const values = [...variables].sort().map((name) => [name, environment[name] ?? null]);
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

/** The statKey of every file, or undefined when one cannot be examined (then nothing is cached). */
export async function hierarchyFileKeys(files: readonly TemplateFileReference[], fileSystem: TemplateFileSystem): Promise<string[] | undefined> {
  try {
    const stats = await Promise.all(files.map((file) => fileSystem.stat(file.path)));
    return stats.map((stat) => (stat === undefined ? 'missing' : statKey(stat)));
  } catch {
    return undefined;
  }
}

function instancePairs(instances: TemplateSnapshotScope['providerInstances']): [string, string][] {
  return instances.map((instance) => [instance.name, instance.type]);
}

/** Writes the snapshot (temp file + rename; no fsync: losing it only costs one full load). */
export async function writeTemplateSnapshot(
  snapshotPath: string,
  scope: Required<Pick<TemplateSnapshotScope, 'configDirectory' | 'providerInstances' | 'validationLevel' | 'env'>> & Pick<TemplateSnapshotScope, 'hostFactoryProviderName'>,
  fileKeys: readonly string[],
  variables: readonly string[],
  templates: readonly HostFactoryTemplate[],
): Promise<void> {
  const content: TemplateSnapshotContent = {
    version: TEMPLATE_SNAPSHOT_VERSION,
    configDirectory: scope.configDirectory,
    providerInstances: instancePairs(scope.providerInstances),
    hostFactoryProviderName: scope.hostFactoryProviderName ?? null,
    validationLevel: scope.validationLevel,
    files: fileKeys,
    variables,
    environmentHash: environmentHash(variables, scope.env),
    templates,
  };
  const temporaryPath = join(dirname(snapshotPath), `.${basename(snapshotPath)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temporaryPath, JSON.stringify(content));
    await rename(temporaryPath, snapshotPath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

function sameInstances(left: unknown, right: readonly [string, string][]): boolean {
  return (
    Array.isArray(left) &&
    left.length === right.length &&
    left.every((pair, index) => Array.isArray(pair) && pair[0] === right[index]?.[0] && pair[1] === right[index]?.[1])
  );
}

/**
 * The Host Factory `getAvailableTemplates` entries of the last full load, when no template
 * file, configured instance, validation level or referenced environment variable has changed
 * since; otherwise `undefined` (load with the loader, which writes a fresh snapshot).
 */
export async function readTemplateSnapshot(options: ReadTemplateSnapshotOptions): Promise<readonly HostFactoryTemplate[] | undefined> {
  const fileSystem = options.fileSystem ?? nodeTemplateFileSystem;
  if (unsafeHierarchyName(options.providerInstances) !== undefined) return undefined;
  let content: Partial<TemplateSnapshotContent>;
  try {
    const text = await fileSystem.readFile(options.snapshotPath);
    content = JSON.parse(text) as Partial<TemplateSnapshotContent>;
  } catch {
    return undefined;
  }
  if (
    typeof content !== 'object' ||
    content === null ||
    content.version !== TEMPLATE_SNAPSHOT_VERSION ||
    content.configDirectory !== options.configDirectory ||
    content.validationLevel !== (options.validationLevel ?? DEFAULT_VALIDATION_LEVEL) ||
    !sameInstances(content.providerInstances, instancePairs(options.providerInstances)) ||
    content.hostFactoryProviderName !== (options.hostFactoryProviderName ?? null) ||
    !Array.isArray(content.files) ||
    !Array.isArray(content.variables) ||
    !Array.isArray(content.templates)
  ) {
    return undefined;
  }
  if (content.environmentHash !== environmentHash(content.variables, options.env ?? process.env)) return undefined;
  const hierarchy = hierarchyFiles(options.configDirectory, options.providerInstances, { hostFactoryProviderName: options.hostFactoryProviderName });
  const keys = await hierarchyFileKeys(hierarchy, fileSystem);
  if (keys === undefined || keys.length !== content.files.length || keys.some((key, index) => key !== content.files?.[index])) {
    return undefined;
  }
  return content.templates;
}
