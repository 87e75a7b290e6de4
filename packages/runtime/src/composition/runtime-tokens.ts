/**
 * Container tokens of the runtime's own services. Application ports keep the tokens their
 * packages define (domain-core repositories, application-cqrs ports).
 */
export const RuntimeTokens = {
  /** `LoadedConfiguration`: the validated configuration and the Symphony directories. */
  Configuration: Symbol.for('ohf.runtime.Configuration'),
  /** `Storage` (persistence), opened and migrated on first use. */
  Storage: Symbol.for('ohf.runtime.Storage'),
  /** `ProviderRegistry` of the provider types this process knows. */
  ProviderRegistry: Symbol.for('ohf.runtime.ProviderRegistry'),
  /** `TemplateLoader` over the config directory. */
  TemplateLoader: Symbol.for('ohf.runtime.TemplateLoader'),
  /** `SelectionEngine` built from the `providers:` section. */
  SelectionEngine: Symbol.for('ohf.runtime.SelectionEngine'),
  /** The application (`createApplication`): command, query and event buses. */
  Application: Symbol.for('ohf.runtime.Application'),
  /** Releases everything the runtime opened: `() => Promise<void>`. */
  Shutdown: Symbol.for('ohf.runtime.Shutdown'),
} as const;
