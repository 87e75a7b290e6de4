import {
  Clock,
  createApplication,
  IdGenerator,
  Logger,
  MetricsSink,
  noopMetricsSink,
  ProviderInstances,
  selectionStateStoreFrom,
  SelectionStateStore,
  silentLogger,
  type Application,
  type ApplicationOptions,
  type ProvisioningSettings,
} from '@ohf/application-cqrs';
import { MachineRepository, randomIdGenerator, type DomainEvent, RequestRepository, systemClock, TemplateRepository } from '@ohf/domain-core';
import type { ProviderRegistry } from '@ohf/provider-sdk';
import type { StorageOptions } from '@ohf/persistence';
import { createSelectionEngine, parseSelectionEngineConfig, type SelectionEngine } from '@ohf/selection-engine';
import { createTemplateLoader, FileTemplateRepository, type TemplateLoader } from '@ohf/template-loader';
import { ContainerModule } from 'inversify';
import type { Configuration } from '../configuration/configuration-schema.js';
import type { LoadedConfiguration } from '../configuration/load-configuration.js';
import type { Environment } from '../configuration/expand-environment.js';
import { priceFilePath, readPriceFile } from '../configuration/price-file.js';
import { toPricingConfig } from '../configuration/pricing-configuration.js';
import { ConfiguredProviderInstances } from '../providers/configured-provider-instances.js';
import { PersistingProviderInstances, ProviderRegistrationStore } from '../providers/provider-registrations.js';
import { secretBoxFromEnvironment } from '../secrets/secret-box.js';
import { createDefaultProviderRegistry } from '../providers/default-provider-registry.js';
import { toStorageConfig } from '../storage/storage-configuration.js';
import { LazyStorage } from './lazy-storage.js';
import { RuntimeTokens } from './runtime-tokens.js';

const seconds = (value: number | undefined): number | undefined => (value === undefined ? undefined : value * 1000);

