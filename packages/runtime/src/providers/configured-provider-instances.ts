import type { ProviderInstanceDescriptor, ProviderInstanceRegistration, ProviderInstances } from '@ohf/application-cqrs';
import { NotFoundError } from '@ohf/domain-core';
import { secretValuesOf, type ComputeProviderV1, type ProviderLoggerV1, type ProviderRegistry } from '@ohf/provider-sdk';
import type { ProviderInstanceConfiguration } from '../configuration/configuration-schema.js';
import { environmentSecrets } from './configured-secrets.js';
import { missingCredentialsOf } from './credential-sources.js';

export interface ConfiguredProviderInstancesOptions {
  readonly instances: readonly ProviderInstanceConfiguration[];
  readonly registry: ProviderRegistry;
  readonly logger?: ProviderLoggerV1;
  readonly environment?: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof globalThis.fetch;
}

function describe(instance: ProviderInstanceConfiguration, owner?: string): ProviderInstanceDescriptor {
  return {
    ...(owner === undefined ? {} : { organizationId: owner }),
    name: instance.name,
    type: instance.type,
    enabled: instance.enabled,
    priority: instance.priority,
    weight: instance.weight,
    capabilities: [...instance.capabilities],
    ...(instance.organizations === undefined ? {} : { organizations: [...instance.organizations] }),
  };
}

/**
 * The provider instances of the configuration. A client is created (and its provider package
 * imported) on first `get`, and initialised once; concurrent first calls share the creation.
 */
export class ConfiguredProviderInstances implements ProviderInstances {
  readonly #instances = new Map<string, ProviderInstanceConfiguration>();
  /** Instances an organization registered, by name: their owner. */
  readonly #owners = new Map<string, string>();
  readonly #clients = new Map<string, Promise<ComputeProviderV1>>();
  readonly #options: ConfiguredProviderInstancesOptions;
  #environmentSecrets: readonly string[] | undefined;

  constructor(options: ConfiguredProviderInstancesOptions) {
    this.#options = options;
    for (const instance of options.instances) this.#instances.set(instance.name, instance);
  }

  async list(): Promise<readonly ProviderInstanceDescriptor[]> {
    return [...this.#instances.values()].map((instance) => describe(instance, this.#owners.get(instance.name)));
  }

  get(name: string): Promise<ComputeProviderV1> {
    const existing = this.#clients.get(name);
    if (existing) return existing;
    const instance = this.#instances.get(name);
    if (!instance) {
      return Promise.reject(
        new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance '${name}' not found in configuration`, {
          details: { requested_provider: name, available_providers: [...this.#instances.keys()] },
        }),
      );
    }
    const creating = this.#create(instance);
    this.#clients.set(name, creating);
    // A failed creation (bad settings, missing credentials) is retried on the next call.
    creating.catch(() => this.#clients.delete(name));
    return creating;
  }

  /**
   * The credentials an instance works with: the secret-named values of its settings, and those
   * of the environment handed to providers (AWS_SECRET_ACCESS_KEY, LINODE_TOKEN, …), which a
   * provider reads when its settings name none.
   */
  secretsOf(name: string): readonly string[] {
    const instance = this.#instances.get(name);
    if (!instance) return [];
    this.#environmentSecrets ??= environmentSecrets(this.#options.environment ?? process.env);
    return [...secretValuesOf(instance.config), ...this.#environmentSecrets];
  }

  /** Why an enabled instance cannot sign its calls (no credential source found), looked up anew each time. */
  missingCredentialsOf(name: string): string | undefined {
    const instance = this.#instances.get(name);
    if (!instance?.enabled) return undefined;
    return missingCredentialsOf(instance.type, instance.config, this.#options.environment ?? process.env);
  }

  async register(registration: ProviderInstanceRegistration): Promise<ProviderInstanceDescriptor> {
    const instance: ProviderInstanceConfiguration = {
      name: registration.name,
      type: registration.type,
      enabled: registration.enabled,
      priority: registration.priority,
      weight: registration.weight,
      capabilities: [...registration.capabilities],
      config: { ...registration.config },
    };
    // Validate by creating the client before the instance becomes visible.
    const client = await this.#create(instance);
    const previous = this.#clients.get(instance.name);
    this.#instances.set(instance.name, instance);
    if (registration.organizationId === undefined) this.#owners.delete(instance.name);
    else this.#owners.set(instance.name, registration.organizationId);
    this.#clients.set(instance.name, Promise.resolve(client));
    if (previous) void previous.then((old) => old.dispose?.()).catch(() => undefined);
    return describe(instance, registration.organizationId);
  }

  /** Releases every created client (sockets, timers). */
  async dispose(): Promise<void> {
    const clients = await Promise.allSettled([...this.#clients.values()]);
    await Promise.allSettled(
      clients.flatMap((result) => (result.status === 'fulfilled' && result.value.dispose ? [result.value.dispose()] : [])),
    );
    this.#clients.clear();
  }

  async #create(instance: ProviderInstanceConfiguration): Promise<ComputeProviderV1> {
    const client = await this.#options.registry.create(instance.type, instance.config, {
      instanceName: instance.name,
      ...(this.#options.logger ? { logger: this.#options.logger } : {}),
      ...(this.#options.environment ? { env: this.#options.environment } : {}),
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
    });
    await client.initialize();
    return client;
  }
}
