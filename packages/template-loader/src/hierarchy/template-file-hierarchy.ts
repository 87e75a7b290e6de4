import { join } from 'node:path';
import { ConfigurationError } from '@ohf/domain-core';
import type { ProviderCapabilitiesV1 } from '@ohf/provider-sdk';

export type TemplateFileLevel = 'instance' | 'type' | 'main' | 'legacy';

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

function assertSafeName(kind: string, value: string): void {
  if (!safeNamePattern.test(value) || value === '.' || value === '..') {
    throw new ConfigurationError(
      `Provider ${kind} ${JSON.stringify(value)} cannot name a template file: use letters, digits, ".", "_" and "-" only.`,
      { details: { field: kind === 'instance name' ? 'name' : 'type', value } },
    );
  }
}

/**
 * The template files that apply to a set of provider instances, highest priority first:
 * one file per instance (in configuration order), one per provider type (in order of first
 * appearance), `templates.json`, then `awsprov_templates.json` as legacy when no instance
 * has the type `aws` (otherwise that name is the AWS type file).
 */
export function templateFileHierarchy(
  configDirectory: string,
  providerInstances: readonly ProviderInstanceReference[],
): TemplateFileReference[] {
  const ordered: Omit<TemplateFileReference, 'priority'>[] = [];
  const seen = new Set<string>();
  const add = (entry: Omit<TemplateFileReference, 'priority' | 'path'>): void => {
    if (seen.has(entry.name)) return;
    seen.add(entry.name);
    ordered.push({ ...entry, path: join(configDirectory, entry.name) });
  };

  for (const instance of providerInstances) {
    assertSafeName('instance name', instance.name);
    add({ name: instanceTemplateFileName(instance.name), level: 'instance', providerInstance: instance.name, providerType: instance.type });
  }
  const types: string[] = [];
  for (const instance of providerInstances) {
    assertSafeName('type', instance.type);
    if (!types.includes(instance.type)) types.push(instance.type);
  }
  for (const type of types) add({ name: typeTemplateFileName(type), level: 'type', providerType: type });
  add({ name: MAIN_TEMPLATE_FILE, level: 'main' });
  if (!types.includes('aws')) add({ name: LEGACY_TEMPLATE_FILE, level: 'legacy' });

  return ordered.map((entry, index) => ({ ...entry, priority: ordered.length - index }));
}