/** The configuration's `provisioning` section (seconds, snake_case) as application settings. */
function provisioningSettings(section: Configuration['provisioning']): Partial<ProvisioningSettings> {
  const settings = {
    deadlineMs: seconds(section.deadline_seconds),
    inFlightAttemptLeaseMs: seconds(section.in_flight_attempt_lease_seconds),
    maxTransientAttemptsPerInstance: section.max_transient_attempts_per_instance,
    missingMachineGraceMs: seconds(section.missing_machine_grace_seconds),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** The storage's audit trail and organizations for the application: quotas checked, events listed and pruned. */
function tenancyPorts(storage: LazyStorage): { audit: LazyStorage['events']; tenancy: LazyStorage['tenancy'] } {
  return { audit: storage.events, tenancy: storage.tenancy };
}

export interface RuntimeModuleOptions {
  readonly environment?: Environment;
  readonly logger?: Logger;
  readonly metrics?: MetricsSink;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Replaces the default provider registry (e.g. with third-party provider types added). */
  readonly providerRegistry?: ProviderRegistry;
  /** Passed to fetch-based providers; tests inject a mock. */
  readonly fetch?: typeof globalThis.fetch;
  readonly application?: ApplicationOptions;
  /** Where the template loader writes the getAvailableTemplates snapshot (the CLI's fast path). */
  readonly templateSnapshotPath?: string;
  /**
   * How storage is opened: `keepParsedDocuments: false` for a process that reads each document
   * once; `parsedDocuments` shared by the storages of a process that opens one per call.
   */
  readonly storage?: Pick<StorageOptions, 'keepParsedDocuments' | 'parsedDocuments'>;
}

/**
 * The inversify ContainerModules both apps load, one per area. Every binding is a lazily
 * created singleton, and storage opens on first use, so a command pays only for what it uses.
 * The apps alone create the Container.
 */
export function createRuntimeModules(loaded: LoadedConfiguration, options: RuntimeModuleOptions = {}): ContainerModule[] {
  const environment = options.environment ?? process.env;
  const { configuration } = loaded;

  // The selection engine is built before the application's event bus; its events (circuit
  // opened/closed, health changed) are forwarded once the application exists.
  const engineEvents: { publish?: (event: DomainEvent) => Promise<void> } = {};

  const configurationModule = new ContainerModule(({ bind }) => {
    bind(RuntimeTokens.Configuration).toConstantValue(loaded);
    bind(Logger).toConstantValue(options.logger ?? silentLogger);
    bind(MetricsSink).toConstantValue(options.metrics ?? noopMetricsSink);
    bind(Clock).toConstantValue(options.clock ?? systemClock);
    bind(IdGenerator).toConstantValue(options.ids ?? randomIdGenerator);
  });

  const storageModule = new ContainerModule(({ bind }) => {
    bind(RuntimeTokens.Storage)
      .toDynamicValue(() => new LazyStorage(toStorageConfig(configuration.storage, environment), options.storage))
      .inSingletonScope();
    bind(RequestRepository)
      .toDynamicValue((context) => context.get<LazyStorage>(RuntimeTokens.Storage).requests)
      .inSingletonScope();
    bind(MachineRepository)
      .toDynamicValue((context) => context.get<LazyStorage>(RuntimeTokens.Storage).machines)
      .inSingletonScope();
    bind(SelectionStateStore)
      .toDynamicValue((context) => selectionStateStoreFrom(context.get<LazyStorage>(RuntimeTokens.Storage).state))
      .inSingletonScope();
  });

  const templatesModule = new ContainerModule(({ bind }) => {
    bind(RuntimeTokens.TemplateLoader)
      .toDynamicValue(() =>
        createTemplateLoader({
          configDirectory: loaded.paths.configDirectory,
          providerInstances: configuration.providers.providers.map(({ name, type }) => ({ name, type })),
          // Symphony's provider instance name: its `<name>prov_templates.json` joins the hierarchy.
          hostFactoryProviderName: environment.HF_PROVIDER_NAME || undefined,
          env: environment,
          validationLevel: configuration.templates.validation_level,
          ...(options.templateSnapshotPath ? { snapshotPath: options.templateSnapshotPath } : {}),
        }),
      )
      .inSingletonScope();
    bind(TemplateRepository)
      .toDynamicValue((context) => new FileTemplateRepository(context.get<TemplateLoader>(RuntimeTokens.TemplateLoader)))
      .inSingletonScope();
  });

  const providersModule = new ContainerModule(({ bind }) => {
    bind(RuntimeTokens.ProviderRegistry)
      .toDynamicValue(() => options.providerRegistry ?? createDefaultProviderRegistry())
      .inSingletonScope();
    bind(ProviderInstances)
      .toDynamicValue((context) => {
        const logger = context.get<Logger>(Logger);
        const configured = new ConfiguredProviderInstances({
          instances: configuration.providers.providers,
          registry: context.get<ProviderRegistry>(RuntimeTokens.ProviderRegistry),
          logger,
          environment,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        // Run-time registrations are kept in storage, so every later process has them too.
        const storage = context.get<LazyStorage>(RuntimeTokens.Storage);
        const registrations = new ProviderRegistrationStore(storage.providerInstances, storage.state, secretBoxFromEnvironment(environment), context.get<Clock>(Clock));
        return new PersistingProviderInstances(configured, registrations, logger);
      })
      .inSingletonScope();
  });

  const selectionModule = new ContainerModule(({ bind }) => {
    bind(RuntimeTokens.SelectionEngine)
      .toDynamicValue((context) => {
        const { providers: _instances, ...settings } = configuration.providers;
        return createSelectionEngine({
          ...parseSelectionEngineConfig({ ...settings, instances: configuration.providers.providers }),
          clock: context.get<Clock>(Clock),
          // The engine exists before the application's event bus: forward once both are built.
          onEvent: (event) => {
            void engineEvents.publish?.(event).catch(() => undefined);
          },
        });
      })
      .inSingletonScope();
  });

  const applicationModule = new ContainerModule(({ bind }) => {
    bind(RuntimeTokens.Application)
      .toDynamicValue((context): Application => {
        const application = createApplication({
            requests: context.get(RequestRepository),
            machines: context.get(MachineRepository),
            templates: context.get(TemplateRepository),
            providers: context.get(ProviderInstances),
            selection: context.get<SelectionEngine>(RuntimeTokens.SelectionEngine),
            selectionState: context.get(SelectionStateStore),
            templateLoader: context.get<TemplateLoader>(RuntimeTokens.TemplateLoader),
            clock: context.get(Clock),
            ids: context.get(IdGenerator),
            logger: context.get(Logger),
            metrics: context.get(MetricsSink),
            stateStore: context.get<LazyStorage>(RuntimeTokens.Storage).state,
            catalog: context.get<LazyStorage>(RuntimeTokens.Storage).catalog,
            ...tenancyPorts(context.get<LazyStorage>(RuntimeTokens.Storage)),
            pricing: toPricingConfig(configuration.pricing),
            loadPriceFile: () => readPriceFile(priceFilePath(loaded.paths, configuration.catalog.price_file)),
            options: {
              templateValidationLevel: configuration.templates.validation_level,
              reconcile: {
                intervalMs: configuration.reconcile.interval_seconds * 1000,
                terminateOrphans: configuration.reconcile.terminate_orphans,
              },
              catalogSyncIntervalMs: configuration.catalog.sync_interval_minutes * 60_000,
              ...options.application,
              // The app's settings apply over the configuration's, key by key: an app that sets
              // one setting must not drop the others the configuration gives.
              provisioning: { ...provisioningSettings(configuration.provisioning), ...options.application?.provisioning },
            },
          });
        engineEvents.publish = (event) => application.events.publish(event);
        return application;
      })
      .inSingletonScope();
    bind(RuntimeTokens.Shutdown)
      .toDynamicValue((context) => async () => {
        await context.get<PersistingProviderInstances>(ProviderInstances).dispose();
        await context.get<LazyStorage>(RuntimeTokens.Storage).close();
      })
      .inSingletonScope();
  });

  return [configurationModule, storageModule, templatesModule, providersModule, selectionModule, applicationModule];
}
