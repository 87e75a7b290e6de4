import { z } from 'zod';
import {
  mapInstanceState,
  parseProviderOptions,
  ProviderTemplateV1Schema,
  ProviderValidationError,
  type InstanceV1,
  type ProviderTemplateV1,
  type WarningV1,
} from '../../index.js';
import { DEFAULT_LOCATION, DEFAULT_SIZE } from './in-memory-catalog.js';
import type { StoredInstance } from './in-memory-cloud-state.js';
import { IN_MEMORY_STATE_MAP } from './in-memory-state-map.js';

const InMemoryProviderOptionsSchema = z.object({
  location: z.string().min(1).optional(),
  size: z.string().min(1).optional(),
});

/** What a template asks the fake cloud for. */
export interface CreatePlan {
  readonly instanceType: string;
  readonly location: string;
  readonly imageId: string | undefined;
  readonly lifecycle: 'ondemand' | 'spot';
  readonly instanceTags: Readonly<Record<string, string>>;
  readonly warnings: WarningV1[];
}

/** The template's machines for the fake cloud; an invalid template is a VALIDATION_ERROR naming the field. */
export function planInMemoryCreate(providerId: string, templateInput: ProviderTemplateV1): CreatePlan {
  const parsed = ProviderTemplateV1Schema.safeParse(templateInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderValidationError(`Invalid template: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), {
      providerId: providerId,
      field: issue?.path.join('.') ?? 'template',
    });
  }
  const template = parsed.data;
  const providerOptions = parseProviderOptions({
    providerId: providerId,
    providerOptions: template.providerOptions,
    schema: InMemoryProviderOptionsSchema,
  });
  const warnings: WarningV1[] = [];
  if (template.priceType === 'heterogeneous') {
    warnings.push({ type: 'unsupported', feature: 'priceType', message: 'Heterogeneous pricing is not supported; machines are created on demand.' });
  }
  return {
    instanceType: template.vmType ?? Object.keys(template.vmTypes ?? {})[0] ?? providerOptions.size ?? DEFAULT_SIZE,
    location: providerOptions.location ?? DEFAULT_LOCATION,
    imageId: template.imageId,
    lifecycle: template.priceType === 'spot' ? ('spot' as const) : ('ondemand' as const),
    instanceTags: template.instanceTags,
    warnings,
  };
}

/** A stored machine in the normalized shape. */
export function toInMemoryInstance(instance: StoredInstance): InstanceV1 {
  return {
    id: instance.id,
    state: mapInstanceState(IN_MEMORY_STATE_MAP, instance.nativeState),
    rawState: instance.nativeState,
    name: instance.name,
    hostName: inMemoryHostName(instance),
    privateIpAddress: instance.privateIpAddress,
    publicIpAddress: instance.publicIpAddress,
    instanceType: instance.instanceType,
    location: instance.location,
    launchTime: new Date(instance.createdAtMs).toISOString(),
    lifecycle: instance.lifecycle,
    tags: { ...instance.tags },
    providerMetadata: {
      ...(instance.imageId === undefined ? {} : { imageId: instance.imageId }),
      ...(instance.deletedAtMs === undefined ? {} : { deletedAt: new Date(instance.deletedAtMs).toISOString() }),
    },
  };
}

export function inMemoryHostName(instance: StoredInstance): string {
  return `${instance.name}.${instance.location}.memory.internal`;
}
