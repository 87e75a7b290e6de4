import { NotFoundError, type Template, type TemplateRepository } from '@ohf/domain-core';
import type { EngineSettings, SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';

export const ListProviderTemplatesSchema = acceptSnakeCase(
  z.object({
    type: z.literal('ListProviderTemplates'),
    providerName: z.string().min(1),
  }),
);
export type ListProviderTemplatesQuery = z.infer<typeof ListProviderTemplatesSchema>;

export interface ListProviderTemplatesResult {
  readonly providerName: string;
  readonly templates: readonly Template[];
}

/** A provider instance as template resolution sees it. */
export interface ServingInstance {
  readonly name: string;
  readonly type: string;
  /** The APIs (and features) the instance declares. */
  readonly capabilities: readonly string[];
}

export type ResolutionDefaults = Pick<EngineSettings, 'defaultProviderInstance' | 'defaultProviderType'>;

/**
 * Whether resolving `template` can lead to `instance` (SPEC §5): `providerName` → that instance;
 * else `providerType` → the instances of that type; else `providerApi` → the instances declaring
 * it; else the defaults (the default instance and the default type's instances, or every
 * instance when neither is set). Whatever the route, an instance that does not declare the
 * template's `providerApi` is never chosen for it. The failover chain is not resolution: it is
 * only tried when these candidates fail.
 */
export function canServe(template: Template, instance: ServingInstance, defaults: ResolutionDefaults): boolean {
  if (template.providerApi !== undefined && !instance.capabilities.includes(template.providerApi)) return false;
  if (template.providerName !== undefined) {
    return template.providerName === instance.name && (template.providerType === undefined || template.providerType === instance.type);
  }
  if (template.providerType !== undefined) return template.providerType === instance.type;
  if (template.providerApi !== undefined) return true;
  if (defaults.defaultProviderInstance === null && defaults.defaultProviderType === null) return true;
  return instance.name === defaults.defaultProviderInstance || instance.type === defaults.defaultProviderType;
}

/** The usable templates a provider instance can serve, by the resolution rules of `canServe`. */
export class ListProviderTemplatesHandler {
  constructor(private readonly dependencies: { readonly templates: TemplateRepository; readonly selection: SelectionEngine }) {}

  async handle(query: ListProviderTemplatesQuery): Promise<ListProviderTemplatesResult> {
    const { selection, templates } = this.dependencies;
    const instance = selection.getInstance(query.providerName);
    if (instance === undefined) {
      throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${query.providerName}" is not configured.`, {
        details: { provider_name: query.providerName, available_providers: selection.listInstances().map((each) => each.name) },
      });
    }
    const settings = selection.settings();
    return {
      providerName: instance.name,
      templates: (await templates.findAll()).filter((template) => canServe(template, instance, settings)),
    };
  }
}
