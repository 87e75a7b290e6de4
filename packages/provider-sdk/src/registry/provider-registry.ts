import type { ComputeProviderV1 } from '../compute-provider/v1/compute-provider-v1.js';
import { InvalidProviderOptionsError, NoSuchProviderError, ProviderSdkError } from '../errors/provider-errors.js';
import { describeIssues, fieldIssues } from '../parsing/zod-issues.js';
import type { ProviderContextV1, ProviderDefinitionV1 } from '../provider-definition/provider-definition-v1.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- settings differ per provider type
type AnyProviderDefinition = ProviderDefinitionV1<any>;

type Registration =
  | { readonly kind: 'eager'; readonly definition: AnyProviderDefinition }
  | { readonly kind: 'lazy'; readonly load: () => Promise<AnyProviderDefinition>; loading?: Promise<AnyProviderDefinition> };

export interface RegisterOptions {
  /** Replace an existing registration of the same type instead of failing. */
  readonly replace?: boolean;
}

/**
 * The provider types an application knows and how to build configured instances of them.
 * Lazy registrations import a provider package only when an instance of it is created, so
 * commands that never touch AWS never load the AWS SDK.
 */
export class ProviderRegistry {
  readonly #registrations = new Map<string, Registration>();

  register(definition: AnyProviderDefinition, options: RegisterOptions = {}): void {
    this.#add(definition.type, { kind: 'eager', definition }, options);
  }

  registerLazy(type: string, load: () => Promise<AnyProviderDefinition>, options: RegisterOptions = {}): void {
    this.#add(type, { kind: 'lazy', load }, options);
  }

  has(type: string): boolean {
    return this.#registrations.has(type);
  }

  /** Registered types, sorted. */
  listTypes(): string[] {
    return [...this.#registrations.keys()].sort();
  }

  /** The definition of `type`, loading it on first use; unknown types → `NoSuchProviderError`. */
  async getDefinition(type: string): Promise<AnyProviderDefinition> {
    const registration = this.#registrations.get(type);
    if (!registration) throw new NoSuchProviderError(type, this.listTypes());
    if (registration.kind === 'eager') return registration.definition;
    registration.loading ??= registration.load().then((definition) => {
      if (definition?.type !== type) {
        throw new ProviderSdkError('INTERNAL', `The provider loaded for type "${type}" declares type "${String(definition?.type)}".`, {
          retryable: false,
          details: { requested_provider: type },
        });
      }
      return definition;
    });
    // A failed import may succeed later (e.g. a package installed meanwhile).
    registration.loading.catch(() => {
      if (this.#registrations.get(type) === registration) registration.loading = undefined;
    });
    return registration.loading;
  }

  /**
   * Validates `settings` (the instance's `config:` block) with the type's schema and builds
   * the provider. Invalid settings → `InvalidProviderOptionsError` naming `config.<field>`.
   */
  async create(type: string, settings: unknown, context: ProviderContextV1): Promise<ComputeProviderV1> {
    const definition = await this.getDefinition(type);
    const parsed = definition.settingsSchema.safeParse(settings ?? {});
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error, 'config');
      throw new InvalidProviderOptionsError(
        `Invalid settings for provider instance "${context.instanceName}" (type ${type}): ${describeIssues(issues)}`,
        { providerId: type, field: issues[0]?.field ?? 'config', details: { instance: context.instanceName, issues } },
      );
    }
    const provider = await definition.create(parsed.data, context);
    if (provider?.specificationVersion !== 'v1') {
      throw new ProviderSdkError(
        'API_NOT_SUPPORTED',
        `Provider type "${type}" implements specification "${String(provider?.specificationVersion)}"; this application supports v1.`,
        { providerId: type, retryable: false },
      );
    }
    return provider;
  }

  #add(type: string, registration: Registration, options: RegisterOptions): void {
    if (!type) throw new RangeError('ProviderRegistry: a provider type must be a non-empty string');
    if (this.#registrations.has(type) && !options.replace) {
      throw new ProviderSdkError('CONFLICT', `Provider type "${type}" is already registered; pass { replace: true } to replace it.`, {
        retryable: false,
        details: { provider_type: type },
      });
    }
    this.#registrations.set(type, registration);
  }
}
