import { ConfigurationError } from '@ohf/domain-core';
import { hierarchyFiles, unsafeHierarchyName, type HierarchyOptions, type ProviderInstanceReference, type TemplateFileReference } from './template-files.js';

/**
 * The template files that apply to a set of provider instances, highest priority first:
 * one file per instance (in configuration order), `<HF_PROVIDER_NAME>prov_templates.json` when
 * a Host Factory provider name is given, one per provider type (in order of first
 * appearance), `templates.json`, then `awsprov_templates.json` as legacy when no instance
 * has the type `aws` (otherwise that name is the AWS type file). Throws VALIDATION_ERROR for
 * an instance name or type that cannot be a file name.
 */
export function templateFileHierarchy(
  configDirectory: string,
  providerInstances: readonly ProviderInstanceReference[],
  options: HierarchyOptions = {},
): TemplateFileReference[] {
  const unsafe = unsafeHierarchyName(providerInstances);
  if (unsafe !== undefined) {
    throw new ConfigurationError(
      `Provider ${unsafe.kind === 'name' ? 'instance name' : 'type'} ${JSON.stringify(unsafe.value)} cannot name a template file: use letters, digits, ".", "_" and "-" only.`,
      { details: { field: unsafe.kind, value: unsafe.value } },
    );
  }
  return hierarchyFiles(configDirectory, providerInstances, options);
}
