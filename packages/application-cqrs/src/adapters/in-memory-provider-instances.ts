import { ConfigurationError, NotFoundError } from '@ohf/domain-core';
import { secretValuesOf, type ComputeProviderV1 } from '@ohf/provider-sdk';
import type {
  ProviderInstanceDescriptor,
  ProviderInstanceRegistration,
  ProviderInstances,
} from '../ports/provider-instances.js';

export interface InMemoryProviderInstance {
  readonly descriptor: Partial<Omit<ProviderInstanceDescriptor, 'name'>> & { readonly name: string };
  /** The client, or a factory called on first use (to check laziness). */
  readonly provider: ComputeProviderV1 | (() => ComputeProviderV1 | Promise<ComputeProviderV1>);
  /** The instance's settings; the values of secret-named ones are its `secretsOf`. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/**
 * Test and in-process adapter of ProviderInstances over ready-made clients (for example the
 * in-memory provider double). `register` needs a `createProvider` function, since only the
 * runtime knows how to build a client from settings.
 */
export class InMemoryProviderInstances implements ProviderInstances {
  private readonly descriptors = new Map<string, ProviderInstanceDescriptor>();
  private readonly factories = new Map<string, () => ComputeProviderV1 | Promise<ComputeProviderV1>>();
  private readonly created = new Map<string, Promise<ComputeProviderV1>>();
  private readonly secrets = new Map<string, readonly string[]>();
  /** How many clients were created, by instance name. */
  readonly creations = new Map<string, number>();

  constructor(
    instances: readonly InMemoryProviderInstance[],
    private readonly createProvider?: (registration: ProviderInstanceRegistration) => ComputeProviderV1 | Promise<ComputeProviderV1>,
  ) {
    for (const instance of instances) {
      const provider = instance.provider;
      this.add(
        {
          type: typeof provider === 'function' ? 'memory' : provider.providerId,
          enabled: true,
          priority: 100,
          weight: 1,
          capabilities: [],
          ...instance.descriptor,
        },
        typeof provider === 'function' ? provider : () => provider,
      );
      if (instance.settings !== undefined) this.secrets.set(instance.descriptor.name, secretValuesOf(instance.settings));
    }
  }

  secretsOf(name: string): readonly string[] {
    return this.secrets.get(name) ?? [];
  }

  async list(): Promise<readonly ProviderInstanceDescriptor[]> {
    return [...this.descriptors.values()];
  }

  async get(name: string): Promise<ComputeProviderV1> {
    const factory = this.factories.get(name);
    if (factory === undefined) {
      const available = [...this.descriptors.keys()];
      throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${name}" is not configured; available: ${available.join(', ') || '(none)'}.`, {
        details: { provider_name: name, available_providers: available },
      });
    }
    let created = this.created.get(name);
    if (created === undefined) {
      created = Promise.resolve(factory());
      this.created.set(name, created);
      this.creations.set(name, (this.creations.get(name) ?? 0) + 1);
    }
    return created;
  }

  async register(registration: ProviderInstanceRegistration): Promise<ProviderInstanceDescriptor> {
    const createProvider = this.createProvider;
    if (createProvider === undefined) {
      throw new ConfigurationError(`Provider instances cannot be registered here ("${registration.name}"): no provider factory was given.`, {
        code: 'API_NOT_SUPPORTED',
      });
    }
    const { config: _config, ...descriptor } = registration;
    this.created.delete(registration.name);
    this.add(descriptor, () => createProvider(registration));
    this.secrets.set(registration.name, secretValuesOf(registration.config));
    return descriptor;
  }

  private add(descriptor: ProviderInstanceDescriptor, factory: () => ComputeProviderV1 | Promise<ComputeProviderV1>): void {
    this.descriptors.set(descriptor.name, descriptor);
    this.factories.set(descriptor.name, factory);
  }
}
