import { join } from 'node:path';
import type { ProviderCapabilitiesV1 } from '@ohf/provider-sdk';

export type TemplateFileLevel = 'instance' | 'provider' | 'type' | 'main' | 'legacy';

/** A configured provider instance, as far as templates care. */
export interface ProviderInstanceReference {
  readonly name: string;
  readonly type: string;
  /** When given, templates pinned to this instance (providerName) are validated against it on load. */
  readonly capabilities?: ProviderCapabilitiesV1;
  /** Most machines this instance may run at once (a quota); checked against maxNumber. */
  readonly instanceLimit?: number;
}

/** One file of the hierarchy; `priority` is larger for files that win. */
export interface TemplateFileReference {
  readonly name: string;
  readonly path: string;
  readonly level: TemplateFileLevel;
  readonly priority: number;
  readonly providerInstance?: string;
  readonly providerType?: string;
}

export const MAIN_TEMPLATE_FILE = 'templates.json';
export const LEGACY_TEMPLATE_FILE = 'awsprov_templates.json';

export function instanceTemplateFileName(instanceName: string): string {
  return `${instanceName}_templates.json`;
}

export function typeTemplateFileName(providerType: string): string {
  return `${providerType}prov_templates.json`;
}

// Names become file names: anything that could leave the config directory is refused.
const safeNamePattern = /^[A-Za-z0-9_.-]+$/;

function isSafeName(value: string): boolean {
  return safeNamePattern.test(value) && value !== '.' && value !== '..';
}

/** The first instance name or type that cannot name a file, if any. */
export function unsafeHierarchyName(
  providerInstances: readonly Pick<ProviderInstanceReference, 'name' | 'type'>[],
): { kind: 'name' | 'type'; value: string } | undefined {
  for (const instance of providerInstances) {
    if (!isSafeName(instance.name)) return { kind: 'name', value: instance.name };
    if (!isSafeName(instance.type)) return { kind: 'type', value: instance.type };
  }
  return undefined;
}

export interface HierarchyOptions {
  /**
   * The Host Factory provider instance name (`HF_PROVIDER_NAME`, e.g. `awsinst`): IBM's plugins
   * keep that instance's templates in `<name>prov_templates.json` (awsprov_templates.json as
   * copied into `$HF_CONFDIR/providers/awsinst/`). A name that cannot be a file name is ignored.
   */
  readonly hostFactoryProviderName?: string | undefined;
}

/** The hierarchy for names already known to be safe (see `templateFileHierarchy`). */
export function hierarchyFiles(
  configDirectory: string,
  providerInstances: readonly Pick<ProviderInstanceReference, 'name' | 'type'>[],
  options: HierarchyOptions = {},
): TemplateFileReference[] {
  const ordered: Omit<TemplateFileReference, 'priority'>[] = [];
  const seen = new Set<string>();
  const add = (entry: Omit<TemplateFileReference, 'priority' | 'path'>): void => {
    if (seen.has(entry.name)) return;
    seen.add(entry.name);
    ordered.push({ ...entry, path: join(configDirectory, entry.name) });
  };

  for (const instance of providerInstances) {
    add({ name: instanceTemplateFileName(instance.name), level: 'instance', providerInstance: instance.name, providerType: instance.type });
  }
  const providerName = options.hostFactoryProviderName;
  if (providerName !== undefined && providerName !== '' && isSafeName(providerName)) {
    add({ name: typeTemplateFileName(providerName), level: 'provider' });
  }
  const types: string[] = [];
  for (const instance of providerInstances) if (!types.includes(instance.type)) types.push(instance.type);
  for (const type of types) add({ name: typeTemplateFileName(type), level: 'type', providerType: type });
  add({ name: MAIN_TEMPLATE_FILE, level: 'main' });
  if (!types.includes('aws')) add({ name: LEGACY_TEMPLATE_FILE, level: 'legacy' });

  return ordered.map((entry, index) => ({ ...entry, priority: ordered.length - index }));
}
