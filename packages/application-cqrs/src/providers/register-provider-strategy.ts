import { OrganizationIdSchema } from '@ohf/domain-core';
import type { SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { ProviderInstanceDescriptor, ProviderInstances } from '../ports/provider-instances.js';

/** Accepts the strategy guide's form (`strategy_name`, `provider_type`, `strategy_config`, capability flags). */
export const RegisterProviderStrategySchema = z.preprocess(
  (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const input = value as Record<string, unknown>;
    const pick = (...keys: string[]) => keys.map((key) => input[key]).find((entry) => entry !== undefined);
    const capabilities = pick('capabilities');
    return {
      type: input['type'],
      name: pick('name', 'strategyName', 'strategy_name'),
      providerType: pick('providerType', 'provider_type'),
      config: pick('config', 'strategyConfig', 'strategy_config') ?? {},
      capabilities:
        capabilities !== null && typeof capabilities === 'object' && !Array.isArray(capabilities)
          ? Object.entries(capabilities).filter(([, supported]) => supported === true).map(([capability]) => capability)
          : (capabilities ?? []),
      ...(pick('priority') === undefined ? {} : { priority: pick('priority') }),
      ...(pick('weight') === undefined ? {} : { weight: pick('weight') }),
      ...(pick('enabled') === undefined ? {} : { enabled: pick('enabled') }),
      ...(pick('replace') === undefined ? {} : { replace: pick('replace') }),
      ...(pick('organizationId', 'organization_id') === undefined ? {} : { organizationId: pick('organizationId', 'organization_id') }),
    };
  },
  z.object({
    type: z.literal('RegisterProviderStrategy'),
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/, 'provider instance names may contain letters, digits, ".", "_" and "-"'),
    providerType: z.string().min(1),
    /** Provider settings, validated by the provider's own settings schema when the client is created. */
    config: z.record(z.string(), z.unknown()),
    capabilities: z.array(z.string().min(1)),
    priority: z.number().int().default(100),
    weight: z.number().nonnegative().default(1),
    enabled: z.boolean().default(true),
    /** Replace an instance of the same name instead of refusing (CONFLICT). */
    replace: z.boolean().default(false),
    /** The organization that registers it and alone may use it; absent: a global instance every organization may use. */
    organizationId: OrganizationIdSchema.optional(),
  }),
);
export type RegisterProviderStrategyCommand = z.infer<typeof RegisterProviderStrategySchema>;

export interface RegisterProviderStrategyResult {
  readonly instance: ProviderInstanceDescriptor;
  readonly replaced: boolean;
}

/**
 * Adds a provider instance at run time: ProviderInstances keeps it (and its settings), selection
 * starts choosing it. Settings never come back in results.
 */
export class RegisterProviderStrategyHandler {
  constructor(private readonly dependencies: { readonly providers: ProviderInstances; readonly selection: SelectionEngine }) {}

  async handle(command: RegisterProviderStrategyCommand): Promise<RegisterProviderStrategyResult> {
    const { providers, selection } = this.dependencies;
    const descriptor: ProviderInstanceDescriptor = {
      name: command.name,
      type: command.providerType,
      enabled: command.enabled,
      priority: command.priority,
      weight: command.weight,
      capabilities: command.capabilities,
      ...(command.organizationId === undefined ? {} : { organizationId: command.organizationId }),
    };
    const replaced = selection.getInstance(command.name) !== undefined;
    // Selection first: it refuses a duplicate name (CONFLICT) before anything is stored.
    const previous = selection.getInstance(command.name);
    const { organizationId: _owner, ...selected } = descriptor;
    selection.registerInstance({ ...selected, capabilities: [...descriptor.capabilities] }, { replace: command.replace });
    try {
      const registered = await providers.register({ ...descriptor, config: command.config });
      return { instance: registered, replaced };
    } catch (error) {
      if (previous === undefined) selection.unregisterInstance(command.name);
      else selection.registerInstance(previous, { replace: true });
      throw error;
    }
  }
}
